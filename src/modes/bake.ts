import * as path from 'node:path';
import * as core from '@actions/core';
import {printDefinition, runBake} from '../docker/bake.js';
import {builderOnce, reportBuilder} from '../docker/builder.js';
import type {Docker} from '../docker/cli.js';
import {outputArgs} from '../docker/build.js';
import {parseCacheUsage} from '../docker/progress.js';
import {parseBuildWarnings, WARNINGS_ENV} from '../docker/warnings.js';
import {defaultProvenance, provenanceBuilderId} from '../model/attestations.js';
import {cacheSets, legOf, legSets, progressOf, provenanceSets, targetConfig, type BakeTarget} from '../model/bake.js';
import {buildVariant, cacheSpecs} from '../model/cache-names.js';
import {pushTargets, repositoryOf} from '../model/legs.js';
import {hostNativePlatforms} from '../model/platform.js';
import type {Config, Plan} from '../model/types.js';
import {buildkitImageOlderThan} from '../model/versions.js';
import {annotateBuildWarnings} from '../runner/annotations.js';
import {setBakeBuildOutputs, setBakeOutputs, writeBakeSummary, type BakeTargetReport} from '../runner/bake-summary.js';
import {repositoryIsPrivate} from '../runner/event.js';
import type {PreparedCache} from './cache-setup.js';
import {handOff, prepare, readBackStage, smokeTargets, type Preflight} from './build.js';
import {checkBases, dockerfilePath, inspectBases, readDockerfile, readDockerfileStages} from './preflight.js';
import {runSmoke} from './smoke.js';

/**
 * `mode: bake`: the definition resolved once (`bake --print`), then each target through the build mode's stages:
 * the platforms of all targets planned together (QEMU for what their union lacks), each target's Dockerfile and
 * bases checked before anything builds, the cache scoped per target, one bake run, then every target's tags read
 * back against its own platforms and digest, its smoke run, and one summary.
 */

/** One target with the step's inputs it builds with (see targetConfig). */
interface Planned {
  target: BakeTarget;
  config: Config;
}

