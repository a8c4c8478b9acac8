import {createHash} from 'node:crypto';
import {platformSlug} from './matrix.js';
import {parseReference, ReferenceError, registryOf} from './reference.js';
import type {CacheBackend, CacheConfig, Platform} from './types.js';

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
 *   export (see split.ts) and names each by its platform set.
 */

/** The Actions cache API this runner offers: 1 (`ACTIONS_CACHE_URL`) or 2 (the results service). */
export function ghaApiVersion(env: Record<string, string | undefined>): 1 | 2 {
  if (/^(1|true)$/i.test(env.ACTIONS_CACHE_SERVICE_V2 ?? '')) return 2;
  return !env.ACTIONS_CACHE_URL && env.ACTIONS_RESULTS_URL ? 2 : 1;
}

/** True where the Actions cache service can be reached: a runtime token and a cache or results URL. */
export function hasCacheRuntime(env: Record<string, string | undefined>): boolean {
  return !!env.ACTIONS_RUNTIME_TOKEN && !!(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}

/** The variables buildx reads the gha cache service from, passed to it explicitly (never in argv). */
export function ghaRuntimeEnv(env: Record<string, string | undefined>): Record<string, string> {
  const names = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_SERVICE_V2'];
  return Object.fromEntries(names.filter(n => env[n]).map(n => [n, env[n]!]));
}

export class CacheError extends Error {}

export interface CacheInputs {
  cache: string;
  mode: string;
  scope: string;
  ref: string;
  ignoreError: boolean;
}

/** What the step builds and pushes, as far as the cache choice cares. */
export interface CacheContext {
  push: boolean;
  /** The first image name (repository) the step pushes to, '' when it pushes nothing. */
  image: string;
  /** The first tag, the source of an inline cache. */
  firstTag: string;
  env: Record<string, string | undefined>;
}

const BACKENDS = ['auto', 'gha', 'registry', 'local', 'inline', 'none'];

/**
 * Reads the cache inputs into a CacheConfig. auto = gha where the Actions cache service is reachable, else registry
 * when the step pushes an image, else none. Throws CacheError (naming the input, the value and the fix).
 */
export function readCache(inputs: CacheInputs, ctx: CacheContext): CacheConfig {
  if (!BACKENDS.includes(inputs.cache))
    throw new CacheError(`Input cache must be one of ${BACKENDS.join(', ')}, not "${inputs.cache}"`);
  if (!['', 'max', 'min'].includes(inputs.mode))
    throw new CacheError(`Input cache-mode must be max or min, not "${inputs.mode}"`);
  if (inputs.scope && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(inputs.scope)) {
    throw new CacheError(
      `Input cache-scope: "${inputs.scope}" must be up to 80 of letters, digits and . _ - (it becomes part of cache keys)`
    );
  }
  const requested = inputs.cache as CacheBackend | 'auto';
  const backend = requested === 'auto' ? autoBackend(ctx) : requested;
  const config: CacheConfig = {
    backend,
    requested,
    mode: (inputs.mode || (backend === 'inline' ? 'min' : 'max')) as 'max' | 'min',
    scope: inputs.scope,
    ref: '',
    ignoreError: inputs.ignoreError,
    ghaApi: ghaApiVersion(ctx.env)
  };
  // auto keeps the registry ref at hand: an auto gha cache falls back to it when buildx is too old (buildx.ts)
  if (backend === 'registry' || (requested === 'auto' && ctx.push && ctx.image))
    config.ref = registryRef(inputs.ref, ctx.image);
  else if (inputs.ref) throw new CacheError(`Input cache-ref is for cache: registry, and cache is ${backend}`);
  if ((backend === 'gha' || backend === 'local') && !hasCacheRuntime(ctx.env)) {
    throw new CacheError(
      `Input cache: ${backend} needs the Actions cache service (ACTIONS_RUNTIME_TOKEN with ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL), which this step lacks; use cache: registry`
    );
  }
  if (backend === 'inline') {
    if (!ctx.push || !ctx.firstTag)
      throw new CacheError('Input cache: inline stores the cache in the pushed image: set push with tags');
    if (inputs.mode === 'max')
      throw new CacheError(
        'Input cache: inline holds only the final stage, so cache-mode max cannot apply; drop cache-mode or use cache: registry'
      );
    config.ref = ctx.firstTag;
  }
  return config;
}

function autoBackend(ctx: CacheContext): CacheBackend {
  if (hasCacheRuntime(ctx.env)) return 'gha';
  return ctx.push && ctx.image ? 'registry' : 'none';
}

/** The registry cache's base ref: `cache-ref`, else `<first image>:buildcache`. */
function registryRef(ref: string, image: string): string {
  if (!ref) {
    if (!image)
      throw new CacheError('Input cache: registry needs a place: set cache-ref (e.g. <registry>/owner/app:buildcache)');
    return `${image}:buildcache`;
  }
  let parsed;
  try {
    parsed = parseReference(ref);
  } catch (e) {
    throw new CacheError(`Input cache-ref: ${e instanceof ReferenceError ? e.message : String(e)}`);
  }
  if (parsed.digest)
    throw new CacheError(`Input cache-ref: "${ref}" holds a digest; give a tag the cache is written to`);
  return parsed.tag ? ref : `${ref}:buildcache`;
}

/** The part of a cache name that says which platforms one export holds: `linux-amd64_linux-arm-v7`. */
export function platformsPart(platforms: Platform[]): string {
  return [...platforms].sort().map(platformSlug).join('_');
}

/** `owner/app` of `<registry>/owner/app`, as a name part: `owner-app`. */
function imagePart(image: string): string {
  const host = registryOf(image);
  return (host ? image.slice(host.length + 1) : image).replace(/[^A-Za-z0-9._-]/g, '-') || 'build';
}

/** gha scope of one export: `<cache-scope | image[-target]>-<platforms>`. */
export function ghaScope(cache: CacheConfig, image: string, target: string, platforms: Platform[]): string {
  const base = cache.scope || [imagePart(image || 'build'), target].filter(Boolean).join('-');
  return `${base}-${platformsPart(platforms)}`;
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
  const exportAttrs = [`mode=${cache.mode}`, ...(cache.ignoreError ? ['ignore-error=true'] : [])].join(',');
  switch (cache.backend) {
    case 'gha': {
      const name = `scope=${ghaScope(cache, scope.image, scope.target, scope.platforms)}`;
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
        : cache.backend === 'registry'
          ? ' (auto: no Actions cache service; the step pushes, so the cache goes next to the image)'
          : ' (auto: no Actions cache service and nothing pushed)';
  if (cache.backend === 'none') return `No build cache${why}`;
  return `Cache ${cache.backend}${why}: from ${specs.from.join(' ') || '-'}; to ${specs.to.join(' ') || '-'}`;
}

/** The minimum tool versions a cache needs: the gha API v2 needs buildx 0.21 and BuildKit 0.20. */
export function requiredVersions(cache: CacheConfig): {buildx: string; buildkit: string} | undefined {
  return cache.backend === 'gha' && cache.ghaApi === 2 ? {buildx: '0.21.0', buildkit: '0.20.0'} : undefined;
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
