import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import {
  appendNodes,
  createBuilder,
  NodeStartError,
  removeBuilder,
  installSsh,
  engineBuilderName,
  inspectBuilder,
  needsHostNetwork,
  reportBuilder,
  uniqueBuilderName
} from './builder.js';
import {maskSecrets, runBuild, writeSecretFiles, type BuildResult} from './build.js';
import {exportGroups, runSplitBuild, shouldSplit} from './split.js';
import {readConfig} from './inputs.js';
import {planPlatforms} from './plan.js';
import {runSmoke} from './smoke.js';
import {checkBases, inspectBases, readDockerfile, readDockerfileStages} from './preflight.js';
import {ensureEmulators, readBinfmt} from './qemu.js';
import {saveState, StateKey} from './state.js';
import {runMerge} from './merge.js';
import {uploadRecord} from './handoff.js';
import {planMatrix, repositoryOf} from './matrix.js';
import {archOf} from './platform.js';
import {emulated, reportMerge, reportVerify, servedBy, setOutputs, writeSummary} from './summary.js';
import type {BuilderInfo, CacheConfig, Config, Plan} from './types.js';
import {cacheSpecs, describeCache, ghaRuntimeEnv, requiredVersions, type CacheSpecs} from './cache.js';
import {checkNodesBuildkitFor, ensureBuildx} from './buildx.js';
import {setRetryBudget} from './retry.js';
import {restoreLocalCache, saveLocalCache, type LocalCache} from './localcache.js';
import {refsToVerify, verifyPushed} from './verify.js';

/** plan mode: the matrix for the legs, nothing run. */
function runPlan(config: Config): void {
  const matrix = planMatrix(config.platforms, config.runnerMap);
  for (const leg of matrix.include)
    core.info(`${leg.platform.padEnd(16)} ${JSON.stringify(leg.runner)}${leg.qemu ? ' (QEMU)' : ''}`);
  core.setOutput('matrix', JSON.stringify(matrix));
}

/** verify mode: existing tags against the expected platforms (and digest), no build. */
async function runVerify(config: Config): Promise<void> {
  const result = await core.group('Verify', () => verifyPushed(config.tags, config.platforms, config.expectDigest));
  await reportVerify(result);
}

/** The step's own temp dir (0700): metadata file, secret files, buildkitd config. Post removes it. */
function makeTempDir(): string {
  const base = process.env.RUNNER_TEMP || os.tmpdir();
  fs.mkdirSync(base, {recursive: true});
  const dir = fs.mkdtempSync(path.join(base, 'xbuild-'));
  fs.chmodSync(dir, 0o700);
  saveState(StateKey.TempDir, dir);
  return dir;
}

function logPlan(plan: Plan): Plan {
  for (const p of plan.platforms) {
    core.info(`${p.platform.padEnd(16)} ${servedBy(p)}`);
    if (p.strategy === 'qemu') {
      core.warning(
        `${p.platform} is emulated with QEMU (RUN steps run ~10x slower): build it natively with a ${archOf(p.platform)} node (input nodes) or runner (mode plan)`
      );
    }
  }
  return plan;
}

interface PreparedCache {
  cache: CacheConfig;
  specs: CacheSpecs;
  env?: Record<string, string>;
  local?: LocalCache;
}

/**
 * The cache stage: the buildx that can serve the cache (installing the pinned release when asked), the specs,
 * the gha service variables for buildx, and for `cache: local` the restored directory.
 */
async function prepareCache(config: Config, tempDir: string, dockerfile: string): Promise<PreparedCache> {
  const cache =
    requiredVersions(config.cache) || config.buildxVersion !== 'auto'
      ? await ensureBuildx(config, tempDir)
      : config.cache;
  const image = config.images[0] ?? (config.tags[0] ? repositoryOf(config) : '');
  const perExport = config.mode === 'platform';
  const local =
    cache.backend === 'local' ? await restoreLocalCache(image, config.target, config.platforms, dockerfile) : undefined;
  const specs = cacheSpecs(cache, {
    image,
    target: config.target,
    platforms: config.platforms,
    perExport,
    localDirs: local
  });
  let env: Record<string, string> | undefined;
  if (cache.backend === 'gha') {
    env = ghaRuntimeEnv(process.env);
    if (env.ACTIONS_RUNTIME_TOKEN) core.setSecret(env.ACTIONS_RUNTIME_TOKEN);
  }
  const raw = config.cacheFrom.length || config.cacheTo.length ? ' (raw cache-from/cache-to replace these)' : '';
  core.info(describeCache(cache, specs) + raw);
  return {cache, specs, env, local};
}

