import type {BuilderInfo, CacheConfig} from './types.js';

/** Tool versions and the gates on them: what the gha cache API v2 needs of buildx and BuildKit, and what to do. */

/** `0.13.1+ds1`, `v0.36.0`, `v0.13-debian-docker.io-26.1.5` → [major, minor, patch]; undefined when none. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+~][\w.+~-]*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** True when `version` is at least `min`; an unreadable version counts as unknown (undefined). */
export function versionAtLeast(version: string, min: string): boolean | undefined {
  const v = parseVersion(version);
  const m = parseVersion(min)!;
  if (!v) return undefined;
  for (let i = 0; i < 3; i++) if (v[i] !== m[i]) return v[i] > m[i];
  return true;
}

/** The minimum tool versions a cache needs: the gha API v2 needs buildx 0.21 and BuildKit 0.20. */
export function requiredVersions(cache: CacheConfig): {buildx: string; buildkit: string} | undefined {
  return cache.backend === 'gha' && cache.ghaApi === 2 ? {buildx: '0.21.0', buildkit: '0.20.0'} : undefined;
}

/** The release installed when the installed buildx is too old (tested against the gha cache API v2). */
export const PINNED_BUILDX = '0.36.0';
/** The oldest buildx the action is tested with (Debian's, beside dockerd 26.1: the lab's oldest profile). */
export const OLDEST_BUILDX = '0.13.0';

export type BuildxChoice = {action: 'use-installed'} | {action: 'install'; version: string};

/**
 * What to do about buildx, from the installed version, `buildx-version` and what the cache needs. An explicit
 * version is installed unless it is the installed one; auto keeps the installed one when it is new enough and
 * installs the pinned release when `cache: gha` asked for more. (An auto-chosen gha cache falls back instead: see
 * fallbackCache.)
 */
export function chooseBuildx(installed: string, wanted: string, cache: CacheConfig): BuildxChoice {
  if (wanted !== 'auto') return installed === wanted ? {action: 'use-installed'} : {action: 'install', version: wanted};
  const needs = requiredVersions(cache);
  if (!needs || versionAtLeast(installed, needs.buildx) !== false) return {action: 'use-installed'};
  return {action: 'install', version: PINNED_BUILDX};
}

/** A BuildKit version known to be older than `min`; an unreadable one, or Debian's v0.0.0, is unknown, not old. */
function olderBuildkit(version: string, min: string): boolean {
  return !/^v?0\.0\.0\b/.test(version) && versionAtLeast(version, min) === false;
}

/** True when a BuildKit image's version tag is known to be older than `min` (a tag like latest is unknown). */
export function buildkitImageOlderThan(buildkitImage: string, min: string): boolean {
  return olderBuildkit(/:(v?[\d.]+)(?:@|$)/.exec(buildkitImage)?.[1] ?? '', min);
}

/** When the gha cache API v2 needs a newer BuildKit than a pinned buildkit-image: the versions and the fix. */
export function checkBuildkitFor(cache: CacheConfig, buildkitImage: string): string {
  const needs = requiredVersions(cache);
  if (!needs || !buildkitImageOlderThan(buildkitImage, needs.buildkit)) return '';
  return `The GitHub cache service v2 needs BuildKit ${needs.buildkit} or newer, and buildkit-image is ${buildkitImage}: set buildkit-image to moby/buildkit:v0.29.0 (the default) or use cache: registry`;
}

/**
 * For a builder the action did not create (driver docker, input builder): its nodes whose BuildKit is too old for
 * the gha cache API v2, as the versions and the fix. Debian-built engines report v0.0.0: unknown, not too old.
 */
export function checkNodesBuildkitFor(cache: CacheConfig, info: BuilderInfo): string {
  const needs = requiredVersions(cache);
  if (!needs) return '';
  const old = info.nodes.filter(n => olderBuildkit(n.buildkitVersion, needs.buildkit));
  if (!old.length) return '';
  const which = old.map(n => `${n.name} runs BuildKit ${n.buildkitVersion}`).join(', ');
  return `The GitHub cache service v2 needs BuildKit ${needs.buildkit} or newer, and on builder ${info.name} ${which}: update that engine or builder, use driver docker-container (it runs buildkit-image), or use cache: registry`;
}

/** An auto-chosen gha cache on a buildx too old for the runner's cache API: none (nothing goes to a registry unasked). */
export function fallbackCache(cache: CacheConfig, installed: string): CacheConfig | undefined {
  const needs = requiredVersions(cache);
  if (cache.requested !== 'auto' || !needs || versionAtLeast(installed, needs.buildx) !== false) return undefined;
  return {...cache, backend: 'none'};
}
