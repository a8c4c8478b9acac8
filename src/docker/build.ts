import * as fs from 'node:fs';
import * as core from '@actions/core';
import {attestArgs} from '../model/attestations.js';
import type {CacheSpecs} from '../model/cache-names.js';
import {pushTargets, type PushTargets} from '../model/legs.js';
import type {BuildMetadata, Config, Platform, SecretSpec} from '../model/types.js';
import type {Docker} from './cli.js';
import {CommandError, lastLine, type RetryPolicy} from './exec.js';
import {diagnose, DiagnosedError, transientBuildFailure, UNREACHABLE} from './failures.js';
import {cacheExportError, parseCacheUsage, whenBooted, type CacheUsage} from './progress.js';
import {registryRetry} from './retry.js';
import {lintViolation, parseBuildWarnings, parseWarningLines, type BuildWarning} from './warnings.js';

/** `docker buildx build`: its argv in build-push-action's order of inputs, the run with its retry, and its metadata file. */

export interface BuildPaths {
  builder: string;
  metadataFile: string;
  /** Secret id → file holding its value (written 0600 into the step's temp dir). */
  secretFiles: Record<string, string>;
  /** The generated cache specs (cache.ts); raw cache-from/cache-to inputs replace them per direction. */
  cache?: CacheSpecs;
  /** Extra environment for buildx (the Actions cache service variables for a gha cache). */
  env?: Record<string, string>;
  /** build-push-action's default provenance attributes, where it would add them ('' or absent: none). */
  defaultProvenance?: string;
  /** The run's URL, added to every provenance asked for (build-push-action's builder-id; '' outside a run). */
  builderId?: string;
}

/** The `--secret` value for each secret input: a file the action wrote, the user's file, or an env var. */
export function secretArg(spec: SecretSpec, secretFiles: Record<string, string>): string {
  switch (spec.kind) {
    case 'value':
      return `id=${spec.id},src=${secretFiles[spec.id]}`;
    case 'file':
      return `id=${spec.id},src=${spec.path}`;
    case 'env':
      return `id=${spec.id},env=${spec.env}`;
  }
}

/**
 * One node's part of a split build (modes/split.ts): its own platforms, pushed by digest to the repository, for
 * the index the action tags afterwards.
 */
export interface BuildPart {
  platforms: Platform[];
  repository: string;
}

/** Where this build pushes other than by `--tag`: a part by digest, else the legs' and `images`' targets. */
function targetsOf(config: Config, part?: BuildPart): PushTargets | undefined {
  return part ? {refs: [part.repository], byDigest: true} : pushTargets(config);
}

/**
 * The `--output`/`--push`/`--load` part: by digest or to handoff tags for legs and `images`, else tags pushed or
 * loaded. Raw outputs go as given, with push/load beside them as build-push-action passes them (buildx sets push on
 * an image output).
 */
export function outputArgs(config: Config, part?: BuildPart): string[] {
  if (config.outputs.length) {
    return [
      ...config.outputs.flatMap(o => ['--output', o]),
      ...(config.push ? ['--push'] : []),
      ...(config.load ? ['--load'] : [])
    ];
  }
  const targets = targetsOf(config, part);
  // a leg that does not push (a pull request) only builds
  if (targets && config.mode === 'platform' && !config.push) return [];
  if (targets) {
    // name holds commas, so it is quoted as one CSV field; legs use OCI media types so the merge keeps them as they are
    const parts = ['type=image', `"name=${targets.refs.join(',')}"`];
    if (targets.byDigest) parts.push('push-by-digest=true', 'name-canonical=true');
    if (config.mode === 'platform') parts.push('oci-mediatypes=true');
    return ['--output', [...parts, 'push=true'].join(',')];
  }
  return [...(config.push ? ['--push'] : []), ...(config.load ? ['--load'] : [])];
}

const flag = (name: string, values: string[]): string[] => values.flatMap(v => [name, v]);
const option = (name: string, value: string): string[] => (value ? [name, value] : []);

/** build-push-action's inputs that buildx takes as they are. */
function passThroughArgs(config: Config): string[] {
  return [
    ...flag('--add-host', config.addHosts),
    ...flag('--allow', config.allow),
    ...flag('--build-context', config.buildContexts),
    ...option('--call', config.call),
    ...option('--cgroup-parent', config.cgroupParent),
    ...option('--network', config.network),
    ...flag('--no-cache-filter', config.noCacheFilters),
    ...option('--shm-size', config.shmSize),
    ...flag('--ulimit', config.ulimit)
  ];
}