/**
 * A builder the action did not create (driver docker, input builder) runs its own BuildKit: when the cache needs a
 * newer one, read it first and fail with the versions rather than meet an export error after the build.
 */
async function checkBuilderForCache(config: Config, cache: CacheConfig, ready: ReadyBuilder): Promise<ReadyBuilder> {
  if (!requiredVersions(cache) || !(config.driver === 'docker' || config.builder)) return ready;
  const info = ready.info ?? (await inspectBuilder(ready.name, config.driver !== 'docker'));
  const problem = checkNodesBuildkitFor(cache, info);
  if (problem) throw new Error(problem);
  return {...ready, info};
}

interface ReadyBuilder {
  name: string;
  /** The nodes' report when read before the build (multi-node builders; a builder checked for the cache). */
  info?: BuilderInfo;
  /** The plan, changed when a failed node's platforms fell back to QEMU. */
  plan: Plan;
}

/**
 * The builder the build runs on: the engine's, the user's, or a fresh docker-container one with the listed
 * nodes. With `node-fallback: qemu`, a node that will not start is dropped and its platforms re-planned.
 */
async function setUpBuilder(
  config: Config,
  tempDir: string,
  plan: Plan,
  dockerfile: string,
  replan: (nodes: Config['nodes']) => Plan
): Promise<ReadyBuilder> {
  if (config.driver === 'docker') return {name: engineBuilderName(), plan};
  if (config.builder) return {name: config.builder, plan};
  const name = uniqueBuilderName();
  // saved first, so post removes it even when creation fails half-way
  saveState(StateKey.Builder, name);
  let configFile: string | undefined;
  if (config.buildkitdConfigInline.trim()) {
    configFile = path.join(tempDir, 'buildkitd.toml');
    fs.writeFileSync(configFile, config.buildkitdConfigInline, {mode: 0o600});
  }
  const hostNetwork = needsHostNetwork(config, dockerfile);
  if (hostNetwork) core.info('A registry on localhost is involved: BuildKit gets the host network');
  installSsh(config, tempDir);
  for (let nodes = config.nodes; ;) {
    // with nodes, node 0 is pinned to what it serves, or buildx would send every platform to it
    const own = plan.platforms.filter(p => p.strategy !== 'node').map(p => p.platform);
    await createBuilder(name, config, {
      hostNetwork,
      configFile,
      platforms: nodes.length && own.length ? own : undefined
    });
    if (!nodes.length) {
      core.info(`Created builder ${name} (${config.buildkitImage}); it boots with the build`);
      return {name, plan};
    }
    try {
      return {name, info: await appendNodes(name, {...config, nodes}, tempDir, hostNetwork), plan};
    } catch (e) {
      if (!(e instanceof NodeStartError && e.nodes.length && config.nodeFallback === 'qemu')) throw e;
      core.warning(`${e.message}. node-fallback is qemu: building the platforms of ${e.nodes.join(', ')} under QEMU`);
      await removeBuilder(name);
      nodes = nodes.filter(n => !e.nodes.includes(n.name));
      plan = replan(nodes);
    }
  }
}

export async function main(): Promise<void> {
  saveState(StateKey.IsPost, 'true');
  const config = readConfig(name => core.getInput(name));
  maskSecrets(config);
  setRetryBudget(config.retries, config.retryBackoffMs);
  saveState(StateKey.Cleanup, String(config.cleanup));
  switch (config.mode) {
    case 'plan':
      return runPlan(config);
    case 'verify':
      return runVerify(config);
    case 'merge':
      return reportMerge(await runMerge(config, makeTempDir()));
    default:
      return runBuildMode(config);
  }
}

/** A leg runs on the runner the plan picked for it: emulation only when asked (qemu: true). */
function checkLegIsNative(config: Config, plan: Plan): void {
  const emulated = plan.platforms.find(p => p.strategy === 'qemu');
  if (config.mode === 'platform' && config.qemu === 'auto' && emulated) {
    throw new Error(
      `Mode platform builds natively, and ${emulated.platform} is not native on this ${process.arch} runner: run the leg on a matching runner (mode plan maps them) or set qemu: true`
    );
  }
}

