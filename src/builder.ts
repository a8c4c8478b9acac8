import * as core from '@actions/core';
import {docker} from './exec.js';
import {parseBuildxInspect} from './parsers.js';
import {isLocalRegistry} from './reference.js';
import type {BuilderInfo, Config} from './types.js';

/** A builder name that cannot collide with another job's on a shared machine. */
export function uniqueBuilderName(random: () => number = Math.random): string {
  return `xbuild-${Math.floor(random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}`;
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

/** argv of `docker buildx create` for a fresh docker-container builder. */
export function createArgs(name: string, config: Config, opts: {hostNetwork: boolean; configFile?: string}): string[] {
  const driverOpts = [`image=${config.buildkitImage}`, ...config.driverOpts];
  if (opts.hostNetwork && !config.driverOpts.some(o => o.startsWith('network='))) driverOpts.push('network=host');
  return [
    'buildx',
    'create',
    '--name',
    name,
    '--driver',
    'docker-container',
    ...driverOpts.flatMap(o => ['--driver-opt', o]),
    ...(opts.configFile ? ['--config', opts.configFile] : [])
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

/** The engine's own builder is named after the docker context. */
export function engineBuilderName(env: Record<string, string | undefined> = process.env): string {
  return env.DOCKER_CONTEXT || 'default';
}

export async function createBuilder(
  name: string,
  config: Config,
  opts: {hostNetwork: boolean; configFile?: string}
): Promise<void> {
  await docker(createArgs(name, config, opts), {silent: true});
}

export async function inspectBuilder(name: string, bootstrap: boolean): Promise<BuilderInfo> {
  const {stdout} = await docker(inspectArgs(name, bootstrap), {silent: true});
  return parseBuildxInspect(stdout);
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
