import * as path from 'node:path';
import * as core from '@actions/core';
import {runBuild, type BuildResult} from '../docker/build.js';
import {builderOnce, reportBuilder} from '../docker/builder.js';
import {installedBuildx} from '../docker/buildx-install.js';
import type {Docker} from '../docker/cli.js';
import {parseBuildWarnings, WARNINGS_ENV} from '../docker/warnings.js';
import {localReadIsNotDaemons} from '../docker/binfmt.js';
import {builderDaemonHost, endpointEnv} from '../docker/context.js';
import {exportGroups, shouldSplit} from '../model/export-groups.js';
import {defaultProvenance, provenanceBuilderId} from '../model/attestations.js';
import {pushes, refsToVerify, repositoryOf} from '../model/legs.js';
import {archOf} from '../model/platform.js';
import {planPlatforms} from '../model/strategy.js';
import type {BuilderInfo, Config, NodeSpec, Plan, Platform} from '../model/types.js';
import {buildkitImageOlderThan, PINNED_BUILDX, versionAtLeast} from '../model/versions.js';
import {saveLocalCache} from '../runner/actions-cache.js';
import {annotateBuildWarnings} from '../runner/annotations.js';
import {flavourOf, uploadRecord} from '../runner/artifacts.js';
import {repositoryIsPrivate} from '../runner/event.js';
import {emulated, servedBy, setBuildOutputs, setOutputs, writeSummary} from '../runner/summary.js';
import {probeHost} from '../runner/host.js';
import {makeTempDir, writeSecretFiles} from '../runner/temp.js';
import {checkBuilderForCache, setUpBuilder, type ReadyBuilder} from './builder-setup.js';
import {prepareCache, type PreparedCache} from './cache-setup.js';
import {ensureEmulators, readEmulators, type EmulatorView} from './emulators.js';
import {fitImageStore} from './image-store.js';
import {
  checkBases,
  dockerfilePath,
  inspectBases,
  readDockerfile,
  readDockerfileStages,
  type DockerfileReport
} from './preflight.js';
import {runSmoke, type SmokeTarget} from './smoke.js';
import {runSplitBuild} from './split.js';
import {signVerified} from './sign-lazy.js';
import {verifyPushed} from './verify.js';

/**
 * `mode: build` and `mode: platform` (one leg): read the Dockerfile, plan the platforms, then the cache, the
 * builder, the base check and QEMU, the build, the read-back, the handoff, the smoke run and the report. Each stage
 * is a log group of its own, in this order.
 */

/**
 * The plan, logged: how each platform is built, and one warning for all the platforms QEMU emulates (the runner
 * shows at most 10 warnings a step: one per platform would crowd out the ones that matter).
 */
function logPlan(plan: Plan): Plan {
  for (const p of plan.platforms) core.info(`${p.platform.padEnd(16)} ${servedBy(p)}`);
  for (const w of plan.warnings ?? []) core.warning(w, {title: 'CPU features'});
  const qemu = plan.platforms.filter(p => p.strategy === 'qemu').map(p => p.platform);
  if (qemu.length) {
    const arches = [...new Set(qemu.map(archOf))].join('/');
    core.warning(
      `${qemu.join(', ')} ${qemu.length > 1 ? 'are' : 'is'} emulated with QEMU (RUN steps run ~10x slower): build natively with ${arches} nodes (input nodes) or runners (mode plan)`
    );
  }
  return plan;
}

/**
 * A leg is meant for a runner that builds it natively; on another (the docs' recipe runs every leg on one amd64
 * runner) it builds under QEMU, as build-push-action would, with a warning naming the native way.
 */
function warnLegEmulated(config: Config, plan: Plan): void {
  const qemu = plan.platforms.find(p => p.strategy === 'qemu');
  if (config.mode === 'platform' && config.qemu === 'auto' && qemu) {
    core.warning(
      `This leg builds ${qemu.platform} under QEMU on a ${process.arch} runner: run it on a matching runner (mode plan maps them) to build it natively`
    );
  }
}

/** `call` evaluates a build method (check, outline, …) with buildx's --call, which buildx 0.15 brought. */
async function checkCallSupported(docker: Docker): Promise<void> {
  const version = await installedBuildx(docker);
  if (versionAtLeast(version, '0.15.0') === false) {
    throw new Error(
      `Input call needs buildx 0.15 or newer, and this runner has buildx ${version}: set buildx-version to ${PINNED_BUILDX} (or latest) to build with that release`
    );
  }
}

/** The Dockerfile's text and, with preflight, the stages the build runs. */
async function readStages(config: Config): Promise<{text: string; report?: DockerfileReport}> {
  const text = readDockerfile(config);
  if (config.preflight && text === undefined) core.info('No local Dockerfile to read: preflight skipped');
  if (!config.preflight || text === undefined) return {text: text ?? ''};
  const report = await core.group('Read the Dockerfile', () => Promise.resolve(readDockerfileStages(config, text)));
  if (!report.targetRuns)
    core.info('No stage runs a RUN step on the target platform: non-native platforms build without QEMU');
  return {text, report};
}

