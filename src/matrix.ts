import {archOf, normalizePlatform, PlatformError} from './platform.js';
import {parseReference} from './reference.js';
import type {Config, Platform} from './types.js';

/** Matrix builds: one `platform` leg per architecture, a `merge` job that makes the index, and the `plan` that lists the legs. */

/** `linux/arm/v7` → `linux-arm-v7`: the platform as a tag or file name part. */
export function platformSlug(platform: Platform): string {
  return platform.replaceAll('/', '-');
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

/** The repository part of a tag: `localhost:5000/app:1` → `localhost:5000/app`. */
export function nameOf(ref: string): string {
  return parseReference(ref).name;
}

export class MatrixError extends Error {}

export interface DigestEntry {
  platform: Platform;
  digest: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Parses the merge job's `digests` input: one `platform=sha256:…` per line. */
export function parseDigests(lines: string[]): DigestEntry[] {
  return lines.map(line => {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new MatrixError(`Input digests: "${line}" is not platform=sha256:<64 hex>`);
    let platform: Platform;
    try {
      platform = normalizePlatform(line.slice(0, eq));
    } catch (e) {
      throw new MatrixError(`Input digests: ${e instanceof PlatformError ? e.message : String(e)}`);
    }
    const digest = line.slice(eq + 1).trim();
    if (!DIGEST.test(digest)) {
      throw new MatrixError(
        `Input digests: ${platform} has "${digest}", not sha256: followed by 64 lowercase hex digits`
      );
    }
    return {platform, digest};
  });
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

/** Annotations on a merged index: an unqualified `key=value` means the index itself. */
export function indexAnnotation(annotation: string): string {
  return /^[a-z-]+(\[[^\]]*\])?:/.test(annotation.split('=')[0]) ? annotation : `index:${annotation}`;
}

/** argv of `imagetools create`: every tag, the index annotations, then the legs by digest. */
export function imagetoolsCreateArgs(tags: string[], annotations: string[], sources: string[]): string[] {
  return [
    'buildx',
    'imagetools',
    'create',
    ...tags.flatMap(t => ['--tag', t]),
    ...annotations.flatMap(a => ['--annotation', indexAnnotation(a)]),
    ...sources
  ];
}

/** Runner labels by architecture; GitHub's hosted arm64 runners serve arm64, and 32-bit arm through QEMU. */
export const DEFAULT_RUNNERS: Record<string, string> = {
  amd64: 'ubuntu-24.04',
  '386': 'ubuntu-24.04',
  arm64: 'ubuntu-24.04-arm',
  arm: 'ubuntu-24.04-arm'
};

/** Parses `runner-map`: `arch=label` or `os/arch[/variant]=label` lines (a label may be a JSON list for self-hosted). */
export function parseRunnerMap(lines: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    const label = line.slice(eq + 1).trim();
    if (eq <= 0 || !label) throw new MatrixError(`Input runner-map: "${line}" is not arch=runner-label`);
    if (label.startsWith('[') && !isLabelList(label)) {
      throw new MatrixError(
        `Input runner-map: ${key} has "${label}", not a JSON list of labels like ["self-hosted","arm64"]`
      );
    }
    try {
      map[key.includes('/') ? normalizePlatform(key) : key] = label;
    } catch (e) {
      throw new MatrixError(`Input runner-map: ${e instanceof Error ? e.message : String(e)}`);
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

export interface MatrixLeg {
  platform: Platform;
  'platform-slug': string;
  runner: string | string[];
  /** True when the leg's runner is not native for it and must emulate (e.g. arm/v7 on an arm64 runner). */
  qemu: boolean;
}

/** The `plan` mode output: `{include: [...]}` for `strategy.matrix`, one leg per platform. */
export function planMatrix(platforms: Platform[], runnerMap: Record<string, string>): {include: MatrixLeg[]} {
  return {
    include: platforms.map(platform => {
      const arch = archOf(platform);
      const explicit = runnerMap[platform] ?? runnerMap[arch];
      const label = explicit ?? DEFAULT_RUNNERS[arch] ?? DEFAULT_RUNNERS.amd64;
      const runner = label.startsWith('[') ? (JSON.parse(label) as string[]) : label;
      // a runner the user mapped is taken as native; of the defaults only amd64, 386 and arm64 are
      const qemu = explicit === undefined && !['amd64', '386', 'arm64'].includes(arch);
      return {platform, 'platform-slug': platformSlug(platform), runner, qemu};
    })
  };
}

/**
 * Where a build pushes: names pushed by digest (`images`, or a platform leg without registry handoff), or the
 * leg's per-platform handoff tags. Tagged pushes of build mode return undefined: they use `--tag`.
 */
export function pushTargets(config: Config): {refs: string[]; byDigest: boolean} | undefined {
  if (config.mode === 'platform') {
    if (config.handoff === 'registry')
      return {refs: config.tags.map(t => handoffTag(t, config.platforms[0])), byDigest: false};
    const names = config.images.length ? config.images : [...new Set(config.tags.map(nameOf))];
    return {refs: names, byDigest: true};
  }
  return config.images.length ? {refs: config.images, byDigest: true} : undefined;
}

/** The repository a build pushes to: the first of `images`, else the name of the first tag. */
export function repositoryOf(config: Config): string {
  return config.images[0] ?? nameOf(config.tags[0]);
}
