import {parsePlatformList} from '../model/platform.js';
import {parseReference} from '../model/reference.js';
import {parseVersion, PINNED_BUILDX} from '../model/versions.js';
import {forInput, InputError} from './errors.js';
import {parseList} from './list.js';

/** Inputs whose value has a grammar of its own: platforms, references, KEY=value lists, attestations, numbers. */

/**
 * buildx-version: auto, latest (setup-buildx-action's word; here the release this action is tested with) or a
 * release like 0.36.0 / v0.36.0; buildx-url: an http(s) base of the release layout.
 */
export function readBuildx(given: string, url: string, warnings: string[]): {buildxVersion: string; buildxUrl: string} {
  let version = given;
  if (version === 'latest') {
    warnings.push(
      `Input buildx-version: latest is taken as ${PINNED_BUILDX}, the release this action is tested with; pin a release to choose another`
    );
    version = PINNED_BUILDX;
  }
  if (version !== 'auto' && !parseVersion(version)) {
    throw new InputError(
      'buildx-version',
      `Input buildx-version must be auto, latest or a release such as 0.36.0, not "${version}"`
    );
  }
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new InputError(
      'buildx-url',
      `Input buildx-url must be an http(s) URL of the release downloads, not "${url}"`
    );
  }
  return {buildxVersion: version === 'auto' ? version : version.replace(/^v/, ''), buildxUrl: url.replace(/\/+$/, '')};
}

export function readRetry(retries: string, backoff: string): {retries: number; retryBackoffMs: number} {
  const n = Number(retries);
  if (!/^\d+$/.test(retries) || n > 10)
    throw new InputError('retries', `Input retries must be a whole number from 0 to 10, not "${retries}"`);
  const seconds = Number(backoff);
  if (!/^\d+(\.\d+)?$/.test(backoff) || seconds <= 0 || seconds > 60) {
    throw new InputError(
      'retry-backoff',
      `Input retry-backoff must be seconds above 0 and at most 60, not "${backoff}"`
    );
  }
  return {retries: n, retryBackoffMs: seconds * 1000};
}

/** The platforms; empty is allowed where `optional` (build mode builds the builder's own platform, as buildx). */
export function readPlatforms(text: string, optional: boolean): string[] {
  const items = parseList('platforms', text, true);
  if (items.length === 0 && optional) return [];
  if (items.length === 0) {
    throw new InputError(
      'platforms',
      'Input platforms is required: list the target platforms, e.g. linux/amd64,linux/arm64'
    );
  }
  return forInput('platforms', () => parsePlatformList(items));
}

/** `tags` are full references with a tag (as in build-push-action); `images` are names that get pushed by digest. */
export function readReferences(input: 'tags' | 'images', items: string[], kind: 'tag' | 'name'): string[] {
  for (const item of items) {
    const ref = forInput(input, () => parseReference(item));
    if (ref.digest)
      throw new InputError(input, `Input ${input}: "${item}" holds a digest; the digest comes from the build`);
    if (kind === 'name' && ref.tag) {
      throw new InputError(
        'images',
        `Input images: "${item}" has a tag; images are names without a tag (put tagged refs in tags)`
      );
    }
  }
  const dup = items.find((t, i) => items.indexOf(t) !== i);
  if (dup) throw new InputError(input, `Input ${input}: "${dup}" is listed twice; list each once`);
  return items;
}

/**
 * `KEY=value` lines, as buildx takes them: a later line for a key wins (a map), and where `bare` (build-args) a
 * name alone takes its value from the environment, as docker does.
 */
export function readKeyValues(name: string, text: string, bare = false): string[] {
  const items = parseList(name, text, false);
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq === 0 || (eq < 0 && !(bare && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(item))))
      throw new InputError(name, `Input ${name}: "${item}" is not KEY=value; write one KEY=value per line`);
  }
  return items;
}

const ANNOTATION_LEVELS = /^(?:(?:index|manifest|index-descriptor|manifest-descriptor)(?:\[[^\]]+\])?:)?[^=:\s]+=/;

/** Annotations: `key=value` or `level[platform]:key=value`, with level index, manifest or *-descriptor. */
export function readAnnotations(text: string): string[] {
  const items = parseList('annotations', text, false);
  for (const item of items) {
    if (!ANNOTATION_LEVELS.test(item)) {
      throw new InputError(
        'annotations',
        `Input annotations: "${item}" is not [level:]key=value (level: index, manifest, index-descriptor, manifest-descriptor)`
      );
    }
  }
  return items;
}

/** provenance / sbom: true, false, or buildx's attribute list (e.g. mode=max). Empty keeps buildx's default. */
export function readAttestation(name: string, value: string): string {
  if (value === '' || value === 'true' || value === 'false') return value;
  for (const part of value.split(',')) {
    if (!/^[a-z-]+=[^=]*$/.test(part.trim())) {
      throw new InputError(
        name,
        `Input ${name} must be true, false or key=value attributes (e.g. mode=max), not "${value}"`
      );
    }
  }
  if (name === 'provenance' && /(^|,)mode=/.test(value) && !/(^|,)mode=(min|max)(,|$)/.test(value)) {
    throw new InputError('provenance', `Input provenance: mode must be min or max, not "${value}"`);
  }
  return value;
}
