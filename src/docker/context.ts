import {createHash} from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import {maskable} from '../model/secrets.js';
import type {Docker} from './cli.js';

/**
 * `docker context create | rm | show`: the engine's context as docker reads it, and the contexts that carry TLS
 * material (a tcp:// node's, or the DOCKER_HOST/DOCKER_CERT_PATH environment's), as setup-buildx-action makes.
 */

type Env = Record<string, string | undefined>;

/** The user's docker config dir (DOCKER_CONFIG, else ~/.docker). */
export function userDockerConfig(env: Env = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/**
 * What `docker context show` prints, read without running docker: `default` when DOCKER_HOST is set (it wins over
 * DOCKER_CONTEXT: docker 28.2 shows `default` with both), else DOCKER_CONTEXT, else config.json's currentContext,
 * else `default`.
 */
export function currentContext(env: Env = process.env, configDir = userDockerConfig(env)): string {
  if (env.DOCKER_HOST) return 'default';
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  try {
    const config = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8')) as {
      currentContext?: string;
    };
    return config.currentContext || 'default';
  } catch {
    return 'default';
  }
}

/** The docker host a context names: the environment's for `default`, else the context store's meta.json. */
export function contextHost(name: string, env: Env = process.env, configDir = userDockerConfig(env)): string {
  if (name === 'default') return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  const id = createHash('sha256').update(name).digest('hex');
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(configDir, 'contexts', 'meta', id, 'meta.json'), 'utf8')) as {
      Endpoints?: {docker?: {Host?: string}};
    };
    return meta.Endpoints?.docker?.Host ?? '';
  } catch {
    return '';
  }
}

/** An endpoint input that is a docker host address (unix://, tcp://, ssh://, …) rather than a context name. */
const isAddress = (endpoint: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//.test(endpoint);

/** The docker host node 0's container runs on: the endpoint input's (an address, or a context's), else the current. */
export function builderDaemonHost(endpoint: string, env: Env = process.env): string {
  if (!endpoint) return contextHost(currentContext(env), env);
  return isAddress(endpoint) ? endpoint : contextHost(endpoint, env);
}

/** What points the docker CLI at the endpoint input's daemon (DOCKER_HOST wins over DOCKER_CONTEXT: one is cleared). */
export function endpointEnv(endpoint: string): Record<string, string> {
  if (!endpoint) return {};
  return isAddress(endpoint)
    ? {DOCKER_HOST: endpoint, DOCKER_CONTEXT: ''}
    : {DOCKER_CONTEXT: endpoint, DOCKER_HOST: ''};
}

/**
 * The TLS the docker CLI takes from the environment (DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH) for a tcp://
 * DOCKER_HOST on the default context; undefined without it. buildx refuses to create a builder from such an
 * environment ("could not create a builder instance with TLS data loaded from environment").
 */
export function envTls(env: Env = process.env): {certPath: string; verify: boolean} | undefined {
  const verify = !!env.DOCKER_TLS_VERIFY;
  // a DOCKER_HOST wins over DOCKER_CONTEXT: the CLI then runs on the default context, with these TLS settings
  if (!env.DOCKER_HOST?.startsWith('tcp://') || !(verify || env.DOCKER_TLS)) return undefined;
  // without DOCKER_CERT_PATH the docker CLI reads ca.pem, cert.pem and key.pem from its config dir (DOCKER_CONFIG)
  return {certPath: env.DOCKER_CERT_PATH || userDockerConfig(env), verify};
}

/** argv of `docker context create` holding the environment's docker host and TLS files. */
export function envContextArgs(context: string, host: string, tls: {certPath: string; verify: boolean}): string[] {
  const file = (f: string): string => path.join(tls.certPath, f);
  const files = {cacert: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem')};
  const args = tlsContextArgs(context, host, tls.verify ? files : {cert: files.cert, key: files.key});
  if (!tls.verify) args[args.length - 1] += ',skip-tls-verify=true';
  return args;
}

/** The `BUILDER_NODE_<i>_AUTH_TLS_*` material setup-buildx-action users already have, for tcp:// node i (1-based). */
export function tlsFromEnv(
  index: number,
  env: Record<string, string | undefined>
): {cacert?: string; cert?: string; key?: string} {
  const get = (what: string): string | undefined => env[`BUILDER_NODE_${index}_AUTH_TLS_${what}`] || undefined;
  return {cacert: get('CACERT'), cert: get('CERT'), key: get('KEY')};
}

/** argv of `docker context create` for a tcp:// node with TLS material written to files. */
export function tlsContextArgs(
  context: string,
  endpoint: string,
  files: {cacert?: string; cert?: string; key?: string}
): string[] {
  const docker = [`host=${endpoint}`];
  if (files.cacert) docker.push(`ca=${files.cacert}`);
  if (files.cert) docker.push(`cert=${files.cert}`);
  if (files.key) docker.push(`key=${files.key}`);
  return ['context', 'create', context, '--docker', docker.join(',')];
}

/** argv of `docker context rm` for a context made for a tcp:// node. */
export function contextRemoveArgs(context: string): string[] {
  return ['context', 'rm', '--force', context];
}

/**
 * A tcp:// node with BUILDER_NODE_<i>_AUTH_TLS_* material is reached through a docker context holding it: the
 * material is masked and written 0600 under `dir`. Returns the context to use as the endpoint, or undefined when
 * the node has no TLS material.
 */
export async function createTlsContext(
  docker: Docker,
  context: string,
  endpoint: string,
  tls: {cacert?: string; cert?: string; key?: string},
  dir: string
): Promise<string | undefined> {
  if (!tls.cacert && !tls.cert && !tls.key) return undefined;
  await docker.run(tlsContextArgs(context, endpoint, writeTlsFiles(tls, dir)), {silent: true});
  return context;
}

/** TLS material masked and written 0600 as `<what>.pem` into a new 0700 `dir`; returns the files by kind. */
export function writeTlsFiles(
  tls: {cacert?: string; cert?: string; key?: string},
  dir: string
): Record<string, string> {
  fs.mkdirSync(dir, {mode: 0o700});
  const files: Record<string, string> = {};
  for (const [what, value] of Object.entries(tls)) {
    if (!value) continue;
    for (const part of maskable([value])) core.setSecret(part);
    files[what] = path.join(dir, `${what}.pem`);
    fs.writeFileSync(files[what], value, {mode: 0o600});
  }
  return files;
}
