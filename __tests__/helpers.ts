import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {InputEnv} from '../src/inputs/env.js';
import {readConfig} from '../src/inputs/read.js';
import type {CacheConfig, Config} from '../src/model/types.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fixture = (name: string): string =>
  fs.readFileSync(path.join(ROOT, '__tests__', 'fixtures', name), 'utf8');

/** A binfmt_misc-like dir: `register` and `status` as the kernel has them, plus the given entries. */
export function binfmtDir(entries: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binfmt-'));
  fs.writeFileSync(path.join(dir, 'register'), '');
  fs.writeFileSync(path.join(dir, 'status'), 'enabled\n');
  for (const [name, text] of Object.entries(entries)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/**
 * The one config builder of the unit tests: a Config as readConfig makes it from these action inputs (the rest at
 * their defaults), in an environment where every path exists unless `inputEnv` says otherwise.
 */
export function configOf(inputs: Record<string, string>, inputEnv: Partial<InputEnv> = {}): Config {
  return readConfig(name => inputs[name] ?? '', {
    exists: () => true,
    isDirectory: () => true,
    // an ssh agent is there, as on a runner that started one; tests of its absence pass their own env
    env: {HOME: '/root', SSH_AUTH_SOCK: '/tmp/agent.sock'},
    arch: 'x64',
    ...inputEnv
  });
}

/** The image the cache tests name, and a registry cache config for it with these fields changed. */
export const IMAGE = 'localhost:5000/owner/app';
export const cacheConfigOf = (over: Partial<CacheConfig>): CacheConfig => ({
  backend: 'registry',
  requested: 'registry',
  mode: 'max',
  scope: '',
  ref: `${IMAGE}:buildcache`,
  ignoreError: true,
  ghaApi: 1,
  ...over
});
