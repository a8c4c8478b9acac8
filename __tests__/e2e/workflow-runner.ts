import * as fs from 'node:fs';
import {parse} from 'yaml';
import {runJob, type ActionRun} from './harness.js';

/**
 * Runs a reusable workflow of this repository as GitHub would for a caller, on the lab: its jobs in `needs` order,
 * a matrix job once per entry, each job's steps through the runner-like launcher (this action's steps run
 * dist/index.js with their `with:` evaluated; `run:` steps in bash with their `env:`), job and workflow outputs
 * evaluated from the step outputs. What it cannot run it refuses rather than fakes: a third-party action whose `if`
 * holds (login and metadata-action need GitHub) unless the caller names what stands in for it (checkout: the
 * context is a local directory), a step reading an output of a step that runs in the same job.
 */

type Context = Record<string, unknown>;
interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: {matrix: unknown};
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: {workflow_call: {inputs: Record<string, {default?: unknown}>; outputs: Record<string, {value: string}>}};
  jobs: Record<string, Job>;
}

/** A value as text, as the runner writes it into a string: nothing for null, JSON for an object. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A GitHub expression's value: `a.b.c` paths, 'strings', true/false, ==, !=, &&, ||, fromJSON(), as the runner reads them. */
export function evaluate(expr: string, ctx: Context): unknown {
  const tokens = expr.match(/'(?:[^']|'')*'|==|!=|&&|\|\||[()]|[\w.-]+/g) ?? [];
  let at = 0;
  const path = (p: string): unknown =>
    p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Context)[k] : undefined), ctx);
  const primary = (): unknown => {
    const t = tokens[at++];
    if (t === '(') {
      const v = or();
      at++;
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replaceAll("''", "'");
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'fromJSON') {
      at++;
      const v = or();
      at++;
      return JSON.parse(String(v));
    }
    return path(t);
  };
  const compare = (): unknown => {
    const left = primary();
    const op = tokens[at];
    if (op !== '==' && op !== '!=') return left;
    at++;
    const equal = text(left) === text(primary());
    return op === '==' ? equal : !equal;
  };
  const and = (): unknown => {
    let v = compare();
    while (tokens[at] === '&&') {
      at++;
      const right = compare();
      v = v ? right : v;
    }
    return v;
  };
  const or = (): unknown => {
    let v = and();
    while (tokens[at] === '||') {
      at++;
      const right = and();
      v = v ? v : right;
    }
    return v;
  };
  return or();
}

/** A value with its `${{ }}` parts replaced; a value that is one whole expression keeps its type. */
export function substitute(value: unknown, ctx: Context): unknown {
  if (typeof value !== 'string') return value;
  const whole = /^\$\{\{(.*)\}\}$/s.exec(value.trim());
  if (whole && !whole[1].includes('}}')) return evaluate(whole[1], ctx);
  return value.replace(/\$\{\{(.*?)\}\}/gs, (_, e: string) => text(evaluate(e, ctx)));
}

const condition = (text: string | undefined, ctx: Context): boolean =>
  text === undefined ? true : !!substitute(text.includes('${{') ? text : `\${{ ${text} }}`, ctx);

const strings = (o: Record<string, unknown> | undefined, ctx: Context): Record<string, string> =>
  Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, text(substitute(v, ctx))]));

export interface WorkflowRun {
  jobs: Record<string, {runs: {matrix?: Context; steps: (ActionRun & {id?: string})[]}[]; outputs: Context}>;
  outputs: Record<string, string>;
}

/** What a caller gives: the inputs, the secrets, the runner's environment, the stand-ins for third-party actions. */
export interface WorkflowCall {
  with: Record<string, unknown>;
  secrets?: Record<string, string>;
  env?: Record<string, string>;
  /** An action (owner/name) → what stands in for it here: its steps are left out. */
  standIns?: Record<string, string>;
}

/** One run of a job (one matrix entry): its steps evaluated up front, then run as one job. */
async function runOnce(name: string, job: Job, ctx: Context, call: WorkflowCall) {
  const jobEnv = strings(job.env, ctx);
  const stepsCtx: Record<string, {outputs: Context}> = {};
  type Spec = {inputs: Record<string, string>} | {run: string; env: Record<string, string>};
  const live: {step: Step; spec: Spec}[] = [];
  for (const step of job.steps) {
    const here = {...ctx, env: jobEnv, steps: stepsCtx};
    if (!condition(step.if, here)) {
      if (step.id) stepsCtx[step.id] = {outputs: {}};
      continue;
    }
    if (
      JSON.stringify(step)
        .match(/steps\.([\w-]+)\.outputs/g)
        ?.some(m => !stepsCtx[m.split('.')[1]])
    )
      throw new Error(`${name}: a step reads an output of a step that runs in the same job; run them here one by one`);
    if (step.uses && !step.uses.startsWith('org/xbuild-action@')) {
      if (call.standIns?.[step.uses.split('@')[0]] !== undefined) continue;
      throw new Error(`${name}: ${step.uses} would run here, and only GitHub runs it`);
    }
    live.push({
      step,
      spec: step.run ? {run: step.run, env: strings(step.env, here)} : {inputs: strings(step.with, here)}
    });
  }
  const results = await runJob(
    live.map(l => l.spec),
    {env: {...call.env, ...jobEnv}}
  );
  live.forEach((l, i) => {
    if (l.step.id) stepsCtx[l.step.id] = {outputs: results[i].outputs};
  });
  const outputs = strings(job.outputs, {...ctx, steps: stepsCtx});
  return {steps: results.map((r, i) => ({...r, id: live[i].step.id})), outputs};
}

/** Calls the workflow with `with` and `secrets`; `env` is what the runner gives every step (e.g. the token service). */
export async function runWorkflow(file: string, call: WorkflowCall): Promise<WorkflowRun> {
  const workflow = parse(fs.readFileSync(file, 'utf8')) as Workflow;
  const declared = workflow.on.workflow_call.inputs;
  const inputs = Object.fromEntries(Object.entries(declared).map(([k, d]) => [k, call.with[k] ?? d.default ?? '']));
  const needs: Context = {};
  const run: WorkflowRun = {jobs: {}, outputs: {}};
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const ctx: Context = {inputs, secrets: call.secrets ?? {}, needs};
    const after = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []);
    if (after.some(n => !needs[n])) throw new Error(`job ${name} needs ${after.join(', ')}: list the jobs in order`);
    if (!condition(job.if, ctx)) continue;
    const matrix = job.strategy ? (substitute(job.strategy.matrix, ctx) as {include: Context[]}) : undefined;
    const runs = [];
    for (const entry of matrix?.include ?? [undefined])
      runs.push({matrix: entry, ...(await runOnce(name, job, {...ctx, matrix: entry}, call))});
    const failed = runs.flatMap(r => r.steps).find(s => s.main.code !== 0);
    run.jobs[name] = {runs, outputs: runs[runs.length - 1].outputs};
    if (failed) throw new Error(`job ${name} failed:\n${failed.main.log.split('\n').slice(-30).join('\n')}`);
    needs[name] = {outputs: runs[runs.length - 1].outputs, result: 'success'};
  }
  const jobs = Object.fromEntries(Object.entries(run.jobs).map(([k, j]) => [k, {outputs: j.outputs}]));
  run.outputs = strings(
    Object.fromEntries(Object.entries(workflow.on.workflow_call.outputs).map(([k, o]) => [k, o.value])),
    {jobs}
  );
  return run;
}
