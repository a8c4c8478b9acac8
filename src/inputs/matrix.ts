import {normalizePlatform, PlatformError} from '../model/platform.js';
import type {DigestEntry} from '../model/legs.js';
import type {Platform} from '../model/types.js';
import {InputError} from './errors.js';

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
