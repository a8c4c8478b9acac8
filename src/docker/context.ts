import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import {maskable} from '../model/secrets.js';
import type {Docker} from './cli.js';

/** `docker context create | rm`: the contexts that carry a tcp:// node's TLS material, as setup-buildx-action makes. */

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
