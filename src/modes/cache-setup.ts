import * as core from '@actions/core';
import {fetchBuildx, installedBuildx, pluginConfigDir} from '../docker/buildx-install.js';
import type {Docker} from '../docker/cli.js';
import {buildVariant, cacheSpecs, describeCache, type CacheSpecs} from '../model/cache-names.js';
import {repositoryOf} from '../model/legs.js';
import {ghaRuntimeEnv} from '../model/runtime.js';
import type {CacheConfig, Config} from '../model/types.js';
import {
  checkBuildkitFor,
  chooseBuildx,
  fallbackCache,
  OLDEST_BUILDX,
  PINNED_BUILDX,
  requiredVersions,
  versionAtLeast
} from '../model/versions.js';
import {restoreLocalCache, type LocalCache} from '../runner/actions-cache.js';
import {saveState, StateKey} from '../runner/state.js';

/** The cache stage of build mode: a buildx that can serve the cache, the specs, and a restored `local` cache. */

export interface PreparedCache {
  cache: CacheConfig;
  specs: CacheSpecs;
  /** The gha service variables buildx reads (never argv). */
  env?: Record<string, string>;
  local?: LocalCache;
  /** The docker to build with: a pinned buildx installed for this step runs under a docker config of its own. */
  docker: Docker;
}

/**
 * Makes sure the buildx that runs is one the build can use; returns the cache config to build with (an auto gha
 * cache may fall back) and the docker that runs it. Throws with the versions and the fix when nothing fits.
 */
async function ensureBuildx(
  docker: Docker,
  config: Config,
  tempDir: string
): Promise<{cache: CacheConfig; docker: Docker}> {
  const buildkitProblem = checkBuildkitFor(config.cache, config.buildkitImage);
  if (buildkitProblem && config.cache.requested === 'gha') throw new Error(buildkitProblem);
  const installed = await installedBuildx(docker);
  const fallback = fallbackCache(config.cache, installed);
  if (fallback && config.buildxVersion === 'auto') {
    core.warning(
      `The runner's cache service is API v2, which needs buildx 0.21+ and this runner has buildx ${installed}: building without a cache; set cache: gha to install buildx ${PINNED_BUILDX}`
    );
    return {cache: fallback, docker};
  }
  const choice = chooseBuildx(installed, config.buildxVersion, config.cache);
  if (choice.action === 'use-installed') {
    if (versionAtLeast(installed, OLDEST_BUILDX) === false)
      throw new Error(
        `buildx ${installed} is older than ${OLDEST_BUILDX}, the oldest this action supports: set buildx-version: latest to run ${PINNED_BUILDX} for this step, or update Docker`
      );
    core.info(`buildx ${installed}`);
    return {cache: config.cache, docker};
  }
  const binary = await fetchBuildx(choice.version, config.buildxUrl);
  const dir = pluginConfigDir(binary, tempDir);
  saveState(StateKey.DockerConfig, dir);
  core.info(`buildx ${choice.version} runs for this step (was ${installed}); your docker config is unchanged`);
  return {cache: config.cache, docker: docker.withEnv({DOCKER_CONFIG: dir})};
}

/**
 * The cache stage: the buildx that can serve the cache (installing the pinned release when asked), the specs,
 * the gha service variables for buildx, and for `cache: local` the restored directory.
 */
export async function prepareCache(
  docker: Docker,
  config: Config,
  tempDir: string,
  dockerfile: string
): Promise<PreparedCache> {
  const ready =
    requiredVersions(config.cache) || config.buildxVersion !== 'auto'
      ? await ensureBuildx(docker, config, tempDir)
      : {cache: config.cache, docker};
  const {cache} = ready;
  const image = config.images[0] ?? (config.tags[0] ? repositoryOf(config) : '');
  const local =
    cache.backend === 'local'
      ? await restoreLocalCache(image, config.target, config.platforms, dockerfile, cache.serviceMode)
      : undefined;
  const specs = cacheSpecs(cache, {
    image,
    target: config.target,
    variant: buildVariant(config.file, config.buildArgs, process.env),
    platforms: config.platforms,
    perExport: config.mode === 'platform',
    localDirs: local
  });
  let env: Record<string, string> | undefined;
  if (cache.backend === 'gha') {
    env = ghaRuntimeEnv(process.env);
    if (env.ACTIONS_RUNTIME_TOKEN) core.setSecret(env.ACTIONS_RUNTIME_TOKEN);
  }
  const raw = config.cacheFrom.length || config.cacheTo.length;
  core.info(raw ? 'Cache: the raw cache-from/cache-to as given, nothing generated' : describeCache(cache, specs));
  return {cache, specs, env, local, docker: ready.docker};
}
