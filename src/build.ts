import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import {CommandError, docker, lastLine} from './exec.js';
import {diagnose, DiagnosedError} from './diagnose.js';
import {AUTH_FAILURE, registryRetry, retryBudget, TRANSIENT} from './retry.js';
import {pushTargets} from './matrix.js';
import {cacheExportError, parseCacheUsage, parseMetadata, type CacheUsage} from './parsers.js';
import type {CacheSpecs} from './cache.js';
import type {BuildMetadata, Config, Platform, SecretSpec} from './types.js';

export interface BuildPaths {
  builder: string;
  metadataFile: string;
  /** Secret id → file holding its value (written 0600 into the step's temp dir). */
  secretFiles: Record<string, string>;
  /** The generated cache specs (cache.ts); raw cache-from/cache-to inputs replace them per direction. */
  cache?: CacheSpecs;
  /** Extra environment for buildx (the Actions cache service variables for a gha cache). */
  env?: Record<string, string>;
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

/** The `--output`/`--push`/`--load` part: by digest or to handoff tags for legs and `images`, else tags pushed or loaded. */
export function outputArgs(config: Config): string[] {
  if (config.outputs.length) return config.outputs.flatMap(o => ['--output', o]);
  const targets = pushTargets(config);
  if (targets) {
    // name holds commas, so it is quoted as one CSV field; legs use OCI media types so the merge keeps them as they are
    const parts = ['type=image', `"name=${targets.refs.join(',')}"`];
    if (targets.byDigest) parts.push('push-by-digest=true', 'name-canonical=true');
    if (config.mode === 'platform') parts.push('oci-mediatypes=true');
    return ['--output', [...parts, 'push=true'].join(',')];
  }
  return [...(config.push ? ['--push'] : []), ...(config.load ? ['--load'] : [])];
}

/** argv of `docker buildx build`, in build-push-action's order of inputs. */
export function buildArgs(config: Config, paths: BuildPaths): string[] {
  const flag = (name: string, values: string[]): string[] => values.flatMap(v => [name, v]);
  const attestation = (name: string, value: string): string[] => (value ? [`${name}=${value}`] : []);
  return [
    'buildx',
    'build',
    '--builder',
    paths.builder,
    '--platform',
    config.platforms.join(','),
    ...(config.file ? ['--file', config.file] : []),
    ...(config.target ? ['--target', config.target] : []),
    ...flag('--build-arg', config.buildArgs),
    ...flag('--label', config.labels),
    ...flag('--annotation', config.annotations),
    ...(pushTargets(config) ? [] : flag('--tag', config.tags)),
    ...flag(
      '--secret',
      config.secrets.map(s => secretArg(s, paths.secretFiles))
    ),
    ...flag('--ssh', config.ssh),
    ...flag('--cache-from', config.cacheFrom.length ? config.cacheFrom : (paths.cache?.from ?? [])),
    ...flag('--cache-to', config.cacheTo.length ? config.cacheTo : (paths.cache?.to ?? [])),
    ...attestation('--provenance', config.provenance),
    ...attestation('--sbom', config.sbom),
    ...(config.noCache ? ['--no-cache'] : []),
    ...(config.pull ? ['--pull'] : []),
    ...outputArgs(config),
    '--metadata-file',
    paths.metadataFile,
    config.context
  ];
}

/**
 * Every value the logs must never show: value secrets, the values behind secret-envs and the ssh key. A value over
 * several lines is given line by line too, since the runner masks one log line at a time.
 */
export function secretValues(config: Config, env: Record<string, string | undefined>): string[] {
  const values = config.secrets.map(spec =>
    spec.kind === 'value' ? spec.value : spec.kind === 'env' ? env[spec.env] : ''
  );
  values.push(config.sshPrivateKey);
  const whole = values.filter((v): v is string => !!v && v.trim() !== '');
  const lines = whole.flatMap(v => (v.includes('\n') ? v.split('\n').filter(l => l.trim().length >= 4) : []));
  return [...new Set([...whole, ...lines])];
}

/** Registers the secrets with the runner before any command can print them. */
export function maskSecrets(config: Config, env: Record<string, string | undefined> = process.env): void {
  for (const value of secretValues(config, env)) core.setSecret(value);
}

/** Writes each value secret to its own 0600 file in the step's temp dir; post removes the dir. */
export function writeSecretFiles(secrets: SecretSpec[], dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const spec of secrets) {
    if (spec.kind !== 'value') continue;
    const file = path.join(dir, `secret-${Object.keys(files).length + 1}`);
    fs.writeFileSync(file, spec.value, {mode: 0o600});
    files[spec.id] = file;
  }
  return files;
}

