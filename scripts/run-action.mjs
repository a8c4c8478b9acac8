#!/usr/bin/env node
// Runs dist/index.js the way the GitHub runner does: INPUT_* env, GITHUB_OUTPUT / GITHUB_STATE /
// GITHUB_STEP_SUMMARY files, then the post step with the saved state as STATE_* env.
// Docker is reached through a PATH shim that records each call (one line per call) and can run
// a fault-injection command after a successful `buildx build` (XB_AFTER_BUILD), then runs the real CLI.
// Used by the e2e tests, the demo and the benchmark.
//   node scripts/run-action.mjs platforms=linux/amd64,linux/arm64 tags=localhost:5000/a:1 push=true
import {execFileSync, spawn} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLED_NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
export const NODE = fs.existsSync(BUNDLED_NODE) ? BUNDLED_NODE : process.execPath;
export const REAL_DOCKER = execFileSync('bash', ['-c', 'command -v docker'], {encoding: 'utf8'}).trim();

/** The token the runner puts in `${{ github.token }}`: a stand-in, so the tests can prove it never leaks. */
export const RUNNER_TOKEN = 'ghs_e2eRunnerToken0123456789abcdef';

/**
 * Every declared input with its default, as the runner sets them (INPUT_<NAME>, an expression default
 * evaluated), then the step's own inputs over them.
 */
function inputEnv(inputs) {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const env = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = input.default === '${{ github.token }}' ? RUNNER_TOKEN : (input.default ?? '');
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

/** Parses the runner's file commands (GITHUB_OUTPUT, GITHUB_STATE): `name<<delimiter … delimiter` and `name=value` lines. */
export function parseCommandFile(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(\S+)$/.exec(lines[i]);
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      out[block[1]] = lines.slice(i + 1, end < 0 ? lines.length : end).join('\n');
      i = end < 0 ? lines.length : end;
    } else if (lines[i].includes('='))
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
  }
  return out;
}

function writeShim(dir) {
  const shim = `#!/usr/bin/env bash
# one record per call: arguments end with the ASCII unit separator, the call with the record separator, so an
# argument may hold a newline (no process spawned: it is timed too); written at once, as calls run in parallel
printf -v record '%s\x1f' "$@"
printf '%s\x1e' "$record" >> "$XB_DOCKER_LOG"
started=$EPOCHREALTIME
"${REAL_DOCKER}" "$@"
rc=$?
# when it ran (epoch seconds, bash's own clock: no process), for the benchmark's account of the time
printf '%s %s %s\n' "$started" "$EPOCHREALTIME" "$*" >> "$XB_DOCKER_LOG.times"
if [ $rc = 0 ] && [ "$1 $2" = "buildx build" ] && [ -n "\${XB_AFTER_BUILD:-}" ]; then
  hook=$XB_AFTER_BUILD; XB_AFTER_BUILD= bash -c "$hook" >&2
fi
exit $rc
`;
  fs.writeFileSync(path.join(dir, 'docker'), shim, {mode: 0o755});
}

/**
 * Runs one step; resolves with its exit code, its log and the time to its first line of output. `wrap` is a command
 * the step's node runs under (e.g. `unshare -m …`: the step in a mount namespace of its own).
 */
