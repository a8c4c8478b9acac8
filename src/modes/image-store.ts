import * as core from '@actions/core';
import {readImageStore} from '../docker/info.js';
import type {Docker} from '../docker/cli.js';
import {InputError} from '../inputs/errors.js';
import type {Config} from '../model/types.js';

/**
 * What the engine's image store allows, read once (`docker info`) and only where the build depends on it: the
 * engine's own builder (driver docker) and a multi-platform `load`. On the classic store (every ubuntu-24.04 runner)
 * the engine's builder builds one platform and exports no cache, and `load` keeps one platform per tag; buildx
 * would fail there only after the build. The containerd image store allows all three.
 */
export async function fitImageStore(docker: Docker, config: Config): Promise<Config> {
  const engineBuilder = config.driver === 'docker' && !config.builder;
  const loadsSeveral = config.load && config.platforms.length > 1;
  if (!engineBuilder && !loadsSeveral) return config;
  if ((await readImageStore(docker)) === 'containerd') return config;
  const fix = 'or turn on the containerd image store';
  const several = `${config.platforms.length} platforms (${config.platforms.join(', ')})`;
  if (loadsSeveral)
    throw new InputError(
      'load',
      `Input load with ${several} needs the containerd image store, and this engine has the classic one (one platform per tag): push instead, load one platform, ${fix}`
    );
  if (config.platforms.length > 1)
    throw new InputError(
      'driver',
      `Input driver docker builds one platform on the classic image store (this engine's), not ${several}: use driver: docker-container, ${fix}`
    );
  // an inline cache is part of the image, which the engine's builder writes
  const rawExport = config.cacheTo.some(spec => !/(^|,)type=inline(,|$)/.test(spec));
  if (rawExport || ['gha', 'registry', 'local'].includes(config.cache.requested))
    throw new InputError(
      rawExport ? 'cache-to' : 'cache',
      `Input driver docker exports no cache on the classic image store (this engine's; buildx: "Cache export is not supported for the docker driver"): use driver: docker-container, ${fix}`
    );
  if (config.cache.backend === 'none' || config.cache.backend === 'inline') return config;
  core.info(
    `Cache: auto → none: driver docker exports no cache on the classic image store (inline would change the image); driver docker-container, or the containerd image store, would cache`
  );
  return {...config, cache: {...config.cache, backend: 'none'}};
}