async function runBuildMode(config: Config): Promise<void> {
  const text = readDockerfile(config);
  if (config.preflight && text === undefined) core.info('No local Dockerfile to read: preflight skipped');
  const dockerfile =
    config.preflight && text !== undefined
      ? await core.group('Read the Dockerfile', () => Promise.resolve(readDockerfileStages(config, text)))
      : undefined;
  const targetRuns = dockerfile?.targetRuns ?? true;
  if (!targetRuns)
    core.info('No stage runs a RUN step on the target platform: non-native platforms build without QEMU');
  let plan = await core.group('Plan platforms', () =>
    Promise.resolve(
      logPlan(planPlatforms(config.platforms, process.arch, readBinfmt(), config.qemu, config.nodes, targetRuns))
    )
  );
  checkLegIsNative(config, plan);
  const tempDir = makeTempDir();
  // the base images are read from their registries while the builder is created; the build waits for both
  const bases = dockerfile ? inspectBases(dockerfile) : Promise.resolve([]);
  const replan = (nodes: Config['nodes']): Plan =>
    logPlan(planPlatforms(config.platforms, process.arch, readBinfmt(), config.qemu, nodes, targetRuns));
  const prepared = await core.group('Cache', () => prepareCache(config, tempDir, text ?? ''));
  const ready = await core.group('Set up builder', async () =>
    checkBuilderForCache(config, prepared.cache, await setUpBuilder(config, tempDir, plan, text ?? '', replan))
  );
  const {name: builderName, info: booted} = ready;
  plan = ready.plan;
  const baseChecks = await bases;
  if (baseChecks.length)
    await core.group('Check base images', () => Promise.resolve(checkBases(baseChecks, config.platforms)));
  const qemu = await core.group('Set up QEMU', () => ensureEmulators(plan, config.qemuImage));
  // read the builder's nodes as soon as the build has booted it, beside the build rather than after it
  let builderInfo: Promise<BuilderInfo> | undefined = booted && Promise.resolve(booted);
  const inspectOnce = (): Promise<BuilderInfo> => {
    builderInfo ??= inspectBuilder(builderName, false);
    builderInfo.catch(() => undefined); // awaited below; an earlier failure must not leave it unhandled
    return builderInfo;
  };
  const paths = {
    builder: builderName,
    metadataFile: path.join(tempDir, 'metadata.json'),
    secretFiles: writeSecretFiles(config.secrets, tempDir),
    cache: prepared.specs,
    env: prepared.env
  };
  const groups = exportGroups(plan);
  const build: BuildResult & {platformSeconds?: Map<string, number>} = await core.group('Build', () =>
    shouldSplit(config, prepared.cache, groups)
      ? runSplitBuild(config, prepared.cache, groups, paths)
      : runBuild(config, paths, () => void inspectOnce())
  );

  if (prepared.local) await core.group('Save the local cache', () => saveLocalCache(prepared.local!));

  const pushed = (config.push || config.images.length > 0) && build.metadata.digest !== '';
  const refs = pushed ? refsToVerify(config, build.metadata.digest) : [];
  let platforms = config.platforms;
  const platformDigests = new Map<string, string>();
  if (config.verify && pushed) {
    const result = await core.group('Verify', () => verifyPushed(refs, config.platforms, build.metadata.digest));
    platforms = [...result.checks[0].found.keys()];
    for (const [p, digests] of result.checks[0].found) platformDigests.set(p, digests[0]);
  }
  if (platformDigests.size === 0 && config.platforms.length === 1 && build.metadata.digest) {
    platformDigests.set(config.platforms[0], build.metadata.digest);
  }
  if (config.mode === 'platform' && config.handoff === 'artifact') {
    const record = {
      image: repositoryOf(config),
      target: config.target,
      platform: config.platforms[0],
      digest: build.metadata.digest
    };
    await core.group('Hand off to the merge', () => uploadRecord(record, tempDir));
  }
  const builder = await core.group('Builder', async () => reportBuilder(await inspectOnce()));
  const smoke =
    config.smoke.length && pushed
      ? await core.group('Smoke run', () =>
          runSmoke(
            config.platforms,
            `${repositoryOf(config)}@${build.metadata.digest}`,
            config.smoke,
            config.smokeTimeout
          )
        )
      : [];

  const summary = {
    plan,
    builder,
    metadata: build.metadata,
    buildSeconds: build.seconds,
    platformSeconds: build.platformSeconds,
    platforms,
    platformDigests,
    refs,
    verified: config.verify && pushed,
    installed: qemu.installed,
    smoke,
    cache: build.cache,
    cacheBackend: prepared.cache.backend
  };
  setOutputs(summary);
  if (emulated(plan).length) core.info(`Emulated with QEMU: ${emulated(plan).join(', ')}`);
  await writeSummary(summary);
}