/** Each target's Dockerfile (a file or `dockerfile-inline`) read, its stages logged, its bases checked per target. */
function bakePreflight(planned: Planned[], enabled: boolean): Preflight {
  const read = planned.map(p => {
    const text = p.target.dockerfileInline ?? readDockerfile(p.config);
    if (!enabled || text === undefined) return {p, text: text ?? ''};
    core.info(
      `target ${p.target.name} (${p.target.dockerfileInline ? 'dockerfile-inline' : dockerfilePath(p.config)}):`
    );
    return {p, text, report: readDockerfileStages(p.config, text)};
  });
  const readBases = async (docker: Docker) => {
    // each base image read once, however many targets build on it
    const bases = [...new Map(read.flatMap(r => r.report?.bases ?? []).map(b => [b.image, b])).values()];
    const all = await inspectBases(docker, {stages: [], targetRuns: true, bases});
    const checks = read.map(r => all.filter(c => r.report?.bases.some(b => b.image === c.image)));
    if (!checks.some(c => c.length)) return undefined;
    return () =>
      read.forEach((r, i) => {
        if (!checks[i].length) return;
        core.info(`target ${r.p.target.name}:`);
        try {
          checkBases(checks[i], r.p.config.platforms);
        } catch (e) {
          throw new Error(`Target ${r.p.target.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      });
  };
  return {
    text: read.map(r => r.text).join('\n'),
    targetRuns: read.some(r => r.report?.targetRuns ?? true),
    readBases
  };
}

/** Where a leg pushes: the output spec the build mode gives a leg, and its names (none: a leg that only builds). */
function legOutput(c: Config): {spec: string; refs: string[]} | undefined {
  const [, spec] = outputArgs(c);
  const targets = pushTargets(c);
  return spec && targets ? {spec, refs: targets.refs} : undefined;
}

/** The generated overrides: each target's own cache scope (as a build step of that image and stage would have). */
function generatedSets(config: Config, planned: Planned[], cache: PreparedCache): string[] {
  const provenance = defaultProvenance(config, {
    env: process.env,
    repositoryPrivate: repositoryIsPrivate(process.env),
    buildkitOlderThan011: !config.builder && buildkitImageOlderThan(config.buildkitImage, '0.11.0')
  });
  const caches = planned.flatMap(({target, config: c}) =>
    cacheSets(
      target,
      cacheSpecs(cache.cache, {
        image: repositoryOf(c),
        target: target.name,
        variant: buildVariant(c.file, c.buildArgs, process.env),
        platforms: c.platforms,
        // a leg's export holds its one platform: named by it, so the legs never overwrite each other
        perExport: config.mode === 'platform'
      })
    )
  );
  // a leg: its platform, and its output by digest (outputArgs gives ['--output', spec] where it pushes)
  const legs =
    config.mode === 'platform'
      ? planned.flatMap(({target, config: c}) => legSets(target, c.platforms[0], legOutput(c)))
      : [];
  return [
    ...legs,
    ...caches,
    ...provenanceSets(
      planned.map(p => p.target),
      provenance
    )
  ];
}

/** The definition, read and logged: each target's platforms and tags. */
export async function readDefinition(docker: Docker, config: Config): Promise<Planned[]> {
  const host = hostNativePlatforms(process.arch)[0];
  return core.group('Read the bake definition', async () => {
    const targets = await printDefinition(docker, config);
    for (const t of targets)
      core.info(`${t.name}: ${t.platforms.join(', ') || host} → ${t.tags.join(', ') || '(no tags)'}`);
    return targets.map(target => ({target, config: targetConfig(config, target, host)}));
  });
}

export async function runBakeMode(base: Docker, given: Config): Promise<void> {
  const planned = legOf(await readDefinition(base, given), given);
  const union = [...new Set(planned.flatMap(p => p.config.platforms))];
  const all = {...given, platforms: union, platformsGiven: true};
  const preflight = given.preflight
    ? await core.group('Read the Dockerfiles', () => Promise.resolve(bakePreflight(planned, true)))
    : bakePreflight(planned, false);
  const {config, tempDir, cache, ready, qemu} = await prepare(base, all, preflight);
  const names = planned.map(p => p.target.name);
  const run = {
    builder: ready.name,
    metadataFile: path.join(tempDir, 'bake-metadata.json'),
    sets: generatedSets(config, planned, cache),
    builderId: provenanceBuilderId(process.env),
    env: {...cache.env, ...WARNINGS_ENV}
  };
  const inspectOnce = builderOnce(ready.docker, ready.name, ready.info);
  const result = await core.group('Build', () =>
    runBake(ready.docker, config, run, {
      names,
      onBooted: () => void inspectOnce(),
      onFailedWarnings: w => annotateBuildWarnings(w, undefined)
    })
  );
  setBakeBuildOutputs(result.raw, Object.fromEntries([...result.targets].map(([n, m]) => [n, m.digest])));
  annotateBuildWarnings(parseBuildWarnings(result.raw), undefined);
  const builder = await core.group('Builder', async () => reportBuilder(await inspectOnce()));
  const reports = await reportTargets(ready.docker, planned, result, {
    plan: ready.plan,
    builder,
    installed: qemu.installed
  });
  setBakeOutputs(reports, builder, ready.plan);
  // a leg hands its digest to the merge last, after everything that can still fail it
  const [leg] = reports;
  if (config.mode === 'platform' && leg.report.refs.length) {
    core.setOutput('digest', leg.report.metadata.digest);
    if (config.handoff === 'artifact')
      await handOff({...planned[0].config, target: leg.name}, leg.report.metadata.digest, tempDir);
  }
  await writeBakeSummary(reports, qemu.installed);
}

/** Each target read back, smoke-run, and reported as a build step's run. */
async function reportTargets(
  docker: Docker,
  planned: Planned[],
  result: Awaited<ReturnType<typeof runBake>>,
  common: {plan: Plan; builder: BakeTargetReport['report']['builder']; installed: string[]}
): Promise<BakeTargetReport[]> {
  const metadataOf = (name: string) =>
    result.targets.get(name) ?? {digest: '', imageId: '', mediaType: '', imageNames: [], buildRef: '', raw: {}};
  // every target read back side by side: one registry round trip of time, not one per target
  const readBacks = await core.group('Verify', () =>
    Promise.all(planned.map(p => readBackStage(docker, p.config, metadataOf(p.target.name).digest, false)))
  );
  const reports: BakeTargetReport[] = [];
  for (const [i, {target, config}] of planned.entries()) {
    const metadata = metadataOf(target.name);
    const readBack = readBacks[i];
    const smoke =
      config.smoke.length && readBack.pushed
        ? await core.group(`Smoke run: ${target.name}`, () =>
            runSmoke(docker, smokeTargets(config, readBack, metadata.digest), config.smoke, config.smokeTimeout)
          )
        : [];
    const plan = {...common.plan, platforms: common.plan.platforms.filter(p => config.platforms.includes(p.platform))};
    reports.push({
      name: target.name,
      report: {
        ...readBack,
        plan,
        builder: common.builder,
        metadata,
        buildSeconds: result.seconds,
        verified: config.verify && readBack.pushed,
        installed: common.installed,
        smoke,
        cache: parseCacheUsage(progressOf(result.progress, target.name), config.platforms),
        cacheBackend: config.cache.backend
      }
    });
  }
  return reports;
}
