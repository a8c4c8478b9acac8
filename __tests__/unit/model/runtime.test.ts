import {describe, expect, it} from '@jest/globals';
import {ghaApiVersion, ghaRuntimeEnv} from '../../../src/model/runtime.js';
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
