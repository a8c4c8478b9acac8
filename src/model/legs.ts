import {pushedOutput} from './outputs.js';
import {parseReference} from './reference.js';
import type {Config, Platform, RemoteManifest} from './types.js';

/**
 * Where a build's result goes and how the matrix legs meet again: the names a build pushes to, the per-platform
 * handoff tags, and the completeness of the legs a merge collects. Pure.
 */

/** `linux/arm/v7` → `linux-arm-v7`: the platform as a tag or file name part. */
export function platformSlug(platform: Platform): string {
  return platform.replaceAll('/', '-');
}

/** The repository part of a tag: `localhost:5000/app:1` → `localhost:5000/app`. */
export function nameOf(ref: string): string {
  return parseReference(ref).name;
}

/**
 * The per-platform tag a leg pushes for `handoff: registry`: `<tag>-<os>-<arch>[-<variant>]`. Tags are exact
 * references, so `1-linux-arm-v7` and `1-linux-arm64` cannot be confused; the tag also keeps the leg's
 * manifest from being garbage-collected as untagged before the merge.
 */
export function handoffTag(tag: string, platform: Platform): string {
  const ref = parseReference(tag);
  const suffix = `${ref.tag ?? 'latest'}-${platformSlug(platform)}`;
  if (suffix.length > 128)
    throw new Error(`handoff tag ${ref.name}:${suffix} is longer than 128 characters: shorten the tag`);
  return `${ref.name}:${suffix}`;
}

/** Where a build pushes when it does not push `--tag`s: names by digest, or a leg's per-platform handoff tags. */
export interface PushTargets {
  refs: string[];
  byDigest: boolean;
}

/**
 * Where a build pushes: names pushed by digest (`images`, or a platform leg without registry handoff), or the
 * leg's per-platform handoff tags. Tagged pushes of build mode return undefined: they use `--tag`.
 */
export function pushTargets(config: Config): PushTargets | undefined {
  if (config.mode === 'platform') {
    if (config.handoff === 'registry')
      return {refs: config.tags.map(t => handoffTag(t, config.platforms[0])), byDigest: false};
    const names = config.images.length ? config.images : [...new Set(config.tags.map(nameOf))];
    return {refs: names, byDigest: true};
  }
  return config.images.length ? {refs: config.images, byDigest: true} : undefined;
}

/** The repository a build pushes to: the first of `images`, else the name of the first tag or image output name. */
export function repositoryOf(config: Config): string {
  const output = pushedOutput(config.outputs, config.push, config.tags);
  return config.images[0] ?? nameOf(config.tags[0] ?? output?.refs[0] ?? '');
}

/** True when the build pushes: a push with tags or images, or an image output that pushes (push=true or push). */
export function pushes(config: Config): boolean {
  return (
    (config.push && (config.tags.length > 0 || config.images.length > 0)) ||
    !!pushedOutput(config.outputs, config.push, config.tags)
  );
}

/**
 * What verify reads back: every tag, each leg's handoff tag, or each pushed-by-digest name at the built digest;
 * with raw outputs, the names the image output pushed (at the digest when by digest).
 */
export function refsToVerify(config: Config, builtDigest: string): string[] {
  const targets = pushTargets(config) ?? pushedOutput(config.outputs, config.push, config.tags);
  if (!targets) return config.tags;
  return targets.byDigest ? targets.refs.map(n => `${n}@${builtDigest}`) : targets.refs;
}

/** One leg's digest, as the `digests` input, an artifact record or a handoff tag gives it. */
export interface DigestEntry {
  platform: Platform;
  digest: string;
}

export interface Completeness {
  /** One source per expected platform. */
  sources: DigestEntry[];
  missing: Platform[];
  duplicated: Platform[];
  unexpected: Platform[];
}

/** Checks that every expected platform has exactly one leg digest, and nothing else came. */
export function checkCompleteness(expected: Platform[], found: DigestEntry[]): Completeness {
  const by = new Map<Platform, string[]>();
  for (const f of found) by.set(f.platform, [...(by.get(f.platform) ?? []), f.digest]);
  return {
    sources: expected.filter(p => by.get(p)?.length === 1).map(p => ({platform: p, digest: by.get(p)![0]})),
    missing: expected.filter(p => !by.has(p)),
    duplicated: [...by].filter(([, d]) => new Set(d).size > 1).map(([p]) => p),
    unexpected: [...by.keys()].filter(p => !expected.includes(p))
  };
}

/** One line naming what is wrong with the legs, or '' when the set is complete. */
export function describeIncomplete(c: Completeness): string {
  return [
    c.missing.length ? `no digest for ${c.missing.join(', ')}` : '',
    c.duplicated.length ? `more than one digest for ${c.duplicated.join(', ')}` : '',
    c.unexpected.length ? `digests for unrequested ${c.unexpected.join(', ')}` : ''
  ]
    .filter(Boolean)
    .join('; ');
}

/** The digest of the image manifest for `platform` inside what a leg pushed. */
export function platformManifestDigest(manifest: RemoteManifest, platform: Platform): string | undefined {
  if (!manifest.isList) return manifest.digest;
  const entries = manifest.entries.filter(e => !e.attestation);
  if (entries.length !== 1 || entries[0].platform !== platform) return undefined;
  return entries[0].digest;
}
