import {normalizePlatform} from '../model/platform.js';

/** BuildKit's plain progress, as buildx writes it to stderr: cache hits per platform, a failed cache export, the boot. */

/** Cached build steps of one platform, from the build's own progress record. */
export interface CacheUsage {
  cached: number;
  steps: number;
}

const STEP_NAME = /^#(\d+) \[([^\]]+)\] (\S+)/;
const STEP_STATUS = /^#(\d+) (CACHED|DONE|ERROR)\b/;

/**
 * Counts, per platform, the Dockerfile steps (RUN, COPY, ADD, …; FROM is only a lookup) that BuildKit's plain
 * progress marked CACHED. Step names carry `[<platform> [stage] i/n]` in multi-platform builds and `[[stage] i/n]`
 * in single-platform ones; a step without a platform counts for every requested platform. A cross stage
 * (`linux/amd64->arm64`) counts for its target.
 */
export function parseCacheUsage(lines: string[], platforms: string[]): Map<string, CacheUsage> {
  const stepPlatforms = new Map<string, string[]>();
  const status = new Map<string, string>();
  for (const line of lines) {
    const named = STEP_NAME.exec(line);
    if (named && !stepPlatforms.has(named[1])) {
      const [, id, bracket, instruction] = named;
      const words = bracket.split(' ');
      if (!/^\d+\/\d+$/.test(words[words.length - 1]) || instruction === 'FROM') continue;
      const first = words.length > 1 && words[0].includes('/') ? words[0] : '';
      stepPlatforms.set(id, first ? [stepTarget(first)] : platforms);
      continue;
    }
    const state = STEP_STATUS.exec(line);
    if (state && stepPlatforms.has(state[1])) status.set(state[1], state[2]);
  }
  const usage = new Map<string, CacheUsage>(platforms.map(p => [p, {cached: 0, steps: 0}]));
  for (const [id, list] of stepPlatforms) {
    for (const p of list) {
      const u = usage.get(p) ?? {cached: 0, steps: 0};
      u.steps++;
      if (status.get(id) === 'CACHED') u.cached++;
      usage.set(p, u);
    }
  }
  return usage;
}

/** `linux/amd64->arm64` → `linux/arm64`; a plain platform as it is. */
function stepTarget(word: string): string {
  const arrow = word.indexOf('->');
  if (arrow < 0) return normalizePlatform(word);
  return normalizePlatform(`${word.split('/')[0]}/${word.slice(arrow + 2)}`);
}

/** The error of a cache export that failed (and was ignored, or the build would have failed), or ''. */
export function cacheExportError(lines: string[]): string {
  const exporting = new Set<string>();
  for (const line of lines) {
    const named = /^#(\d+) exporting cache\b/.exec(line);
    if (named) exporting.add(named[1]);
    const error = /^#(\d+) ERROR: (.*)$/.exec(line);
    if (error && exporting.has(error[1])) return error[2];
  }
  return '';
}

/**
 * Calls `then` once buildx's progress shows the builder is up: at the first step after `booting buildkit`,
 * or at the first step at all when the builder was already running.
 */
export function whenBooted(then: () => void): (line: string) => void {
  let bootStep = '';
  // bake reads its definition (#1) before the boot: a step of the client's, not of the builder
  let definitionStep = '';
  let done = false;
  return line => {
    const step = /^#(\d+) /.exec(line)?.[1];
    if (done || !step || step === '0') return; // #0 is buildx's "building with … instance" header
    if (line.includes('booting buildkit')) bootStep = step;
    else if (line.includes('load local bake definitions')) definitionStep = step;
    else if (step !== bootStep && step !== definitionStep) {
      done = true;
      then();
    }
  };
}
