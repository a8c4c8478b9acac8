import {parseReference, ImageRefError} from '../model/reference.js';
import {cacheServiceMode, ghaApiVersion, hasCacheRuntime} from '../model/runtime.js';
import type {CacheBackend, CacheConfig} from '../model/types.js';
import {InputError} from './errors.js';

/** The cache inputs (`cache`, `cache-mode`, `cache-scope`, `cache-ref`, `cache-ignore-error`) → CacheConfig. */

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
  /** Raw cache-from or cache-to given. */
  raw?: boolean;
}

const BACKENDS = ['auto', 'gha', 'registry', 'local', 'inline', 'none'];

/**
 * Reads the cache inputs into a CacheConfig. auto = gha where the Actions cache service is reachable, else registry
 * when the step pushes an image, else none. Throws InputError (naming the input, the value and the fix).
 */
export function readCache(inputs: CacheInputs, ctx: CacheContext): CacheConfig {
  if (!BACKENDS.includes(inputs.cache))
    throw new InputError('cache', `Input cache must be one of ${BACKENDS.join(', ')}, not "${inputs.cache}"`);
  if (!['', 'max', 'min'].includes(inputs.mode))
    throw new InputError('cache-mode', `Input cache-mode must be max or min, not "${inputs.mode}"`);
  if (inputs.scope && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(inputs.scope)) {
    throw new InputError(
      'cache-scope',
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
    ghaApi: ghaApiVersion(ctx.env),
    serviceMode: cacheServiceMode(ctx.env)
  };
  // auto keeps the registry ref at hand: an auto gha cache falls back to it when buildx is too old (modes/cache-setup.ts)
  if (backend === 'registry') config.ref = registryRef(inputs.ref, ctx.image);
  else if (inputs.ref)
    throw new InputError('cache-ref', `Input cache-ref is for cache: registry, and cache is ${backend}`);
  if ((backend === 'gha' || backend === 'local') && !hasCacheRuntime(ctx.env)) {
    throw new InputError(
      'cache',
      `Input cache: ${backend} needs the Actions cache service (ACTIONS_RUNTIME_TOKEN with ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL), which this step lacks; use cache: registry`
    );
  }
  if (backend === 'inline') {
    if (!ctx.push || !ctx.firstTag)
      throw new InputError('cache', 'Input cache: inline stores the cache in the pushed image: set push with tags');
    if (inputs.mode === 'max')
      throw new InputError(
        'cache',
        'Input cache: inline holds only the final stage, so cache-mode max cannot apply; drop cache-mode or use cache: registry'
      );
    config.ref = ctx.firstTag;
  }
  return config;
}

/**
 * auto: the GitHub cache where the runner offers it, else none: nothing is written to the user's registry unless
 * asked (cache: registry), and raw cache-from/cache-to mean the user's own layout, so nothing is generated.
 */
function autoBackend(ctx: CacheContext): CacheBackend {
  // the job may not use the Actions cache at all: auto falls through to none
  if (ctx.raw || cacheServiceMode(ctx.env) === 'none') return 'none';
  return hasCacheRuntime(ctx.env) ? 'gha' : 'none';
}

/** The registry cache's base ref: `cache-ref`, else `<first image>:buildcache`. */
function registryRef(ref: string, image: string): string {
  if (!ref) {
    if (!image)
      throw new InputError(
        'cache',
        'Input cache: registry needs a place: set cache-ref (e.g. <registry>/owner/app:buildcache)'
      );
    return `${image}:buildcache`;
  }
  let parsed;
  try {
    parsed = parseReference(ref);
  } catch (e) {
    throw new InputError('cache-ref', `Input cache-ref: ${e instanceof ImageRefError ? e.message : String(e)}`);
  }
  if (parsed.digest)
    throw new InputError('cache-ref', `Input cache-ref: "${ref}" holds a digest; give a tag the cache is written to`);
  return parsed.tag ? ref : `${ref}:buildcache`;
}