/**
 * The cache flags: raw `cache-from`/`cache-to` given means the user's own layout, so no generated spec goes in
 * either direction; else the generated specs.
 */
function cacheArgs(config: Config, cache: CacheSpecs | undefined): string[] {
  const raw = config.cacheFrom.length > 0 || config.cacheTo.length > 0;
  return [
    ...flag('--cache-from', raw ? config.cacheFrom : (cache?.from ?? [])),
    ...flag('--cache-to', raw ? config.cacheTo : (cache?.to ?? []))
  ];
}

/** argv of `docker buildx build`, in build-push-action's order of inputs. */
export function buildArgs(config: Config, paths: BuildPaths, part?: BuildPart): string[] {
  // no platforms given: buildx builds the builder's own, as build-push-action leaves --platform out
  const platforms = part?.platforms ?? (config.platformsGiven ? config.platforms : []);
  return [
    'buildx',
    'build',
    '--builder',
    paths.builder,
    ...option('--platform', platforms.join(',')),
    ...(config.file ? ['--file', config.file] : []),
    ...(config.target ? ['--target', config.target] : []),
    ...flag('--build-arg', config.buildArgs),
    ...flag('--label', config.labels),
    ...flag('--annotation', config.annotations),
    ...(targetsOf(config, part) ? [] : flag('--tag', config.tags)),
    ...flag(
      '--secret',
      config.secrets.map(s => secretArg(s, paths.secretFiles))
    ),
    ...flag('--ssh', config.ssh),
    ...passThroughArgs(config),
    ...cacheArgs(config, paths.cache),
    ...attestArgs(config, paths.defaultProvenance ?? '', paths.builderId),
    ...(config.noCache ? ['--no-cache'] : []),
    ...(config.pull ? ['--pull'] : []),
    ...outputArgs(config, part),
    // the action reads BuildKit's plain progress (cache hits, export errors, boot): a job's BUILDKIT_PROGRESS
    // (quiet, rawjson, tty) would change what it reads, and the flag wins over it
    '--progress',
    'plain',
    '--metadata-file',
    paths.metadataFile,
    config.context
  ];
}

export interface BuildResult {
  metadata: BuildMetadata;
  seconds: number;
  /** Cached steps per platform, read from the build's own progress record. */
  cache: Map<Platform, CacheUsage>;
}

/** Parses buildx's `--metadata-file` JSON. */
export function parseMetadata(text: string): BuildMetadata {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const descriptor = (raw['containerimage.descriptor'] ?? {}) as {mediaType?: string; digest?: string};
  const str = (key: string): string => {
    const value = raw[key];
    return typeof value === 'string' ? value : '';
  };
  const names = str('image.name');
  const digest = str('containerimage.digest') || descriptor.digest || '';
  return {
    digest,
    // what buildx's --iidfile holds, build-push-action's imageid: the config digest, else (an index, or a load into
    // the containerd image store, whose image ids are manifest digests) the image's own digest
    imageId: str('containerimage.config.digest') || digest,
    mediaType: descriptor.mediaType ?? '',
    imageNames: names ? names.split(',') : [],
    buildRef: str('buildx.build.ref'),
    raw
  };
}

/** The retry of a whole build: only a push or a boot that failed on a registry error that passes, each announced. */
export function buildRetry(docker: Docker): RetryPolicy {
  let failedAt: string | undefined;
  return registryRetry(
    docker.budget,
    stderr => (failedAt = transientBuildFailure(stderr)) !== undefined,
    (reason, wait, attempt) =>
      core.warning(
        `${failedAt} failed on a registry error that passes (${reason.replace(/^ERROR: /, '')}); building again${failedAt === 'Push' ? ' from cache' : ''} in ${(wait / 1000).toFixed(1)} s, retry ${attempt}/${docker.budget.retries}`
      )
  );
}