/** The Dockerfile's path where the build reads a local one (the annotations point at its lines), else undefined. */
const localDockerfile = (config: Config): string | undefined =>
  readDockerfile(config) === undefined ? undefined : dockerfilePath(config);

/** What the build stage produced, and the builder's report read beside it. */
interface Built {
  build: BuildResult & {platformSeconds?: Map<Platform, number>};
  builder: Promise<BuilderInfo>;
}

/** The build: one per node when a multi-node builder exports a cache, else one, reading the builder once it is up. */
async function buildStage(config: Config, ready: ReadyBuilder, cache: PreparedCache, tempDir: string): Promise<Built> {
  const {docker, name} = ready;
  const inspectOnce = builderOnce(docker, name, ready.info);
  const paths = {
    builder: name,
    metadataFile: path.join(tempDir, 'metadata.json'),
    secretFiles: writeSecretFiles(config.secrets, tempDir),
    cache: cache.specs,
    // the build's warnings (build checks) in the metadata file, for their annotations
    env: {...cache.env, ...WARNINGS_ENV},
    builderId: provenanceBuilderId(process.env),
    defaultProvenance: defaultProvenance(config, {
      env: process.env,
      repositoryPrivate: repositoryIsPrivate(process.env),
      buildkitOlderThan011: !config.builder && buildkitImageOlderThan(config.buildkitImage, '0.11.0')
    })
  };
  const groups = exportGroups(ready.plan);
  const build = await core.group('Build', () =>
    shouldSplit(config, cache.cache, groups)
      ? runSplitBuild(docker, config, cache.cache, groups, paths)
      : runBuild(docker, config, paths, {
          onBooted: () => void inspectOnce(),
          onFailedWarnings: warnings => annotateBuildWarnings(warnings, localDockerfile(config))
        })
  );
  return {build, builder: inspectOnce()};
}

/** What the registry holds after the build: the platforms read back and each one's manifest digest. */
export interface ReadBack {
  pushed: boolean;
  refs: string[];
  platforms: Platform[];
  platformDigests: Map<Platform, string>;
}

export async function readBackStage(docker: Docker, config: Config, digest: string, grouped = true): Promise<ReadBack> {
  const pushed = pushes(config) && digest !== '';
  const refs = pushed ? refsToVerify(config, digest) : [];
  const readBack: ReadBack = {pushed, refs, platforms: config.platforms, platformDigests: new Map()};
  if (config.verify && pushed) {
    const verify = () => verifyPushed(docker, refs, config.platforms, digest);
    // bake reads its targets back side by side, in one group of its own
    const result = await (grouped ? core.group('Verify', verify) : verify());
    readBack.platforms = [...result.checks[0].found.keys()];
    for (const [p, digests] of result.checks[0].found) readBack.platformDigests.set(p, digests[0]);
  }
  if (readBack.platformDigests.size === 0 && config.platforms.length === 1 && digest) {
    readBack.platformDigests.set(config.platforms[0], digest);
  }
  return readBack;
}

/** What the smoke run starts: each platform by its own manifest digest (read back by verify), else the build's. */
export const smokeTargets = (config: Config, readBack: ReadBack, digest: string): SmokeTarget[] =>
  config.platforms.map(platform => ({
    platform,
    image: `${repositoryOf(config)}@${readBack.platformDigests.get(platform) ?? digest}`
  }));

/** Where node 0's container runs: the endpoint input of a docker-container builder, else ('') the current context. */
export const daemonEndpoint = (config: Config): string => (config.driver === 'docker-container' ? config.endpoint : '');

/**
 * The plan of the platforms, on the daemon's emulators: read where the step runs when that is the daemon's kernel,
 * else asked of the daemon when some platform needs QEMU.
 */
export async function planStage(docker: Docker, config: Config, targetRuns: boolean) {
  // a remote or kubernetes builder serves every platform itself: its own emulators, none installed here
  const own = config.driver === 'remote' || config.driver === 'kubernetes';
  const nodes = own ? [{name: config.driver, platforms: config.platforms}] : config.nodes;
  const host = builderDaemonHost(daemonEndpoint(config));
  // the kernel that runs the builds is measured where it is this step's own (i386 and the amd64 levels in doubt)
  const machine = {arch: process.arch, probe: localReadIsNotDaemons(host) ? undefined : probeHost()};
  const planOn = (entries: EmulatorView['entries'], ns: Pick<NodeSpec, 'name' | 'platforms'>[]): Plan =>
    planPlatforms(config.platforms, machine, entries, config.qemu, ns, targetRuns);
  return core.group('Plan platforms', async () => {
    const needsQemu = planOn([], nodes).platforms.some(p => p.strategy === 'qemu');
    const view = await readEmulators(docker, config.qemuImage, host, needsQemu);
    const replan = (ns: Pick<NodeSpec, 'name' | 'platforms'>[]): Plan => logPlan(planOn(view.entries, ns));
    return {plan: replan(nodes), replan, view, host};
  });
}

