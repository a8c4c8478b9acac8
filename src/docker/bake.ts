import * as core from '@actions/core';
import {withBuilderId} from '../model/attestations.js';
import {metadataPerTarget, parseBakePrint, type BakeTarget} from '../model/bake.js';
import {serverUrl} from '../model/runtime.js';
import type {BakeInputs, BuildMetadata, Config} from '../model/types.js';
import {buildFailure, buildRetry, parseMetadata, readMetadataFile, warnCacheNotSaved} from './build.js';
import type {Docker} from './cli.js';
import {CommandError} from './exec.js';
import {whenBooted} from './progress.js';
import {parseBuildWarnings, parseWarningLines, type BuildWarning} from './warnings.js';

/**
 * `docker buildx bake`: the definition resolved (`--print`), then built, with bake-action's flags in its order and
 * the build's retry; each target's metadata read from the one metadata file.
 */

const flag = (name: string, values: string[]): string[] => values.flatMap(v => [name, v]);

/** The definition's part of the argv, the same for --print and the build: source, files, overrides. */
const definitionArgs = (bake: BakeInputs): string[] => [
  ...(bake.source ? [bake.source] : []),
  ...flag('--file', bake.files),
  ...flag('--set', bake.set)
];

export function bakePrintArgs(bake: BakeInputs): string[] {
  return ['buildx', 'bake', ...definitionArgs(bake), '--print', ...bake.targets];
}

/** Where the build runs and what it adds: the builder, the metadata file, and the generated `--set` overrides. */
export interface BakeRun {
  builder: string;
  metadataFile: string;
  /** Per target: the generated cache and the default provenance (after the user's own `set`, so theirs stay). */
  sets: string[];
  env?: Record<string, string>;
  /** The run's URL, added to a provenance asked for (as build-push-action's builder-id). */
  builderId?: string;
}

/** argv of the build, in bake-action's order of inputs. */
export function bakeArgs(config: Config, run: BakeRun): string[] {
  return [
    'buildx',
    'bake',
    '--builder',
    run.builder,
    ...definitionArgs(config.bake),
    ...flag('--set', run.sets),
    ...(config.provenance ? [`--provenance=${withBuilderId(config.provenance, run.builderId ?? '')}`] : []),
    ...(config.sbom ? [`--sbom=${config.sbom}`] : []),
    ...flag('--allow', config.allow),
    ...(config.call ? ['--call', config.call] : []),
    ...(config.noCache ? ['--no-cache'] : []),
    ...(config.pull ? ['--pull'] : []),
    // a leg's output (by digest) pushes: --push would add an output beside it
    ...(config.push && config.mode !== 'platform' ? ['--push'] : []),
    ...(config.load ? ['--load'] : []),
    '--progress',
    'plain',
    '--metadata-file',
    run.metadataFile,
    ...config.bake.targets
  ];
}

/**
 * For a remote definition on the repository's own server, the token bake reads to fetch it
 * (BUILDX_BAKE_GIT_AUTH_TOKEN, as bake-action passes github-token); never argv.
 */
export function bakeEnv(config: Config, env: Record<string, string | undefined>): Record<string, string> {
  const remote = config.bake.source.startsWith(`${serverUrl(env)}/`);
  return remote && config.githubToken ? {BUILDX_BAKE_GIT_AUTH_TOKEN: config.githubToken} : {};
}

/** Resolves the definition once: what every target builds, with files, `set`, variables and matrix applied. */
export async function printDefinition(docker: Docker, config: Config): Promise<BakeTarget[]> {
  try {
    const {stdout} = await docker.run(bakePrintArgs(config.bake), {
      silent: true,
      cwd: config.bake.workdir,
      env: bakeEnv(config, process.env)
    });
    return parseBakePrint(stdout);
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    throw new Error(`The bake definition could not be read: ${e.message.replace(/^.*?: /, '')}`);
  }
}

export interface BakeResult {
  raw: Record<string, unknown>;
  /** target → its metadata, as a build's. */
  targets: Map<string, BuildMetadata>;
  seconds: number;
  progress: string[];
}

/**
 * Builds every target in one bake run (its targets build in parallel on the one builder), with the build's retry
 * of a push that failed on a transient registry error.
 */
export async function runBake(
  docker: Docker,
  config: Config,
  run: BakeRun,
  opts: {names: string[]; onBooted?: () => void; onFailedWarnings?: (warnings: BuildWarning[]) => void}
): Promise<BakeResult> {
  const started = Date.now();
  const retry = buildRetry(docker);
  const progress: string[] = [];
  const env = {...run.env, ...bakeEnv(config, process.env)};
  const booted = whenBooted(opts.onBooted ?? (() => undefined));
  try {
    await docker.run(bakeArgs(config, run), {
      onStderrLine: line => {
        progress.push(line);
        booted(line);
      },
      retry,
      env,
      cwd: config.bake.workdir
    });
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    const found = parseBuildWarnings(readMetadataFile(run.metadataFile));
    const warnings = found.length ? found : parseWarningLines(e.stderr);
    opts.onFailedWarnings?.(warnings);
    throw buildFailure(e, config, {attempts: retry.attempts, warnings});
  }
  const seconds = (Date.now() - started) / 1000;
  const raw = readMetadataFile(run.metadataFile);
  const targets = new Map(
    [...metadataPerTarget(raw, opts.names)].map(([name, entry]) => [name, parseMetadata(JSON.stringify(entry))])
  );
  core.info(`Baked ${targets.size} target(s) in ${seconds.toFixed(1)} s`);
  warnCacheNotSaved(progress);
  return {raw, targets, seconds, progress};
}
