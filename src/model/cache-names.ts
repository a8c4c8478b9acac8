import {createHash} from 'node:crypto';
import {platformSlug} from './legs.js';
import {parseReference, registryOf} from './reference.js';
import {cacheModeReads, cacheModeWrites} from './runtime.js';
import type {CacheConfig, Platform} from './types.js';

/**
 * Where BuildKit keeps its layer cache between runs, and the `--cache-from`/`--cache-to` specs that point it
 * there. Everything here is pure: the choice of backend, the scope and ref names, and the specs.
 *
 * Layout (measured in the lab, see scripts/lab/FINDINGS.md and the cache e2e tests): one BuildKit export writes one
 * cache index holding every platform that export built, and a second export to the same scope or ref replaces
 * that index whole. So the unit of a cache name is "one export", never "one image":
 * - a single-node multi-platform build is one export: one scope/ref for its platform set. Splitting it per platform
 *   is impossible (BuildKit takes one cache-to for all platforms) and would not help: the index already keys each
 *   step by platform, so every platform hits after a prune.
 * - a matrix leg is one export per platform: the name carries the platform, so legs never overwrite each other.
 * - a multi-node builder makes one export per node, all to the same spec: the last node to finish wins and the
 *   others miss (measured: 1 of 3 platforms re-ran). Build mode therefore builds each node's platforms as their own
 *   export (see modes/split.ts) and names each by its platform set.
 */

/** The part of a cache name that says which platforms one export holds: `linux-amd64_linux-arm-v7`. */
function platformsPart(platforms: Platform[]): string {
  return [...platforms].sort().map(platformSlug).join('_');
}

/** `owner/app` of `<registry>/owner/app`, as a name part: `owner-app`. */
function imagePart(image: string): string {
  const host = registryOf(image);
  return (host ? image.slice(host.length + 1) : image).replace(/[^A-Za-z0-9._-]/g, '-') || 'build';
}

/** gha scope of one export: `<cache-scope | image[-target]>-<platforms>`. */
export function ghaScope(cache: CacheConfig, scope: Omit<ExportScope, 'perExport' | 'localDirs'>): string {
  const base = cache.scope || [imagePart(scope.image || 'build'), scope.target].filter(Boolean).join('-');
  return [base, scope.variant, platformsPart(scope.platforms)].filter(Boolean).join('-');
}

/**
 * What tells apart two steps that build one image differently (another Dockerfile, other build-args), as 8 hex
 * digits of their hash; '' for the default Dockerfile and no build-args, so plain builds keep their names. A
 * build-arg whose value carries this run (the commit SHA, the run id or number) counts by its name only, so each
 * commit still finds the last one's cache.
 */
export function buildVariant(file: string, buildArgs: string[], env: Record<string, string | undefined>): string {
  const sha = env.GITHUB_SHA ?? '';
  const perRun = (value: string): boolean =>
    (sha.length >= 7 && value.includes(sha.slice(0, 7))) ||
    value === env.GITHUB_RUN_ID ||
    value === env.GITHUB_RUN_NUMBER;
  const args = buildArgs.map(a => {
    const eq = a.indexOf('=');
    return eq > 0 && perRun(a.slice(eq + 1)) ? a.slice(0, eq) : a;
  });
  if (!file && !args.length) return '';
  return createHash('sha256')
    .update([file, ...args.sort()].join('\0'))
    .digest('hex')
    .slice(0, 8);
}

/**
 * Registry cache ref of one export. A build of the whole platform list writes the base ref itself (suffixed by the
 * target); a matrix leg or one node's part of a build (`perExport`) gets its platforms appended to the tag, so
 * legs and nodes never overwrite each other. Tags are cut to 128 characters with a hash keeping them unique.
 */
export function registryCacheRef(
  cache: CacheConfig,
  target: string,
  platforms: Platform[],
  perExport: boolean
): string {
  const ref = parseReference(cache.ref);
  const parts = [ref.tag ?? 'buildcache', cache.scope, target, perExport ? platformsPart(platforms) : ''];
  let tag = parts.filter(Boolean).join('-');
  if (tag.length > 128) tag = `${tag.slice(0, 115)}-${createHash('sha256').update(tag).digest('hex').slice(0, 12)}`;
  return `${ref.name}:${tag}`;
}

