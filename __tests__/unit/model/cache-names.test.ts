import {describe, expect, it} from '@jest/globals';
import {cacheConfigOf, IMAGE} from '../../helpers.js';
import type {CacheConfig} from '../../../src/model/types.js';
import {buildVariant, cacheSpecs, ghaScope, localCacheKey, registryCacheRef} from '../../../src/model/cache-names.js';

const ONE = ['linux/arm/v7'];
const THREE = ['linux/arm64', 'linux/amd64', 'linux/arm/v7'];
describe('cacheSpecs: every backend × mode × platform set', () => {
  it.each([
    [
      'gha',
      'max',
      ONE,
      false,
      ['type=gha,scope=owner-app-linux-arm-v7'],
      ['type=gha,scope=owner-app-linux-arm-v7,mode=max,ignore-error=true']
    ],
    [
      'gha',
      'min',
      THREE,
      false,
      ['type=gha,scope=owner-app-linux-amd64_linux-arm-v7_linux-arm64'],
      ['type=gha,scope=owner-app-linux-amd64_linux-arm-v7_linux-arm64,mode=min,ignore-error=true']
    ],
    [
      'registry',
      'max',
      THREE,
      false,
      [`type=registry,ref=${IMAGE}:buildcache`],
      [`type=registry,ref=${IMAGE}:buildcache,mode=max,ignore-error=true`]
    ],
    [
      'registry',
      'min',
      ONE,
      true,
      [`type=registry,ref=${IMAGE}:buildcache-linux-arm-v7`],
      [`type=registry,ref=${IMAGE}:buildcache-linux-arm-v7,mode=min,ignore-error=true`]
    ],
    ['none', 'max', THREE, false, [], []]
  ])('%s mode=%s %j perExport=%s', (backend, mode, platforms, perExport, from, to) => {
    const specs = cacheSpecs(cacheConfigOf({backend: backend as CacheConfig['backend'], mode: mode as 'max'}), {
      image: IMAGE,
      target: '',
      platforms,
      perExport
    });
    expect(specs).toEqual({from, to});
  });
  it('local reads the restored dir and writes a new one beside it', () => {
    const specs = cacheSpecs(cacheConfigOf({backend: 'local', ignoreError: false}), {
      image: IMAGE,
      target: '',
      platforms: THREE,
      perExport: false,
      localDirs: {src: '/t/c', dest: '/t/c-new'}
    });
    expect(specs).toEqual({from: ['type=local,src=/t/c'], to: ['type=local,dest=/t/c-new,mode=max']});
  });
  it('inline exports into the image and reads the first tag', () => {
    const specs = cacheSpecs(cacheConfigOf({backend: 'inline', mode: 'min', ref: `${IMAGE}:1`}), {
      image: IMAGE,
      target: '',
      platforms: ONE,
      perExport: true
    });
    expect(specs).toEqual({from: [`type=registry,ref=${IMAGE}:1`], to: ['type=inline']});
  });
  it('names carry the target and the user scope; matrix legs of one image never share a name', () => {
    const amd64 = ['linux/amd64'];
    expect(ghaScope(cacheConfigOf({}), {image: IMAGE, target: 'prod', platforms: amd64})).toBe(
      'owner-app-prod-linux-amd64'
    );
    expect(ghaScope(cacheConfigOf({scope: 'web'}), {image: IMAGE, target: 'prod', platforms: amd64})).toBe(
      'web-linux-amd64'
    );
    expect(ghaScope(cacheConfigOf({}), {image: '', target: '', platforms: amd64})).toBe('build-linux-amd64');
    const legs = THREE.map(p => registryCacheRef(cacheConfigOf({scope: 'web'}), 'prod', [p], true));
    expect(new Set(legs).size).toBe(3);
    expect(legs[0]).toBe(`${IMAGE}:buildcache-web-prod-linux-arm64`);
    expect(registryCacheRef(cacheConfigOf({ref: `${IMAGE}:c`}), '', THREE, false)).toBe(`${IMAGE}:c`);
  });
  it('tells apart steps that build one image from another Dockerfile or with other build-args, not per commit', () => {
    const env = {GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', GITHUB_RUN_ID: '987'};
    expect(buildVariant('', [], env)).toBe('');
    const main = buildVariant('', ['FLAVOR=main', 'VERSION=a1b2c3d'], env);
    const cuda = buildVariant('', ['FLAVOR=cuda', 'VERSION=a1b2c3d'], env);
    expect(main).toMatch(/^[0-9a-f]{8}$/);
    expect(cuda).not.toBe(main);
    expect(buildVariant('Dockerfile.cuda', [], env)).not.toBe(buildVariant('Dockerfile.slim', [], env));
    // the next commit and run: same names, so it finds this one's cache
    const next = {GITHUB_SHA: 'ffffffffff0718293a4b5c6d7e8f9012345678aa', GITHUB_RUN_ID: '988'};
    expect(buildVariant('', ['FLAVOR=main', 'VERSION=ffffffff'], next)).toBe(main);
    expect(buildVariant('', ['RUN=987'], env)).toBe(buildVariant('', ['RUN=988'], next));
    const scope = ghaScope(cacheConfigOf({}), {image: IMAGE, target: '', variant: cuda, platforms: ['linux/amd64']});
    expect(scope).toBe(`owner-app-${cuda}-linux-amd64`);
  });
  it('keeps registry cache tags within 128 characters, still unique', () => {
    const long = cacheConfigOf({scope: 's'.repeat(80)});
    const a = registryCacheRef(long, 't'.repeat(40), ['linux/amd64'], true);
    const b = registryCacheRef(long, 't'.repeat(40), ['linux/arm64'], true);
    expect(a.split(':').pop()!.length).toBeLessThanOrEqual(128);
    expect(a).not.toBe(b);
  });
});

describe('local cache keys', () => {
  it('key = what + Dockerfile + run; restore keys fall back to the Dockerfile, then to anything', () => {
    const k = localCacheKey(IMAGE, '', THREE, 'FROM x', '7-1');
    expect(k.key).toMatch(/^xbuild-cache-[0-9a-f]{16}-[0-9a-f]{16}-7-1$/);
    expect(k.restoreKeys).toEqual([k.key.replace(/7-1$/, ''), k.key.replace(/[0-9a-f]{16}-7-1$/, '')]);
    expect(localCacheKey(IMAGE, '', [...THREE].reverse(), 'FROM x', '7-1').key).toBe(k.key);
    expect(localCacheKey(IMAGE, 'prod', THREE, 'FROM x', '7-1').restoreKeys[1]).not.toBe(k.restoreKeys[1]);
  });
});

describe("cacheSpecs follow the job's cache mode for the Actions cache backends", () => {
  const scope = {image: IMAGE, target: '', platforms: ['linux/amd64'], perExport: false};
  const dirs = {...scope, localDirs: {src: '/c/src', dest: '/c/new'}};
  it('read: restore only; write-only: save only; none: neither', () => {
    const gha = (serviceMode: CacheConfig['serviceMode']) =>
      cacheSpecs(cacheConfigOf({backend: 'gha', requested: 'gha', serviceMode}), scope);
    const both = gha('read-write');
    expect(both.from).toHaveLength(1);
    expect(both.to).toHaveLength(1);
    expect(gha('read')).toEqual({from: both.from, to: []});
    expect(gha('write-only')).toEqual({from: [], to: both.to});
    expect(gha('none')).toEqual({from: [], to: []});
    const local = cacheSpecs(cacheConfigOf({backend: 'local', requested: 'local', serviceMode: 'read'}), dirs);
    expect(local).toEqual({from: ['type=local,src=/c/src'], to: []});
  });
  it('a registry cache is the registry’s: the mode does not touch it', () => {
    const registry = cacheSpecs(cacheConfigOf({serviceMode: 'none'}), scope);
    expect(registry.from).toHaveLength(1);
    expect(registry.to).toHaveLength(1);
  });
});
