import {createHash} from 'node:crypto';
import * as core from '@actions/core';
import {normalizePlatform} from '../model/platform.js';
import {isLocalRegistry} from '../model/reference.js';
import type {BuilderInfo, BuilderNode, Config, NodeSpec} from '../model/types.js';
import type {Docker} from './cli.js';
import {CommandError} from './exec.js';
import {networkRetry} from './retry.js';

/** `docker buildx create | inspect | rm`: a builder's argv, its runners, and the parser of what inspect prints. */

/** A builder name that cannot collide with another job's on a shared machine. */
export function uniqueBuilderName(random: () => number = Math.random): string {
  return `xbuild-${Math.floor(random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}`;
}

/**
 * The name of this job's builder with these settings, or undefined outside a job (no GITHUB_RUN_ID/GITHUB_JOB).
 * A later step of the job with the same settings gets the same name, finds the builder up, and reuses it with its
 * cache, as the steps after setup-buildx-action share one builder. The runner's name keeps concurrent jobs of one
 * run (a matrix) on one machine apart.
 */
export function jobBuilderName(
  config: Pick<
    Config,
    | 'driver'
    | 'endpoint'
    | 'buildkitImage'
    | 'driverOpts'
    | 'buildkitdFlags'
    | 'buildkitdConfig'
    | 'buildkitdConfigInline'
  >,
  hostNetwork: boolean,
  env: Record<string, string | undefined>
): string | undefined {
  if (!env.GITHUB_RUN_ID || !env.GITHUB_JOB) return undefined;
  // a step that points docker elsewhere (DOCKER_HOST, DOCKER_CONTEXT) gets a builder of its own there
  const job = [
    env.GITHUB_RUN_ID,
    env.GITHUB_RUN_ATTEMPT,
    env.GITHUB_JOB,
    env.RUNNER_NAME,
    env.DOCKER_HOST,
    env.DOCKER_CONTEXT
  ];
  const setup = [
    config.driver,
    config.endpoint,
    config.buildkitImage,
    // the options the builder is made with: network=host asked for (setup mode) or added for a localhost registry
    // (a build pushing there) is one builder, so a build step after a setup step reuses its builder
    ...withNetwork(config.driverOpts, hostNetwork),
    config.buildkitdFlags,
    config.buildkitdConfig,
    config.buildkitdConfigInline
  ];
  const key = [...job, ...setup].join('\0');
  return `xbuild-job-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** True when `buildx create` failed because a builder of that name is there already. */
export function builderExists(e: unknown): boolean {
  return e instanceof CommandError && /existing instance for/.test(e.stderr);
}

/** True when BuildKit, inside its container, must use the host network to reach a registry on this machine. */
export function needsHostNetwork(config: Config, dockerfile: string): boolean {
  const refs = [...config.tags, ...config.images, ...refsOf(config.cacheFrom), ...refsOf(config.cacheTo)];
  const bases = [...dockerfile.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].map(m => m[1]);
  return [...refs, ...bases].some(isLocalRegistry);
}

function refsOf(specs: string[]): string[] {
  return specs.flatMap(s => [...s.matchAll(/(?:^|,)ref=([^,]+)/g)].map(m => m[1]));
}

/** Adds network=host when BuildKit must reach a registry on this machine, unless a network is chosen already. */
export function withNetwork(driverOpts: string[], hostNetwork: boolean): string[] {
  return hostNetwork && !driverOpts.some(o => o.startsWith('network=')) ? [...driverOpts, 'network=host'] : driverOpts;
}

/** argv of `docker buildx create` for a fresh docker-container builder; `platforms` pins node 0 when nodes join it. */
export interface CreateOptions {
  hostNetwork: boolean;
  /** The buildkitd.toml written from buildkitd-config-inline. */
  configFile?: string;
  /** node 0's platforms, pinned when nodes join it. */
  platforms?: string[];
  /** driver remote: cacert=, cert=, key= options naming the TLS files written for it. */
  tlsOpts?: string[];
  /** The docker context the builder's container runs on (made for a DOCKER_HOST with TLS); else the current one. */
  context?: string;
}

/**
 * The driver options of a created builder: docker-container and kubernetes run buildkit-image (docker-container on
 * the host network when a registry is on this machine); remote reaches a running buildkitd, with its TLS files.
 */
function driverOptsFor(config: Config, opts: CreateOptions): string[] {
  if (config.driver === 'remote') return [...config.driverOpts, ...(opts.tlsOpts ?? [])];
  const own = [`image=${config.buildkitImage}`, ...config.driverOpts];
  return config.driver === 'kubernetes' ? own : withNetwork(own, opts.hostNetwork);
}

export function createArgs(name: string, config: Config, opts: CreateOptions): string[] {
  const remote = config.driver === 'remote';
  return [
    'buildx',
    'create',
    '--name',
    name,
    '--driver',
    config.driver === 'docker' ? 'docker-container' : config.driver,
    ...driverOptsFor(config, opts).flatMap(o => ['--driver-opt', o]),
    ...(config.buildkitdFlags && !remote ? ['--buildkitd-flags', config.buildkitdFlags] : []),
    ...(opts.configFile && !remote ? ['--config', opts.configFile] : []),
    ...(opts.platforms?.length ? ['--platform', opts.platforms.join(',')] : []),
    // node 0's daemon (or buildkitd): the endpoint input as setup-buildx-action passes it, else the TLS context made
    ...(config.endpoint ? [config.endpoint] : opts.context ? [opts.context] : [])
  ];
}

/** argv of `docker buildx inspect`; with bootstrap it first starts every node (and fails naming one that will not). */
export function inspectArgs(name: string, bootstrap: boolean): string[] {
  return ['buildx', 'inspect', ...(bootstrap ? ['--bootstrap'] : []), name];
}

/** argv of `docker buildx rm`: removes the builder, its container and its state volume. */
export function removeArgs(name: string): string[] {
  return ['buildx', 'rm', name];
}

/**
 * argv of `docker buildx use`: the builder becomes the current one of the docker context, for every later
 * `docker buildx` command without --builder (setup-buildx-action's use: true).
 */
export function useArgs(name: string): string[] {
  return ['buildx', 'use', name];
}

/** argv of `docker buildx create --append` for one node, pinned to its platforms so buildx sends them there. */
export function appendArgs(builder: string, spec: NodeSpec, buildkitImage: string, endpoint = spec.endpoint): string[] {
  return [
    'buildx',
    'create',
    '--name',
    builder,
    '--append',
    '--node',
    `${builder}-${spec.name}`,
    '--driver',
    'docker-container',
    ...[`image=${buildkitImage}`, ...spec.driverOpts].flatMap(o => ['--driver-opt', o]),
    ...(spec.buildkitdFlags ? ['--buildkitd-flags', spec.buildkitdFlags] : []),
    '--platform',
    spec.platforms.join(','),
    endpoint
  ];
}

/** Removes a builder (its nodes' containers and state volumes). */
export async function removeBuilder(docker: Docker, name: string): Promise<void> {
  await docker.run(removeArgs(name), {silent: true});
}

export async function useBuilder(docker: Docker, name: string): Promise<void> {
  await docker.run(useArgs(name), {silent: true});
}

export async function createBuilder(docker: Docker, name: string, config: Config, opts: CreateOptions): Promise<void> {
  await docker.run(createArgs(name, config, opts), {silent: true});
}

/** With bootstrap, a node whose BuildKit image pull hits a registry error that passes is booted again. */
export async function inspectBuilder(docker: Docker, name: string, bootstrap: boolean): Promise<BuilderInfo> {
  const {stdout} = await docker.run(inspectArgs(name, bootstrap), {
    silent: true,
    retry: bootstrap ? networkRetry(docker.budget) : undefined
  });
  return parseBuildxInspect(stdout);
}

/**
 * The builder's report, read once: as soon as a build has booted the builder (beside the build rather than after
 * it), or when first asked; `known` where the setup already read it.
 */
export function builderOnce(docker: Docker, name: string, known?: BuilderInfo): () => Promise<BuilderInfo> {
  let builder: Promise<BuilderInfo> | undefined = known && Promise.resolve(known);
  return () => {
    builder ??= inspectBuilder(docker, name, false);
    builder.catch(() => undefined); // awaited later; an earlier failure must not leave it unhandled
    return builder;
  };
}

/** Logs each node's status, BuildKit version and platforms. */
export function reportBuilder(info: BuilderInfo): BuilderInfo {
  for (const node of info.nodes) {
    core.info(`Node ${node.name}: ${node.status}, BuildKit ${node.buildkitVersion}, ${node.endpoint}`);
    core.info(`  platforms: ${node.platforms.join(', ')}`);
    if (node.status !== 'running')
      core.warning(`Builder ${info.name}: node ${node.name} (${node.endpoint}) is ${node.status}`);
  }
  return info;
}

/** Parses `docker buildx inspect NAME` (the text form; buildx 0.13 has no JSON output for it). */
export function parseBuildxInspect(text: string): BuilderInfo {
  const info: BuilderInfo = {name: '', driver: '', nodes: []};
  let node: BuilderNode | undefined;
  let inNodes = false;
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value] = m;
    if (key === 'Nodes') {
      inNodes = true;
    } else if (!inNodes && key === 'Name') {
      info.name = value;
    } else if (!inNodes && key === 'Driver') {
      info.driver = value;
    } else if (inNodes && key === 'Name') {
      node = {name: value, endpoint: '', status: '', buildkitVersion: '', flags: '', platforms: []};
      info.nodes.push(node);
    } else if (node && key === 'Endpoint') {
      node.endpoint = value;
    } else if (node && key === 'Status') {
      node.status = value;
    } else if (node && key === 'BuildKit daemon flags') {
      node.flags = value;
    } else if (node && key === 'BuildKit version') {
      node.buildkitVersion = value;
    } else if (node && key === 'Platforms') {
      // a `*` marks platforms pinned with --platform; strip it
      node.platforms = value
        .split(',')
        .map(p => p.trim().replace(/\*$/, ''))
        .filter(Boolean)
        .map(p => safeNormalize(p));
    }
  }
  if (!info.name) throw new Error('buildx inspect printed no builder name: unexpected output');
  return info;
}

function safeNormalize(p: string): string {
  try {
    return normalizePlatform(p);
  } catch {
    return p;
  }
}
