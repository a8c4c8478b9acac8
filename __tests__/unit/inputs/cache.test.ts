import {describe, expect, it} from '@jest/globals';
import {IMAGE, configOf} from '../../helpers.js';
import {type CacheContext, type CacheInputs, readCache} from '../../../src/inputs/cache.js';
import type {InputEnv} from '../../../src/inputs/env.js';
import {PINNED_BUILDX} from '../../../src/model/versions.js';
const V1 = {ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'http://127.0.0.1:1/'};
const V2 = {ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'http://127.0.0.1:2/', ACTIONS_CACHE_SERVICE_V2: 'True'};
const inputs = (over: Partial<CacheInputs> = {}): CacheInputs => ({
  cache: 'auto',
  mode: 'max',
  scope: '',
  ref: '',
  ignoreError: true,
  ...over
});
const ctx = (over: Partial<CacheContext> = {}): CacheContext => ({
  push: true,
  image: IMAGE,
  firstTag: `${IMAGE}:1`,
  env: {},
  ...over
});

describe('readCache: the auto choice', () => {
  it('is gha where the Actions cache service is (API v1 or v2)', () => {
    expect(readCache(inputs(), ctx({env: V1}))).toMatchObject({backend: 'gha', requested: 'auto', ghaApi: 1});
    expect(readCache(inputs(), ctx({env: V2}))).toMatchObject({backend: 'gha', ghaApi: 2});
  });
  it("is none where the job's cache mode is none; read and write-only keep gha, with the mode", () => {
    expect(readCache(inputs(), ctx({env: {...V2, ACTIONS_CACHE_MODE: 'none'}}))).toMatchObject({backend: 'none'});
    expect(readCache(inputs(), ctx({env: {...V2, ACTIONS_CACHE_MODE: 'read'}}))).toMatchObject({
      backend: 'gha',
      serviceMode: 'read'
    });
    expect(readCache(inputs(), ctx({env: {...V1, ACTIONS_CACHE_MODE: 'write-only'}}))).toMatchObject({
      backend: 'gha',
      serviceMode: 'write-only'
    });
  });
  it('is none without the service, even when the step pushes: nothing goes to the registry unless asked', () => {
    expect(readCache(inputs(), ctx())).toMatchObject({backend: 'none', ref: ''});
    expect(readCache(inputs({cache: 'registry'}), ctx())).toMatchObject({
      backend: 'registry',
      ref: `${IMAGE}:buildcache`
    });
  });
  it('is none when raw cache-from/cache-to are given, even where the service is', () => {
    expect(readCache(inputs(), ctx({env: V2, raw: true})).backend).toBe('none');
  });
  it('is none when nothing is pushed and there is no service', () => {
    expect(readCache(inputs(), ctx({push: false, image: ''})).backend).toBe('none');
  });
  it('a runtime token alone (no cache or results URL) is no service', () => {
    expect(readCache(inputs(), ctx({env: {ACTIONS_RUNTIME_TOKEN: 't'}})).backend).toBe('none');
  });
});

describe('readCache: cache-mode', () => {
  it('defaults to max, and to min for inline (the only mode inline has)', () => {
    expect(readCache(inputs({mode: ''}), ctx()).mode).toBe('max');
    expect(readCache(inputs({cache: 'inline', mode: ''}), ctx()).mode).toBe('min');
    expect(readCache(inputs({mode: 'min'}), ctx()).mode).toBe('min');
  });
});

describe('readCache: bad inputs', () => {
  it.each([
    [inputs({cache: 's3'}), ctx(), 'Input cache must be one of auto, gha, registry, local, inline, none, not "s3"'],
    [inputs({mode: 'all'}), ctx(), 'Input cache-mode must be max or min, not "all"'],
    [inputs({scope: 'a b'}), ctx(), 'Input cache-scope: "a b" must be up to 80'],
    [inputs({scope: '-x'}), ctx(), 'Input cache-scope: "-x"'],
    [inputs({cache: 'registry', ref: 'Bad/Ref:1'}), ctx(), 'Input cache-ref: "Bad/Ref:1" has an invalid name'],
    [
      inputs({cache: 'registry', ref: `${IMAGE}@sha256:${'a'.repeat(64)}`}),
      ctx(),
      'Input cache-ref: "localhost:5000/owner/app@sha256:aaaa'
    ],
    [inputs({cache: 'registry'}), ctx({push: false, image: ''}), 'Input cache: registry needs a place: set cache-ref'],
    [
      inputs({cache: 'gha', ref: `${IMAGE}:c`}),
      ctx({env: V1}),
      'Input cache-ref is for cache: registry, and cache is gha'
    ],
    [inputs({cache: 'gha'}), ctx(), 'Input cache: gha needs the Actions cache service'],
    [inputs({cache: 'local'}), ctx(), 'Input cache: local needs the Actions cache service'],
    [
      inputs({cache: 'inline', mode: 'min'}),
      ctx({push: false}),
      'Input cache: inline stores the cache in the pushed image'
    ],
    [inputs({cache: 'inline', mode: 'max'}), ctx(), 'Input cache: inline holds only the final stage, so cache-mode max']
  ])('%j rejected', (i, c, message) => {
    expect(() => readCache(i, c)).toThrow(message);
  });
});

describe('readConfig wires the cache inputs', () => {
  const env: InputEnv = {exists: () => true, isDirectory: () => true, env: {}, arch: 'x64'};
  const read = (i: Record<string, string>) => configOf(i, env);
  it('defaults: auto → none without the service, max, ignore errors; buildx auto; latest is the tested release', () => {
    const c = read({platforms: 'linux/amd64', tags: `${IMAGE}:1`, push: 'true'});
    expect(c.cache).toMatchObject({backend: 'none', mode: 'max', ignoreError: true, ref: ''});
    expect(c.buildxVersion).toBe('auto');
    const latest = read({platforms: 'linux/amd64', 'buildx-version': 'latest'});
    expect(latest.buildxVersion).toBe(PINNED_BUILDX);
    expect(latest.warnings).toEqual([expect.stringContaining(`latest is taken as ${PINNED_BUILDX}`)]);
  });
  it('merge, verify and plan build nothing, so they have no cache', () => {
    expect(read({platforms: 'linux/amd64', mode: 'merge', tags: `${IMAGE}:1`}).cache.backend).toBe('none');
  });
  it.each([
    [
      {'buildx-version': 'newest'},
      'Input buildx-version must be auto, latest or a release such as 0.36.0, not "newest"'
    ],
    [{'buildx-url': 'ftp://x'}, 'Input buildx-url must be an http(s) URL of the release downloads, not "ftp://x"'],
    [{'cache-ignore-error': 'maybe'}, 'Input cache-ignore-error must be true or false, not "maybe"'],
    [{cache: 'gha'}, 'Input cache: gha needs the Actions cache service']
  ])('%j rejected', (over, message) => {
    expect(() => read({platforms: 'linux/amd64', tags: `${IMAGE}:1`, push: 'true', ...over})).toThrow(message);
  });
  it('takes v0.36.0 as 0.36.0 and trims the URL', () => {
    const c = read({platforms: 'linux/amd64', 'buildx-version': 'v0.36.0', 'buildx-url': 'http://m/dl/'});
    expect([c.buildxVersion, c.buildxUrl]).toEqual(['0.36.0', 'http://m/dl']);
  });
});