export interface CacheSpecs {
  from: string[];
  to: string[];
}

/** What one export's specs depend on besides the config. */
export interface ExportScope {
  image: string;
  target: string;
  /** What tells this build apart from another of the same image (buildVariant). */
  variant?: string;
  platforms: Platform[];
  /** True for a matrix leg or one node's part of a split build. */
  perExport: boolean;
  /** local cache: the restored dir (read) and the new dir BuildKit writes (rotated in afterwards). */
  localDirs?: {src: string; dest: string};
}

/**
 * The generated `--cache-from`/`--cache-to` specs of one export. Raw `cache-from`/`cache-to` inputs replace the
 * generated specs of their own direction (see buildArgs).
 */
export function cacheSpecs(cache: CacheConfig, scope: ExportScope): CacheSpecs {
  const specs = backendSpecs(cache, scope);
  // the Actions cache backends follow the job's cache mode: read restores only, write-only saves only
  if (cache.backend !== 'gha' && cache.backend !== 'local') return specs;
  return {
    from: cacheModeReads(cache.serviceMode) ? specs.from : [],
    to: cacheModeWrites(cache.serviceMode) ? specs.to : []
  };
}

function backendSpecs(cache: CacheConfig, scope: ExportScope): CacheSpecs {
  const exportAttrs = [`mode=${cache.mode}`, ...(cache.ignoreError ? ['ignore-error=true'] : [])].join(',');
  switch (cache.backend) {
    case 'gha': {
      const name = `scope=${ghaScope(cache, scope)}`;
      return {from: [`type=gha,${name}`], to: [`type=gha,${name},${exportAttrs}`]};
    }
    case 'registry': {
      const ref = `ref=${registryCacheRef(cache, scope.target, scope.platforms, scope.perExport)}`;
      return {from: [`type=registry,${ref}`], to: [`type=registry,${ref},${exportAttrs}`]};
    }
    case 'local': {
      const dirs = scope.localDirs;
      if (!dirs) throw new Error('local cache specs need the cache dirs');
      return {from: [`type=local,src=${dirs.src}`], to: [`type=local,dest=${dirs.dest},${exportAttrs}`]};
    }
    case 'inline':
      return {from: [`type=registry,ref=${cache.ref}`], to: ['type=inline']};
    case 'none':
      return {from: [], to: []};
  }
}

/** One line for the log: which cache, where, and why auto chose it. */
export function describeCache(cache: CacheConfig, specs: CacheSpecs): string {
  const why =
    cache.requested !== 'auto'
      ? ''
      : cache.backend === 'gha'
        ? ' (auto: the Actions cache service is here)'
        : cache.serviceMode === 'none'
          ? " (auto: the job's cache mode is none)"
          : ' (auto: no Actions cache service)';
  if (cache.backend === 'none') return `No build cache${why}`;
  const mode =
    cache.serviceMode && cache.serviceMode !== 'read-write' ? ` (the job's cache mode: ${cache.serviceMode})` : '';
  return `Cache ${cache.backend}${why}${mode}: from ${specs.from.join(' ') || '-'}; to ${specs.to.join(' ') || '-'}`;
}

/**
 * local cache key: image, target and platforms, the Dockerfile's hash, then the run, so each run saves its own
 * (the source changes even when the Dockerfile does not); restore keys fall back to the newest of the same
 * Dockerfile, then of any Dockerfile.
 */
export function localCacheKey(
  image: string,
  target: string,
  platforms: Platform[],
  dockerfile: string,
  run: string
): {key: string; restoreKeys: string[]} {
  const what = createHash('sha256')
    .update(`${image}\0${target}\0${platformsPart(platforms)}`)
    .digest('hex')
    .slice(0, 16);
  const file = createHash('sha256').update(dockerfile).digest('hex').slice(0, 16);
  const prefix = `xbuild-cache-${what}-`;
  return {key: `${prefix}${file}-${run}`, restoreKeys: [`${prefix}${file}-`, prefix]};
}