/** A build that failed only because pushing its result hit a registry error that passes: worth building again. */
export function isTransientPushFailure(stderr: string): boolean {
  const line = lastLine(stderr);
  return (
    /failed to push|failed commit on ref|failed to copy/.test(line) && TRANSIENT.test(line) && !AUTH_FAILURE.test(line)
  );
}

/**
 * A build that failed before any step because booting the builder could not pull its BuildKit image, for a
 * reason that passes: the build boots a fresh builder itself (one call fewer), so its retry covers the pull.
 */
export function isTransientBootFailure(stderr: string): boolean {
  const line = lastLine(stderr);
  return /> \[internal\] booting buildkit:/.test(stderr) && TRANSIENT.test(line) && !AUTH_FAILURE.test(line);
}

/** What a build that is worth building again failed at, or undefined. */
export function transientBuildFailure(stderr: string): 'Push' | 'Builder boot' | undefined {
  if (isTransientBootFailure(stderr)) return 'Builder boot';
  return isTransientPushFailure(stderr) ? 'Push' : undefined;
}

export interface BuildResult {
  metadata: BuildMetadata;
  seconds: number;
  /** Cached steps per platform, read from the build's own progress record. */
  cache: Map<Platform, CacheUsage>;
}

/**
 * Calls `then` once buildx's progress shows the builder is up: at the first step after `booting buildkit`,
 * or at the first step at all when the builder was already running.
 */
export function whenBooted(then: () => void): (line: string) => void {
  let bootStep = '';
  let done = false;
  return line => {
    const step = /^#(\d+) /.exec(line)?.[1];
    if (done || !step || step === '0') return; // #0 is buildx's "building with … instance" header
    if (line.includes('booting buildkit')) bootStep = step;
    else if (step !== bootStep) {
      done = true;
      then();
    }
  };
}

/**
 * Runs the build with live output and reads its result from the metadata file. A push that fails on a
 * transient registry error is built again (from the builder's cache) up to `retries` times, through exec's one
 * retry loop; build errors and auth errors fail at once.
 */
export async function runBuild(
  config: Config,
  paths: BuildPaths,
  onBooted: () => void = () => undefined
): Promise<BuildResult> {
  const started = Date.now();
  let failedAt: string | undefined;
  const buildRetry = registryRetry(
    stderr => (failedAt = transientBuildFailure(stderr)) !== undefined,
    (reason, wait, attempt) =>
      core.warning(
        `${failedAt} failed on a registry error that passes (${reason.replace(/^ERROR: /, '')}); building again${failedAt === 'Push' ? ' from cache' : ''} in ${(wait / 1000).toFixed(1)} s, retry ${attempt}/${retryBudget()}`
      )
  );
  const progress: string[] = [];
  const booted = whenBooted(onBooted);
  const onStderrLine = (line: string): void => {
    progress.push(line);
    booted(line);
  };
  try {
    await docker(buildArgs(config, paths), {onStderrLine, retry: buildRetry, env: paths.env});
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    const reason = lastLine(e.stderr).replace(/^ERROR: /, '');
    const transient = transientBuildFailure(e.stderr);
    if (transient === 'Builder boot') {
      throw new DiagnosedError(
        'Registry kept failing',
        `Builder did not start: its BuildKit image ${config.buildkitImage} could not be pulled: ${reason} (after ${buildRetry.attempts} attempts: check the registry's status, raise retries, or set buildkit-image to a copy you can reach)`
      );
    }
    if (transient === 'Push') {
      throw new DiagnosedError(
        'Registry kept failing',
        `Build failed: ${reason} (the registry kept failing after ${buildRetry.attempts} attempts: check its status, or raise retries)`
      );
    }
    const diagnosis = diagnose(e.stderr, config.platforms);
    if (diagnosis) throw new DiagnosedError(diagnosis.title, `Build failed: ${diagnosis.message}`);
    throw new Error(`Build failed: ${reason}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const metadata = fs.existsSync(paths.metadataFile)
    ? parseMetadata(fs.readFileSync(paths.metadataFile, 'utf8'))
    : parseMetadata('{}');
  core.info(`Built in ${seconds.toFixed(1)} s${metadata.digest ? `, digest ${metadata.digest}` : ''}`);
  const exportError = cacheExportError(progress);
  if (exportError) {
    core.warning(
      `The build cache was not saved (${exportError}); the image is pushed, the next build starts cold: check the cache's registry or service, or set cache-ignore-error: false to fail on this`
    );
  }
  // a retried build repeats its steps in the record: count the last attempt only
  const last = progress.lastIndexOf(progress.findLast(l => /^#0 building with/.test(l)) ?? '');
  return {metadata, seconds, cache: parseCacheUsage(progress.slice(Math.max(last, 0)), config.platforms)};
}