/**
 * What the Dockerfiles tell the stages before any build: their text (the builder's network, the local cache's key),
 * whether a stage runs on the target platform, and the base images read beside the builder's creation.
 */
export interface Preflight {
  text: string;
  targetRuns: boolean;
  /** Reads the bases; the check it gives logs the table and throws on a platform missing (undefined: none). */
  readBases: (docker: Docker) => Promise<(() => void) | undefined>;
}

/** The build mode's preflight: its one Dockerfile. */
async function buildPreflight(config: Config): Promise<Preflight> {
  const {text, report} = await readStages(config);
  const readBases = async (docker: Docker) => {
    const checks = report ? await inspectBases(docker, report) : [];
    return checks.length ? () => checkBases(checks, config.platforms) : undefined;
  };
  return {text, targetRuns: report?.targetRuns ?? true, readBases};
}

/** The builder ready for the build: planned, cached, created, its bases checked and its emulators installed. */
export async function prepare(docker: Docker, given: Config, preflight: Preflight) {
  const config = await fitImageStore(docker, given);
  // the docker CLI pointed at node 0's daemon, whose kernel runs the emulators: the endpoint input's, where one is given
  const daemonEnv = endpointEnv(daemonEndpoint(config));
  const {plan, replan, view, host} = await planStage(docker.withEnv(daemonEnv), config, preflight.targetRuns);
  warnLegEmulated(config, plan);
  const tempDir = makeTempDir();
  // the base images are read from their registries while the builder is created; the build waits for both
  const bases = preflight.readBases(docker);
  const cache = await core.group('Cache', () => prepareCache(docker, config, tempDir, preflight.text));
  if (config.call) await checkCallSupported(cache.docker);
  const ready = await core.group('Set up builder', async () =>
    checkBuilderForCache(
      config,
      cache.cache,
      await setUpBuilder(cache.docker, config, {tempDir, plan, dockerfile: preflight.text, replan, host})
    )
  );
  const checkBasesNow = await bases;
  if (checkBasesNow) await core.group('Check base images', () => Promise.resolve(checkBasesNow()));
  const qemu = await core.group('Set up QEMU', () =>
    ensureEmulators(ready.docker.withEnv(daemonEnv), ready.plan, {image: config.qemuImage, view, host})
  );
  return {config, tempDir, cache, ready, qemu};
}

/** A leg's record for the merge, as a workflow artifact of this run. */
export async function handOff(config: Config, digest: string, tempDir: string): Promise<void> {
  const record = {
    flavour: flavourOf(config.tags),
    image: repositoryOf(config),
    target: config.target,
    platform: config.platforms[0],
    digest
  };
  const attempt = Number(process.env.GITHUB_RUN_ATTEMPT || 1);
  await core.group('Hand off to the merge', () => uploadRecord(record, tempDir, attempt));
}

export async function runBuildMode(base: Docker, given: Config): Promise<void> {
  const {config, tempDir, cache, ready, qemu} = await prepare(base, given, await buildPreflight(given));
  const {docker, plan} = ready;
  const {build, builder} = await buildStage(config, ready, cache, tempDir);
  setBuildOutputs(build.metadata);
  annotateBuildWarnings(parseBuildWarnings(build.metadata.raw), localDockerfile(config));
  if (cache.local) await core.group('Save the local cache', () => saveLocalCache(cache.local!));
  const readBack = await readBackStage(docker, config, build.metadata.digest);
  // what the read-back proved is signed: the verified digest (the input checks made sure the step pushes)
  const verified = {digest: build.metadata.digest, platformDigests: readBack.platformDigests.values()};
  const signed = readBack.pushed ? await signVerified(docker, config, verified, tempDir) : [];
  const report = await core.group('Builder', async () => reportBuilder(await builder));
  const smoke =
    config.smoke.length && readBack.pushed
      ? await core.group('Smoke run', () =>
          runSmoke(docker, smokeTargets(config, readBack, build.metadata.digest), config.smoke, config.smokeTimeout)
        )
      : [];
  // the handoff goes last, after everything that can still fail the leg (a re-run attempt replaces it)
  if (config.mode === 'platform' && config.handoff === 'artifact' && readBack.pushed)
    await handOff(config, build.metadata.digest, tempDir);
  const summary = {
    ...readBack,
    plan,
    builder: report,
    metadata: build.metadata,
    buildSeconds: build.seconds,
    platformSeconds: build.platformSeconds,
    verified: config.verify && readBack.pushed,
    installed: qemu.installed,
    smoke,
    cache: build.cache,
    cacheBackend: cache.cache.backend,
    signed
  };
  setOutputs(summary);
  if (emulated(plan).length) core.info(`Emulated with QEMU: ${emulated(plan).join(', ')}`);
  await writeSummary(summary);
}