function runStep(env, {echo, wrap = []}, script) {
  return new Promise(resolve => {
    const startedAt = performance.timeOrigin + performance.now();
    const started = process.hrtime.bigint();
    let firstOutputMs = -1;
    let log = '';
    const command = script
      ? ['bash', '-eo', 'pipefail', '-c', script]
      : [...wrap, NODE, path.join(ROOT, 'dist', 'index.js')];
    const child = spawn(command[0], command.slice(1), {env});
    const take = chunk => {
      if (firstOutputMs < 0) firstOutputMs = Number(process.hrtime.bigint() - started) / 1e6;
      log += chunk;
      if (echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', code =>
      resolve({
        code: code ?? -1,
        log,
        firstOutputMs,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        startedAt,
        endedAt: performance.timeOrigin + performance.now()
      })
    );
  });
}

/** One step's files and environment in a job: its own GITHUB_OUTPUT/STATE/STEP_SUMMARY and docker call log. */
function stepEnv(jobDir, index, inputs, env) {
  const dir = path.join(jobDir, `step-${index}`);
  fs.mkdirSync(dir);
  const files = {output: 'output', state: 'state', summary: 'summary', calls: 'docker-calls.jsonl'};
  for (const [k, f] of Object.entries(files)) fs.writeFileSync((files[k] = path.join(dir, f)), '');
  return {
    files,
    env: {
      PATH: `${path.join(jobDir, 'bin')}:${path.dirname(NODE)}:/usr/local/bin:/usr/bin:/bin`,
      HOME: process.env.HOME,
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: path.join(jobDir, 'temp'),
      XB_DOCKER_LOG: files.calls,
      ...env,
      ...inputEnv(inputs)
    }
  };
}

/** The shim's timings: each docker call's start and end (epoch ms) and its arguments, in the order they ended. */
function readTimes(file) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const [start, end, ...args] = line.split(' ');
      return {start: Number(start) * 1000, end: Number(end) * 1000, args};
    });
}

function stepResult(files, main, post, runnerTemp) {
  return {
    main,
    post,
    outputs: parseCommandFile(fs.readFileSync(files.output, 'utf8')),
    summary: fs.readFileSync(files.summary, 'utf8'),
    dockerCalls: fs
      .readFileSync(files.calls, 'utf8')
      .split('\x1e')
      .filter(Boolean)
      .map(l => l.split('\x1f').slice(0, -1)),
    dockerTimes: readTimes(`${files.calls}.times`),
    runnerTemp
  };
}

/**
 * Runs the steps of one job as the runner does: each step's main in order, then the post steps in reverse order,
 * with one RUNNER_TEMP for the job. A step's post gets the state its main saved. A step `{run: script}` is a
 * workflow's own `run:` step: the script in bash (-eo pipefail, as the runner runs it), with the job's environment
 * and the docker shim, and no post.
 */
export async function runJob(steps, options = {}) {
  const jobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-run-'));
  fs.mkdirSync(path.join(jobDir, 'bin'));
  fs.mkdirSync(path.join(jobDir, 'temp'));
  writeShim(path.join(jobDir, 'bin'));
  const prepared = steps.map((step, i) => ({
    ...stepEnv(jobDir, i, step.inputs ?? {}, {...options.env, ...step.env}),
    run: step.run
  }));
  const mains = [];
  for (const step of prepared) mains.push(await runStep(step.env, options, step.run));
  const posts = [];
  for (const step of [...prepared].reverse()) {
    // a run: step (the workflow's own commands) has no post
    if (step.run) {
      posts.unshift({code: 0, log: '', firstOutputMs: 0, ms: 0});
      continue;
    }
    const postEnv = {...step.env};
    for (const [k, v] of Object.entries(parseCommandFile(fs.readFileSync(step.files.state, 'utf8'))))
      postEnv[`STATE_${k}`] = v;
    posts.unshift(await runStep(postEnv, options));
  }
  const results = prepared.map((step, i) => stepResult(step.files, mains[i], posts[i], path.join(jobDir, 'temp')));
  fs.rmSync(path.join(jobDir, 'bin'), {recursive: true, force: true});
  return results;
}

/** Runs one step (main, then post) as a job of its own. */
export async function runAction(inputs, options = {}) {
  const [result] = await runJob([{inputs}], options);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const inputs = Object.fromEntries(
    process.argv.slice(2).map(a => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1).replaceAll('\\n', '\n')])
  );
  const run = await runAction(inputs, {echo: true});
  console.log('\n== outputs');
  for (const [k, v] of Object.entries(run.outputs)) if (k !== 'metadata') console.log(`${k}: ${v}`);
  console.log(`== docker CLI calls: ${run.dockerCalls.length}`);
  process.exitCode = run.main.code || run.post.code;
}
