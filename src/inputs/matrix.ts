import {normalizePlatform, PlatformError} from '../model/platform.js';
import type {DigestEntry} from '../model/legs.js';
import {hasArtifactRuntime, onGithubCom} from '../model/runtime.js';
import type {Config, Handoff, Mode, Platform} from '../model/types.js';
import {InputError} from './errors.js';
import {parseList, readEnum} from './list.js';
import type {InputEnv, Reader} from './env.js';

/** The matrix modes' own inputs: the merge's `digests` and plan's `runner-map`. */

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Parses the merge job's `digests` input: one `platform=sha256:…` per line. */
export function parseDigests(lines: string[]): DigestEntry[] {
  return lines.map(line => {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new InputError('digests', `Input digests: "${line}" is not platform=sha256:<64 hex>`);
    let platform: Platform;
    try {
      platform = normalizePlatform(line.slice(0, eq));
    } catch (e) {
      throw new InputError('digests', `Input digests: ${e instanceof PlatformError ? e.message : String(e)}`);
    }
    const digest = line.slice(eq + 1).trim();
    if (!DIGEST.test(digest)) {
      throw new InputError(
        'digests',
        `Input digests: ${platform} has "${digest}", not sha256: followed by 64 lowercase hex digits`
      );
    }
    return {platform, digest};
  });
}

/** Parses `runner-map`: `arch=label` or `os/arch[/variant]=label` lines (a label may be a JSON list for self-hosted). */
export function parseRunnerMap(lines: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    const label = line.slice(eq + 1).trim();
    if (eq <= 0 || !label) throw new InputError('runner-map', `Input runner-map: "${line}" is not arch=runner-label`);
    if (label.startsWith('[') && !isLabelList(label)) {
      throw new InputError(
        'runner-map',
        `Input runner-map: ${key} has "${label}", not a JSON list of labels like ["self-hosted","arm64"]`
      );
    }
    try {
      map[key.includes('/') ? normalizePlatform(key) : key] = label;
    } catch (e) {
      throw new InputError('runner-map', `Input runner-map: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return map;
}

function isLabelList(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 && v.every(x => typeof x === 'string');
  } catch {
    return false;
  }
}

export type MatrixInputs = Pick<Config, 'handoff' | 'digests' | 'runnerMap' | 'expectDigest'>;

/**
 * auto handoff: artifacts where the runner offers them on github.com, else the per-platform tags in the registry
 * (GitHub Enterprise Server refuses @actions/artifact: "not currently supported on GHES").
 */
export function readMatrixInputs(read: Reader, mode: Mode, env: InputEnv['env']): MatrixInputs {
  const given = readEnum<Handoff | 'auto'>('handoff', read.get('handoff'), ['auto', 'artifact', 'registry', 'none']);
  const handoff = given === 'auto' ? (hasArtifactRuntime(env) && onGithubCom(env) ? 'artifact' : 'registry') : given;
  const matrix = {
    handoff,
    digests: parseDigests(parseList('digests', read.raw('digests'), false)),
    runnerMap: parseRunnerMap(parseList('runner-map', read.raw('runner-map'), false)),
    expectDigest: read.get('digest')
  };
  if (handoff === 'artifact' && !onGithubCom(env) && (mode === 'platform' || mode === 'merge')) {
    throw new InputError(
      'handoff',
      `Input handoff: artifact is not available on ${env.GITHUB_SERVER_URL} (GitHub Enterprise Server refuses workflow artifacts to @actions/artifact); use handoff registry`
    );
  }
  if (handoff === 'artifact' && !hasArtifactRuntime(env) && (mode === 'platform' || mode === 'merge')) {
    throw new InputError(
      'handoff',
      'Input handoff: artifact needs the Actions runtime (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL), which this step lacks; use handoff registry'
    );
  }
  return matrix;
}
