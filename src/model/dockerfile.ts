/**
 * Reads the parts of a Dockerfile that decide which platform each stage runs on and which base images it
 * pulls: global ARGs, FROM lines (with --platform, AS), RUN and COPY --from. Line continuations, comments,
 * parser directives and heredoc bodies are handled; everything else is skipped.
 */

type StagePlatform = 'target' | 'build' | 'fixed';

export interface Stage {
  index: number;
  name: string;
  /** The FROM image after ARG substitution; '' when it cannot be resolved (an ARG with no value). */
  base: string;
  /** The FROM text as written. */
  baseText: string;
  /** `target`: runs on each target platform; `build`: --platform=$BUILDPLATFORM (cross-compiling, native); `fixed`: a literal platform. */
  platform: StagePlatform;
  fixedPlatform?: string;
  /** The base is another stage of this file (by name or index). */
  fromStage?: number;
  hasRun: boolean;
  /** Stages this one copies from (COPY --from, RUN --mount=from=). */
  uses: number[];
}

interface Instruction {
  keyword: string;
  args: string;
}

/** Joins continuation lines, drops comments and heredoc bodies, and splits into instructions. */
export function instructions(text: string): Instruction[] {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split('\n').slice(0, 5).join('\n')) ? '`' : '\\';
  const lines = text.split(/\r?\n/);
  const out: Instruction[] = [];
  let current = '';
  let heredoc: string[] = [];
  for (const raw of lines) {
    if (heredoc.length) {
      if (raw.replace(/^\t+/, '').trim() === heredoc[0]) heredoc.shift();
      continue;
    }
    const line = current ? raw : raw.trimStart();
    if (!current && (line.startsWith('#') || line.trim() === '')) continue;
    if (current && /^\s*#/.test(raw)) continue; // comments inside a continuation are dropped
    if (line.trimEnd().endsWith(escape)) {
      current += line.trimEnd().slice(0, -1) + ' ';
      continue;
    }
    const full = (current + line).trim();
    current = '';
    const m = /^(\w+)\s*(.*)$/s.exec(full);
    if (!m) continue;
    out.push({keyword: m[1].toUpperCase(), args: m[2]});
    heredoc = [...m[2].matchAll(/<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/g)].map(h => h[1]);
  }
  return out;
}

/** Replaces `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}`; undefined variables leave `undefined` in the result. */
export function substitute(text: string, vars: Record<string, string | undefined>): string | undefined {
  let unresolved = false;
  const value = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (...m) => {
      const name = (m[1] ?? m[4]) as string;
      const op = m[2] as string | undefined;
      const word = (m[3] as string | undefined) ?? '';
      const v = vars[name];
      if (op?.endsWith('-')) return v === undefined || (op === ':-' && v === '') ? word : v;
      if (op?.endsWith('+')) return v === undefined || (op === ':+' && v === '') ? '' : word;
      if (v === undefined) unresolved = true;
      return v ?? '';
    }
  );
  return unresolved ? undefined : value;
}

const unquote = (s: string): string => s.replace(/^(["'])(.*)\1$/, '$2');

/** Parses `NAME[=default]` ARG lines. */
function readArgs(args: string): [string, string | undefined][] {
  return args
    .split(/\s+/)
    .filter(Boolean)
    .map(a => {
      const eq = a.indexOf('=');
      return eq < 0 ? [a, undefined] : [a.slice(0, eq), unquote(a.slice(eq + 1))];
    });
}

/** The stages of a Dockerfile, with build-args applied to the global ARGs. */
export function parseStages(text: string, buildArgs: Record<string, string> = {}): Stage[] {
  const global: Record<string, string | undefined> = {};
  const stages: Stage[] = [];
  const byName = new Map<string, number>();
  const stageRef = (ref: string): number | undefined =>
    byName.get(ref.toLowerCase()) ?? (/^\d+$/.test(ref) && Number(ref) < stages.length ? Number(ref) : undefined);
  for (const {keyword, args} of instructions(text)) {
    if (keyword === 'ARG' && stages.length === 0) {
      for (const [name, def] of readArgs(args)) global[name] = buildArgs[name] ?? def;
      continue;
    }
    if (keyword === 'FROM') {
      const flags = [...args.matchAll(/--(\w+)=(\S+)/g)].map(m => [m[1], m[2]] as const);
      const rest = args
        .replace(/--\w+=\S+\s*/g, '')
        .trim()
        .split(/\s+/);
      const baseText = rest[0] ?? '';
      const name = rest[1]?.toUpperCase() === 'AS' && rest[2] ? rest[2].toLowerCase() : '';
      const platformText = flags.find(([k]) => k === 'platform')?.[1] ?? '';
      const base = substitute(baseText, global) ?? '';
      const fromStage = stageRef(base);
      let platform: StagePlatform = 'target';
      let fixedPlatform: string | undefined;
      if (/^\$\{?BUILDPLATFORM\}?$/.test(platformText)) platform = 'build';
      else if (platformText && !/^\$\{?TARGETPLATFORM\}?$/.test(platformText)) {
        platform = 'fixed';
        fixedPlatform = substitute(platformText, global);
      }
      const stage: Stage = {
        index: stages.length,
        name,
        base,
        baseText,
        platform,
        fixedPlatform,
        fromStage,
        hasRun: false,
        uses: []
      };
      // a stage built on another stage runs where that one runs, unless it says otherwise
      if (fromStage !== undefined && !platformText) {
        stage.platform = stages[fromStage].platform;
        stage.fixedPlatform = stages[fromStage].fixedPlatform;
      }
      stages.push(stage);
      if (name) byName.set(name, stage.index);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) continue;
    if (keyword === 'RUN') stage.hasRun = true;
    for (const m of args.matchAll(/--(?:from|mount=[^\s]*?from)=([^\s,]+)/g)) {
      const used = stageRef(m[1]);
      if (used !== undefined) stage.uses.push(used);
    }
  }
  return stages;
}

/** The stages a build of `target` (default: the last stage) really runs: it and everything it draws on. */
export function reachableStages(stages: Stage[], target = ''): Stage[] {
  const start = target ? stages.findIndex(s => s.name === target.toLowerCase()) : stages.length - 1;
  if (start < 0) return stages;
  const seen = new Set<number>();
  const visit = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    const s = stages[i];
    if (s.fromStage !== undefined) visit(s.fromStage);
    s.uses.forEach(visit);
  };
  visit(start);
  return stages.filter(s => seen.has(s.index));
}

/** External base images of the stages that run on the target platform (what must publish every platform). */
export function targetBaseImages(stages: Stage[]): {image: string; stages: string[]; unresolved: boolean}[] {
  const images = new Map<string, {image: string; stages: string[]; unresolved: boolean}>();
  for (const s of stages) {
    if (s.platform !== 'target' || s.fromStage !== undefined || s.base.toLowerCase() === 'scratch') continue;
    const key = s.base || s.baseText;
    const entry = images.get(key) ?? {image: key, stages: [], unresolved: !s.base};
    entry.stages.push(s.name || String(s.index));
    images.set(key, entry);
  }
  return [...images.values()];
}

/** True when some stage that runs on the target platform executes a RUN step, which needs the platform's CPU. */
export function runsOnTarget(stages: Stage[]): boolean {
  return stages.some(s => s.platform === 'target' && s.hasRun);
}
