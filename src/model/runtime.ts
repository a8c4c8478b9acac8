import type {CacheServiceMode} from './types.js';

/** What the Actions runtime offers this step, read from its variables: the cache service and the results service. */

/** The GitHub server the run is on (`GITHUB_SERVER_URL`, github.com outside a run), without a trailing slash. */
export const serverUrl = (env: Record<string, string | undefined>): string =>
  (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');

/** The Actions cache API this runner offers: 1 (`ACTIONS_CACHE_URL`) or 2 (the results service). */
export function ghaApiVersion(env: Record<string, string | undefined>): 1 | 2 {
  if (/^(1|true)$/i.test(env.ACTIONS_CACHE_SERVICE_V2 ?? '')) return 2;
  return !env.ACTIONS_CACHE_URL && env.ACTIONS_RESULTS_URL ? 2 : 1;
}

/**
 * What the job may do with the Actions cache (`ACTIONS_CACHE_MODE`, set by the runner from the workflow's
 * cache-mode): `read` restores and never saves, `write-only` saves and never restores, `none` neither; unset (or
 * `write`) both.
 */
export function cacheServiceMode(env: Record<string, string | undefined>): CacheServiceMode {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  return mode === 'read' || mode === 'write-only' || mode === 'none' ? mode : 'read-write';
}

/** Whether the job may restore from the Actions cache in this mode (not write-only, not none). */
export function cacheModeReads(mode: CacheServiceMode = 'read-write'): boolean {
  return mode === 'read-write' || mode === 'read';
}

/** Whether the job may save to the Actions cache in this mode (not read, not none). */
export function cacheModeWrites(mode: CacheServiceMode = 'read-write'): boolean {
  return mode === 'read-write' || mode === 'write-only';
}

/** True where the Actions cache service can be reached: a runtime token and a cache or results URL. */
export function hasCacheRuntime(env: Record<string, string | undefined>): boolean {
  return !!env.ACTIONS_RUNTIME_TOKEN && !!(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}

/** The variables buildx reads the gha cache service from, passed to it explicitly (never in argv). */
export function ghaRuntimeEnv(env: Record<string, string | undefined>): Record<string, string> {
  const names = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_SERVICE_V2'];
  return Object.fromEntries(names.filter(n => env[n]).map(n => [n, env[n]!]));
}

/** True where the runner provides the Actions results service (artifacts and cache v2). */
export function hasArtifactRuntime(env: Record<string, string | undefined>): boolean {
  return !!env.ACTIONS_RUNTIME_TOKEN && !!env.ACTIONS_RESULTS_URL;
}

/** True on github.com (or a GitHub Enterprise Cloud data-residency host, *.ghe.com), false on a GHES server. */
export function onGithubCom(env: Record<string, string | undefined>): boolean {
  const host = /^https?:\/\/([^/:]+)/.exec(env.GITHUB_SERVER_URL ?? 'https://github.com')?.[1] ?? '';
  return host === 'github.com' || host.endsWith('.ghe.com');
}

/**
 * A GitHub-hosted runner (RUNNER_ENVIRONMENT, set by the runner: github-hosted or self-hosted): a fresh machine for
 * each job, discarded with it, so what the job left on its own docker daemon goes with it.
 */
export function runnerDiscardedWithJob(env: Record<string, string | undefined>): boolean {
  return env.RUNNER_ENVIRONMENT === 'github-hosted';
}
