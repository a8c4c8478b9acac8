import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import {appendNodes, NodeStartError} from '../docker/builder-nodes.js';
import {
  builderExists,
  createBuilder,
  jobBuilderName,
  inspectBuilder,
  needsHostNetwork,
  removeBuilder,
  uniqueBuilderName
} from '../docker/builder.js';
import type {Docker} from '../docker/cli.js';
import {currentContext, envContextArgs, envTls, tlsFromEnv, writeTlsFiles} from '../docker/context.js';
import {installSsh} from '../docker/ssh.js';
import {checkNodesBuildkitFor, requiredVersions} from '../model/versions.js';
import type {BuilderInfo, CacheConfig, Config, NodeSpec, Plan} from '../model/types.js';
import {saveState, StateKey} from '../runner/state.js';

/** The builder stage of build mode: the engine's builder, the user's, or a fresh one with the listed nodes. */

export interface ReadyBuilder {
  name: string;
  /** The nodes' report when read before the build (multi-node builders; a builder checked for the cache). */
  info?: BuilderInfo;
  /** The plan, changed when a failed node's platforms fell back to QEMU. */
  plan: Plan;
  /** The docker that reaches the builder (with the ssh wrapper first on PATH for ssh:// nodes). */
  docker: Docker;
}

/** What a fresh builder is made with. */
interface Fresh {
  name: string;
  hostNetwork: boolean;
  configFile?: string;
  tlsOpts: string[];
  tempDir: string;
  contexts: string[];
  /** The docker context node 0 runs on (made for a DOCKER_HOST with TLS). */
  context?: string;
}

/**
 * Remembers the builder this step made, for post to remove. `onRunner`: it runs only on the runner's own daemon (a
 * local unix socket, no nodes), so a GitHub-hosted runner's machine takes it away with the job.
 */
function rememberBuilder(name: string, onRunner: boolean): void {
  saveState(StateKey.Builder, name);
  if (onRunner) saveState(StateKey.BuilderOnRunner, 'true');
}

/** Remembers a docker context this step made, for post to remove. */
function madeContext(contexts: string[], context: string): void {
  contexts.push(context);
  saveState(StateKey.Contexts, JSON.stringify(contexts));
}

/**
 * A DOCKER_HOST with TLS from the environment (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH: docker-in-docker): buildx will
 * not create a builder from it, so, as setup-buildx-action does, a docker context holding it is made for this step
 * and removed in post. The docker CLI copies the certificate and key into its context store; post removes them.
 */
async function envContext(docker: Docker, contexts: string[], name: string): Promise<string | undefined> {
  const tls = envTls(process.env);
  if (!tls) return undefined;
  const context = `${name}-env`;
  madeContext(contexts, context);
  await docker.run(envContextArgs(context, process.env.DOCKER_HOST!, tls), {silent: true});
  core.info(
    `DOCKER_HOST ${process.env.DOCKER_HOST} uses TLS: the builder runs there through docker context ${context}`
  );
  return context;
}

/**
 * driver remote: the TLS material setup-buildx-action users give as BUILDER_NODE_0_AUTH_TLS_CACERT|CERT|KEY, written
 * 0600 for buildx's cacert=, cert=, key= options (none without it: a plain tcp:// or unix:// buildkitd).
 */
function remoteTls(config: Config, tempDir: string): string[] {
  const tls = tlsFromEnv(0, process.env);
  if (config.driver !== 'remote' || (!tls.cacert && !tls.cert && !tls.key)) return [];
  const files = writeTlsFiles(tls, path.join(tempDir, 'tls-remote'));
  return Object.entries(files).map(([what, file]) => `${what}=${file}`);
}

/** The builder's buildkitd.toml: buildkitd-config as given, else buildkitd-config-inline written 0600 into the temp dir. */
function writeBuildkitdConfig(config: Config, tempDir: string): string | undefined {
  if (config.buildkitdConfig) return config.buildkitdConfig;
  if (!config.buildkitdConfigInline.trim()) return undefined;
  const file = path.join(tempDir, 'buildkitd.toml');
  fs.writeFileSync(file, config.buildkitdConfigInline, {mode: 0o600});
  return file;
}

/** The docker that reaches ssh:// nodes: the step's ssh wrapper first on PATH, remembered for post's `buildx rm`. */
function sshDocker(docker: Docker, config: Config, tempDir: string): Docker {
  const bin = installSsh(config, tempDir);
  if (!bin) return docker;
  saveState(StateKey.SshBin, bin);
  return docker.withEnv({PATH: `${bin}:${process.env.PATH ?? ''}`});
}

