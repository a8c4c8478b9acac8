import {describe, expect, it} from '@jest/globals';
import {
  cacheServiceMode,
  ghaApiVersion,
  ghaRuntimeEnv,
  runnerDiscardedWithJob,
  serverUrl
} from '../../../src/model/runtime.js';
const V1 = {ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'http://127.0.0.1:1/'};

describe('ghaApiVersion', () => {
  it.each([
    [{ACTIONS_CACHE_URL: 'u'}, 1],
    [{ACTIONS_CACHE_URL: 'u', ACTIONS_RESULTS_URL: 'r'}, 1],
    [{ACTIONS_CACHE_URL: 'u', ACTIONS_CACHE_SERVICE_V2: 'True'}, 2],
    [{ACTIONS_RESULTS_URL: 'r'}, 2]
  ])('%j → v%d', (env, v) => expect(ghaApiVersion(env)).toBe(v));
  it('passes only the service variables to buildx', () => {
    expect(ghaRuntimeEnv({...V1, HOME: '/root', ACTIONS_RESULTS_URL: ''})).toEqual(V1);
  });
});

describe("the job's cache mode (ACTIONS_CACHE_MODE)", () => {
  it('read, write-only and none as the runner sets them; write, unset or unknown: both', () => {
    expect(cacheServiceMode({ACTIONS_CACHE_MODE: 'read'})).toBe('read');
    expect(cacheServiceMode({ACTIONS_CACHE_MODE: 'write-only'})).toBe('write-only');
    expect(cacheServiceMode({ACTIONS_CACHE_MODE: 'none'})).toBe('none');
    expect(cacheServiceMode({ACTIONS_CACHE_MODE: 'write'})).toBe('read-write');
    expect(cacheServiceMode({})).toBe('read-write');
    expect(cacheServiceMode({ACTIONS_CACHE_MODE: 'sideways'})).toBe('read-write');
  });
});

describe('a runner machine discarded with the job (RUNNER_ENVIRONMENT)', () => {
  it('only github-hosted: self-hosted, unset (an older runner, a local run) and anything else keep their machine', () => {
    expect(runnerDiscardedWithJob({RUNNER_ENVIRONMENT: 'github-hosted'})).toBe(true);
    expect(runnerDiscardedWithJob({RUNNER_ENVIRONMENT: 'self-hosted'})).toBe(false);
    expect(runnerDiscardedWithJob({})).toBe(false);
    expect(runnerDiscardedWithJob({RUNNER_ENVIRONMENT: 'GitHub-Hosted '})).toBe(false);
  });
});

describe("the run's GitHub server (GITHUB_SERVER_URL)", () => {
  it('is github.com outside a run, and a GHES address without its trailing slash', () => {
    expect(serverUrl({})).toBe('https://github.com');
    expect(serverUrl({GITHUB_SERVER_URL: ''})).toBe('https://github.com');
    expect(serverUrl({GITHUB_SERVER_URL: 'https://ghe.example//'})).toBe('https://ghe.example');
  });
});
