import type {SecretSpec} from '../model/types.js';
import {InputError} from './errors.js';
import {parseList} from './list.js';
import type {InputEnv} from './env.js';

/** `secrets`, `secret-files`, `secret-envs` and `ssh`: what the build may read without it reaching argv or a log. */

/**
 * The three secret inputs. A value secret that is empty (a pull request from a fork gets no secrets) is left out
 * with a warning, as build-push-action leaves it out: the build runs, and a RUN that needs it says so.
 */
export function readSecrets(
  values: string,
  files: string,
  envs: string,
  inputEnv: InputEnv,
  warnings: string[]
): SecretSpec[] {
  const specs: SecretSpec[] = [];
  const split = (name: string, item: string, empty = false): [string, string] => {
    const eq = item.indexOf('=');
    if (eq <= 0 || (eq === item.length - 1 && !empty))
      throw new InputError(name, `Input ${name}: an entry is not ID=value (value not shown)`);
    return [item.slice(0, eq), item.slice(eq + 1)];
  };
  for (const item of parseList('secrets', values, false)) {
    const [id, value] = split('secrets', item, true);
    if (value.trim() === '')
      warnings.push(
        `Input secrets: ${id} is empty (as in a pull request from a fork), so it is left out of the build, as build-push-action leaves it out`
      );
    else specs.push({id, kind: 'value', value});
  }
  for (const item of parseList('secret-files', files, false)) {
    const [id, p] = split('secret-files', item);
    if (!inputEnv.exists(p))
      throw new InputError(
        'secret-files',
        `Input secret-files: ${id} points at ${p}, which does not exist; write the file in an earlier step or fix the path`
      );
    specs.push({id, kind: 'file', path: p});
  }
  for (const item of parseList('secret-envs', envs, false)) {
    const [id, env] = split('secret-envs', item);
    if (inputEnv.env[env] === undefined) {
      throw new InputError(
        'secret-envs',
        `Input secret-envs: ${id} reads the environment variable ${env}, which is not set in this step; set it in the step's env`
      );
    }
    specs.push({id, kind: 'env', env});
  }
  const ids = specs.map(s => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup)
    throw new InputError(
      'secrets',
      `Input secrets: id ${dup} is given twice across secrets, secret-files and secret-envs; keep one`
    );
  return specs;
}

/**
 * `ssh`: agent sockets or key files the build may use (`RUN --mount=type=ssh`), as build-push-action takes them:
 * `default`, `id` (both the agent at SSH_AUTH_SOCK) or `id=path[,path]` (a socket or key files). Paths only, so
 * nothing secret reaches argv; a key pasted in is refused without being shown.
 */
export function readSshForwards(text: string, inputEnv: InputEnv): string[] {
  const items = parseList('ssh', text, false);
  const ids = new Set<string>();
  for (const item of items) {
    if (/-----BEGIN|PRIVATE KEY/.test(item))
      throw new InputError(
        'ssh',
        'Input ssh: an entry holds a key itself (not shown); write the key to a file in an earlier step and give id=path, or forward an agent with default'
      );
    const [id, paths = ''] = item.split(/=(.*)/s, 2);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id))
      throw new InputError('ssh', `Input ssh: "${id}" is not an id; write default, an id, or id=path[,path]`);
    if (ids.has(id)) throw new InputError('ssh', `Input ssh: id ${id} is given twice; keep one line per id`);
    ids.add(id);
    if (!paths && !inputEnv.env.SSH_AUTH_SOCK)
      throw new InputError(
        'ssh',
        `Input ssh: ${id} forwards the ssh agent, and SSH_AUTH_SOCK is not set in this step; start an agent in an earlier step, or give ${id}=path to a key file`
      );
    for (const p of paths ? paths.split(',') : [])
      if (!inputEnv.exists(p))
        throw new InputError(
          'ssh',
          `Input ssh: ${id} points at ${p}, which does not exist; write the key file in an earlier step or fix the path`
        );
  }
  return items;
}