/** Creates the builder with `nodes`; a node that will not start is reported as a NodeStartError. */
async function createWithNodes(docker: Docker, config: Config, plan: Plan, nodes: NodeSpec[], f: Fresh) {
  // with nodes, node 0 is pinned to what it serves, or buildx would send every platform to it
  const own = plan.platforms.filter(p => p.strategy !== 'node').map(p => p.platform);
  const opts = {hostNetwork: f.hostNetwork, configFile: f.configFile, tlsOpts: f.tlsOpts, context: f.context};
  await createBuilder(docker, f.name, config, {...opts, platforms: nodes.length && own.length ? own : undefined});
  if (!nodes.length) {
    const what = config.driver === 'remote' ? `remote ${config.endpoint}` : config.buildkitImage;
    core.info(`Created builder ${f.name} (${what}); it boots with the build`);
    return undefined;
  }
  const onContext = (context: string): void => madeContext(f.contexts, context);
  return appendNodes(docker, f.name, {...config, nodes}, {tempDir: f.tempDir, hostNetwork: f.hostNetwork, onContext});
}

/**
 * The builder the build runs on: the engine's, the user's, or a fresh docker-container one with the listed
 * nodes. With `node-fallback: qemu`, a node that will not start is dropped and its platforms re-planned.
 */
export async function setUpBuilder(
  base: Docker,
  config: Config,
  at: {tempDir: string; plan: Plan; dockerfile: string; replan: (nodes: NodeSpec[]) => Plan; host: string}
): Promise<ReadyBuilder> {
  // the engine's builder is named after the context, as `docker context show` names it
  if (config.driver === 'docker') return {name: currentContext(), plan: at.plan, docker: base};
  if (config.builder) return {name: config.builder, plan: at.plan, docker: base};
  const hostNetwork = config.driver === 'docker-container' && needsHostNetwork(config, at.dockerfile);
  if (hostNetwork) core.info('A registry on localhost is involved: BuildKit gets the host network');
  const tlsOpts = remoteTls(config, at.tempDir);
  const contexts: string[] = [];
  const name = uniqueBuilderName();
  // with an endpoint input the builder runs there, as setup-buildx-action makes it: no context from the environment
  const context =
    config.driver === 'docker-container' && !config.endpoint ? await envContext(base, contexts, name) : undefined;
  const onRunner =
    config.driver === 'docker-container' && !config.nodes.length && !context && at.host.startsWith('unix://');
  // without nodes, the job's builder of these settings serves every step of the job
  const shared = config.nodes.length ? undefined : jobBuilderName(config, hostNetwork, process.env);
  if (shared) return jobBuilder(base, config, shared, {...at, hostNetwork, tlsOpts, context, onRunner});
  // saved first, so post removes it even when creation fails half-way
  rememberBuilder(name, onRunner);
  const docker = sshDocker(base, config, at.tempDir);
  const fresh: Fresh = {
    name,
    hostNetwork,
    configFile: writeBuildkitdConfig(config, at.tempDir),
    tlsOpts,
    tempDir: at.tempDir,
    contexts,
    context
  };
  for (let nodes = config.nodes, plan = at.plan; ;) {
    try {
      return {name, info: await createWithNodes(docker, config, plan, nodes, fresh), plan, docker};
    } catch (e) {
      if (!(e instanceof NodeStartError && e.nodes.length && config.nodeFallback === 'qemu')) throw e;
      core.warning(`${e.message}. node-fallback is qemu: building the platforms of ${e.nodes.join(', ')} under QEMU`);
      await removeBuilder(docker, name);
      nodes = nodes.filter(n => !e.nodes.includes(n.name));
      plan = at.replan(nodes);
    }
  }
}

/**
 * The job's builder: created by the first step with these settings (whose post removes it), reused by the later
 * ones, which leave it to that post.
 */
async function jobBuilder(
  docker: Docker,
  config: Config,
  name: string,
  at: {tempDir: string; plan: Plan; hostNetwork: boolean; tlsOpts: string[]; context?: string; onRunner: boolean}
): Promise<ReadyBuilder> {
  const configFile = writeBuildkitdConfig(config, at.tempDir);
  const opts = {hostNetwork: at.hostNetwork, configFile, tlsOpts: at.tlsOpts, context: at.context};
  try {
    await createBuilder(docker, name, config, opts);
  } catch (e) {
    if (!builderExists(e)) {
      rememberBuilder(name, at.onRunner);
      throw e;
    }
    core.info(
      `Reusing builder ${name}: an earlier step of this job made it with the same settings, and keeps its cache`
    );
    return {name, plan: at.plan, docker};
  }
  rememberBuilder(name, at.onRunner);
  core.info(
    `Created builder ${name} (${config.buildkitImage}) for this job; later steps with the same settings reuse it`
  );
  return {name, plan: at.plan, docker};
}

/**
 * A builder the action did not create (driver docker, input builder) runs its own BuildKit: when the cache needs a
 * newer one, read it first and fail with the versions rather than meet an export error after the build.
 */
export async function checkBuilderForCache(
  config: Config,
  cache: CacheConfig,
  ready: ReadyBuilder
): Promise<ReadyBuilder> {
  if (!requiredVersions(cache) || !(config.driver === 'docker' || config.driver === 'remote' || config.builder))
    return ready;
  const info = ready.info ?? (await inspectBuilder(ready.docker, ready.name, config.driver !== 'docker'));
  const problem = checkNodesBuildkitFor(cache, info);
  if (problem) throw new Error(problem);
  return {...ready, info};
}