/** The error a failed build ends the step with: the registry that kept failing, a diagnosis, or BuildKit's line. */
export function buildFailure(
  e: CommandError,
  config: Config,
  at: {part?: BuildPart; attempts: number; warnings: BuildWarning[]}
): Error {
  const {part, attempts} = at;
  const reason = lastLine(e.stderr).replace(/^ERROR: /, '');
  const checks = checksFailure(e.stderr, config, at.warnings);
  if (checks) return checks;
  const transient = transientBuildFailure(e.stderr);
  if (transient === 'Builder boot') {
    return new DiagnosedError(
      'Registry kept failing',
      `Builder did not start: its BuildKit image ${config.buildkitImage} could not be pulled: ${reason} (after ${attempts} attempts: check the registry's status, raise retries, or set buildkit-image to a copy you can reach)`
    );
  }
  if (transient === 'Push') {
    return new DiagnosedError(
      'Registry kept failing',
      `Build failed: ${reason} (the registry kept failing after ${attempts} attempts: check its status, or raise retries)`
    );
  }
  if (config.driver === 'remote' && UNREACHABLE.test(reason)) {
    return new DiagnosedError(
      'Builder unreachable',
      `Build failed: the remote buildkitd at ${config.endpoint} did not answer (${reason}): check the endpoint, that buildkitd listens there, and its TLS material (BUILDER_NODE_0_AUTH_TLS_CACERT, _CERT, _KEY)`
    );
  }
  const diagnosis = diagnose(e.stderr, part?.platforms ?? config.platforms);
  if (diagnosis) return new DiagnosedError(diagnosis.title, `Build failed: ${diagnosis.message}`);
  return new Error(`Build failed: ${reason}`);
}

/**
 * A build the build checks failed: the Dockerfile asks them to be errors (`# check=error=true`, or the
 * BUILDKIT_DOCKERFILE_CHECK build-arg), or `call: check` found warnings (buildx exits 1 on them).
 */
function checksFailure(stderr: string, config: Config, warnings: BuildWarning[]): DiagnosedError | undefined {
  const fix = "fix the lines the annotations point at, or skip a rule (the Dockerfile's # check=skip=<rule>)";
  const rules = lintViolation(stderr);
  if (rules)
    return new DiagnosedError('Build checks failed', `Build failed: the checks are errors and ${rules} failed: ${fix}`);
  if (!/^check\b/.test(config.call) || !warnings.length) return undefined;
  const found = [...new Set(warnings.map(w => w.short.split(':')[0]))].join(', ');
  return new DiagnosedError('Build checks failed', `call: check found ${warnings.length} warning(s), ${found}: ${fix}`);
}

/** The metadata file's JSON, or {} where buildx wrote none. */
export const readMetadataFile = (file: string): Record<string, unknown> =>
  fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};

/** A cache export that failed (the image is pushed all the same), said as a warning with its likely cause. */
export function warnCacheNotSaved(progress: string[]): void {
  const exportError = cacheExportError(progress);
  if (!exportError) return;
  core.warning(
    /cache write denied/i.test(exportError)
      ? `The build cache was not saved: this job's token may only read the Actions cache (a pull request from a fork, or cache-mode read) (${exportError}); the image is pushed`
      : `The build cache was not saved (${exportError}); the image is pushed, the next build starts cold: check the cache's registry or service, or set cache-ignore-error: false to fail on this`
  );
}

/**
 * Runs the build with live output and reads its result from the metadata file. A push that fails on a
 * transient registry error is built again (from the builder's cache) up to `retries` times, through exec's one
 * retry loop; build errors and auth errors fail at once. `onBooted` is called once the builder is up.
 */
export async function runBuild(
  docker: Docker,
  config: Config,
  paths: BuildPaths,
  opts: {part?: BuildPart; onBooted?: () => void; onFailedWarnings?: (warnings: BuildWarning[]) => void} = {}
): Promise<BuildResult> {
  const started = Date.now();
  const retry = buildRetry(docker);
  const progress: string[] = [];
  const booted = whenBooted(opts.onBooted ?? (() => undefined));
  const onStderrLine = (line: string): void => {
    progress.push(line);
    booted(line);
  };
  try {
    await docker.run(buildArgs(config, paths, opts.part), {onStderrLine, retry, env: paths.env});
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    // what the checks found: call: check writes its result file; a build that checks failed lists them on stderr
    const found = parseBuildWarnings(readMetadataFile(paths.metadataFile));
    const warnings = found.length ? found : parseWarningLines(e.stderr);
    opts.onFailedWarnings?.(warnings);
    throw buildFailure(e, config, {part: opts.part, attempts: retry.attempts, warnings});
  }
  const seconds = (Date.now() - started) / 1000;
  const metadata = parseMetadata(
    fs.existsSync(paths.metadataFile) ? fs.readFileSync(paths.metadataFile, 'utf8') : '{}'
  );
  core.info(`Built in ${seconds.toFixed(1)} s${metadata.digest ? `, digest ${metadata.digest}` : ''}`);
  warnCacheNotSaved(progress);
  // a retried build repeats its steps in the record: count the last attempt only
  const last = progress.lastIndexOf(progress.findLast(l => /^#0 building with/.test(l)) ?? '');
  return {
    metadata,
    seconds,
    cache: parseCacheUsage(progress.slice(Math.max(last, 0)), opts.part?.platforms ?? config.platforms)
  };
}
