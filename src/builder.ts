import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import {networkRetry} from './retry.js';
import {CommandError, docker, lastLine} from './exec.js';
import {appendArgs, sshFiles, tlsContextArgs, tlsFromEnv, type NodeSpec} from './nodes.js';
import {saveState, StateKey} from './state.js';
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

/** Adds network=host when BuildKit must reach a registry on this machine, unless a network is chosen already. */
export function withNetwork(driverOpts: string[], hostNetwork: boolean): string[] {
  return hostNetwork && !driverOpts.some(o => o.startsWith('network=')) ? [...driverOpts, 'network=host'] : driverOpts;
}

/** argv of `docker buildx create` for a fresh docker-container builder; `platforms` pins node 0 when nodes join it. */
export function createArgs(
  name: string,
  config: Config,
  opts: {hostNetwork: boolean; configFile?: string; platforms?: string[]}
): string[] {
  const driverOpts = withNetwork([`image=${config.buildkitImage}`, ...config.driverOpts], opts.hostNetwork);
  return [
    'buildx',
    'create',
    '--name',
    name,
    '--driver',
    'docker-container',
    ...driverOpts.flatMap(o => ['--driver-opt', o]),
    ...(opts.configFile ? ['--config', opts.configFile] : []),
    ...(opts.platforms?.length ? ['--platform', opts.platforms.join(',')] : [])
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

/** Removes a builder (its nodes' containers and state volumes). */
export async function removeBuilder(name: string): Promise<void> {
  await docker(removeArgs(name), {silent: true});
}

/** The engine's own builder is named after the docker context. */
export function engineBuilderName(env: Record<string, string | undefined> = process.env): string {
  return env.DOCKER_CONTEXT || 'default';
}

export async function createBuilder(
  name: string,
  config: Config,
  opts: {hostNetwork: boolean; configFile?: string; platforms?: string[]}
): Promise<void> {
  await docker(createArgs(name, config, opts), {silent: true});
}

/** With bootstrap, a node whose BuildKit image pull hits a registry error that passes is booted again. */
export async function inspectBuilder(name: string, bootstrap: boolean): Promise<BuilderInfo> {
  const {stdout} = await docker(inspectArgs(name, bootstrap), {
    silent: true,
    retry: bootstrap ? networkRetry() : undefined
  });
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

/** A listed node could not join or start; `nodes` names the ones at fault (empty when it is node 0). */
export class NodeStartError extends Error {
  constructor(
    message: string,
    readonly nodes: string[]
  ) {
    super(message);
  }
}

/**
 * Appends each `nodes` entry to the builder, then boots them all; a node that does not start fails the step
 * with its name, endpoint and BuildKit's own error.
 */
export async function appendNodes(
  name: string,
  config: Config,
  tempDir: string,
  hostNetwork: boolean
): Promise<BuilderInfo> {
  const contexts: string[] = [];
  for (const [i, spec] of config.nodes.entries()) {
    const endpoint = spec.kind === 'tcp' ? await tlsContext(name, spec, i + 1, tempDir, contexts) : spec.endpoint;
    const node = {...spec, driverOpts: withNetwork(spec.driverOpts, hostNetwork)};
    await docker(appendArgs(name, node, config.buildkitImage, endpoint), {silent: true}).catch((e: unknown) => {
      const reason = e instanceof CommandError ? lastLine(e.stderr).replace(/^ERROR: /, '') : String(e);
      throw new NodeStartError(`Node ${spec.name} (${spec.endpoint}) could not join builder ${name}: ${reason}`, [
        spec.name
      ]);
    });
    core.info(`Appended node ${name}-${spec.name}: ${spec.endpoint} for ${spec.platforms.join(', ')}`);
  }
  try {
    return reportBuilder(await inspectBuilder(name, true));
  } catch (e) {
    const reason = e instanceof CommandError ? lastLine(e.stderr).replace(/^ERROR: /, '') : String(e);
    const info = await inspectBuilder(name, false).catch(() => undefined);
    const down = info?.nodes.filter(n => n.status !== 'running') ?? [];
    const which = down.map(n => `${n.name} (${n.endpoint}, ${n.status})`).join(', ') || 'a node';
    const listed = config.nodes
      .filter(spec => down.some(n => n.name === `${name}-${spec.name}`))
      .map(spec => spec.name);
    throw new NodeStartError(
      `Builder ${name}: ${which} did not start: ${reason}. Check the node's endpoint, its docker engine and the BuildKit image there`,
      listed
    );
  }
}

/** A tcp:// node with BUILDER_NODE_<i>_AUTH_TLS_* material is reached through a docker context holding it. */
async function tlsContext(
  name: string,
  spec: NodeSpec,
  index: number,
  tempDir: string,
  contexts: string[]
): Promise<string> {
  const tls = tlsFromEnv(index, process.env);
  if (!tls.cacert && !tls.cert && !tls.key) return spec.endpoint;
  const dir = path.join(tempDir, `tls-node${index}`);
  fs.mkdirSync(dir, {mode: 0o700});
  const files: Record<string, string> = {};
  for (const [what, value] of Object.entries(tls)) {
    if (!value) continue;
    core.setSecret(value);
    files[what] = path.join(dir, `${what}.pem`);
    fs.writeFileSync(files[what], value, {mode: 0o600});
  }
  const context = `${name}-${spec.name}`;
  contexts.push(context);
  saveState(StateKey.Contexts, JSON.stringify(contexts));
  await docker(tlsContextArgs(context, spec.endpoint, files), {silent: true});
  return context;
}

/** Writes the ssh key, known hosts, config and wrapper for ssh:// nodes, and puts the wrapper first on PATH. */
export function installSsh(config: Config, tempDir: string, realSsh = '/usr/bin/ssh'): void {
  if (!config.nodes.some(n => n.kind === 'ssh')) return;
  const dir = path.join(tempDir, 'ssh');
  fs.mkdirSync(path.join(dir, 'bin'), {recursive: true, mode: 0o700});
  for (const [file, {mode, text}] of Object.entries(sshFiles(dir, realSsh))) {
    fs.writeFileSync(path.join(dir, file), text(config.sshPrivateKey, config.sshKnownHosts), {mode});
  }
  process.env.PATH = `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`;
  saveState(StateKey.SshBin, path.join(dir, 'bin'));
}
