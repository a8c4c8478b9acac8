import {execFileSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {isDefaultRegistry, registryOf} from '../model/reference.js';

/**
 * A registry's credentials as `docker login` (and docker/login-action) left them in the docker config: `auths`, a
 * `credHelpers` entry for the host, or the `credsStore`, read the way the docker CLI reads them.
 */
export interface Credentials {
  username: string;
  secret: string;
}

/** The config's keys for a host: the default registry's credentials are stored under its index address. */
const configKeys = (host: string, index: string): string[] =>
  isDefaultRegistry(host, index)
    ? [index, new URL(index).host, host].filter(Boolean)
    : [host, `https://${host}`, `http://${host}`];

interface DockerConfig {
  auths?: Record<string, {auth?: string; username?: string; password?: string; identitytoken?: string}>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

function readConfig(env: Record<string, string | undefined>): DockerConfig {
  const dir = env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as DockerConfig;
  } catch {
    return {};
  }
}

/** A credential helper's answer (`docker-credential-<helper> get`, the server on stdin); undefined when it has none. */
function fromHelper(helper: string, server: string): Credentials | undefined {
  try {
    const out = execFileSync(`docker-credential-${helper}`, ['get'], {
      input: server,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore']
    });
    const {Username, Secret} = JSON.parse(out) as {Username: string; Secret: string};
    return Secret ? {username: Username, secret: Secret} : undefined;
  } catch {
    return undefined;
  }
}

/** `index`: the engine's default registry address (see docker/info.ts), for a name on it. */
export function credentialsFor(
  name: string,
  index: string,
  env: Record<string, string | undefined> = process.env
): Credentials | undefined {
  const config = readConfig(env);
  const keys = configKeys(registryOf(name), index);
  const helper = keys.map(k => config.credHelpers?.[k]).find(Boolean);
  if (helper) return fromHelper(helper, keys[0]);
  const entry = keys.map(k => config.auths?.[k]).find(Boolean);
  if (entry?.identitytoken) return {username: '<token>', secret: entry.identitytoken};
  if (entry?.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    return {username: text.slice(0, colon), secret: text.slice(colon + 1)};
  }
  if (entry?.username && entry.password) return {username: entry.username, secret: entry.password};
  return config.credsStore ? fromHelper(config.credsStore, keys[0]) : undefined;
}
