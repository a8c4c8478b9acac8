import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {createHash} from 'node:crypto';
import {describe, expect, it} from '@jest/globals';
import {
  cacheSpecs,
  ghaApiVersion,
  ghaRuntimeEnv,
  ghaScope,
  localCacheKey,
  readCache,
  registryCacheRef,
  requiredVersions,
  type CacheContext,
  type CacheInputs
} from '../../src/cache.js';
import {
  checkBuildkitFor,
  checkNodesBuildkitFor,
  chooseBuildx,
  fallbackCache,
  parseChecksums,
  PINNED_BUILDX,
  pluginConfigDir,
  releaseAsset,
  releaseUrls,
  verifyChecksum
} from '../../src/buildx.js';
import {
  cacheExportError,
  parseBuildxInspect,
  parseBuildxVersion,
  parseCacheUsage,
  versionAtLeast
} from '../../src/parsers.js';
import {cacheHitJson} from '../../src/summary.js';
import {readConfig, type InputEnv} from '../../src/inputs.js';
import {fixture} from '../helpers.js';
import type {CacheConfig} from '../../src/types.js';

const IMAGE = 'localhost:5000/owner/app';
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
  it('is registry next to the first image when the step pushes and there is no service', () => {
    expect(readCache(inputs(), ctx())).toMatchObject({backend: 'registry', ref: `${IMAGE}:buildcache`});
  });
  it('is none when nothing is pushed and there is no service', () => {
    expect(readCache(inputs(), ctx({push: false, image: ''})).backend).toBe('none');
  });
  it('a runtime token alone (no cache or results URL) is no service', () => {
    expect(readCache(inputs(), ctx({env: {ACTIONS_RUNTIME_TOKEN: 't'}})).backend).toBe('registry');
  });
});

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

const cfg = (over: Partial<CacheConfig>): CacheConfig => ({
  backend: 'registry',
  requested: 'registry',
  mode: 'max',
  scope: '',
  ref: `${IMAGE}:buildcache`,
  ignoreError: true,
  ghaApi: 1,
  ...over
});
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
    const specs = cacheSpecs(cfg({backend: backend as CacheConfig['backend'], mode: mode as 'max'}), {
      image: IMAGE,
      target: '',
      platforms,
      perExport
    });
    expect(specs).toEqual({from, to});
  });
  it('local reads the restored dir and writes a new one beside it', () => {
    const specs = cacheSpecs(cfg({backend: 'local', ignoreError: false}), {
      image: IMAGE,
      target: '',
      platforms: THREE,
      perExport: false,
      localDirs: {src: '/t/c', dest: '/t/c-new'}
    });
    expect(specs).toEqual({from: ['type=local,src=/t/c'], to: ['type=local,dest=/t/c-new,mode=max']});
  });
  it('inline exports into the image and reads the first tag', () => {
    const specs = cacheSpecs(cfg({backend: 'inline', mode: 'min', ref: `${IMAGE}:1`}), {
      image: IMAGE,
      target: '',
      platforms: ONE,
      perExport: true
    });
    expect(specs).toEqual({from: [`type=registry,ref=${IMAGE}:1`], to: ['type=inline']});
  });
  it('names carry the target and the user scope; matrix legs of one image never share a name', () => {
    expect(ghaScope(cfg({}), IMAGE, 'prod', ['linux/amd64'])).toBe('owner-app-prod-linux-amd64');
    expect(ghaScope(cfg({scope: 'web'}), IMAGE, 'prod', ['linux/amd64'])).toBe('web-linux-amd64');
    expect(ghaScope(cfg({}), '', '', ['linux/amd64'])).toBe('build-linux-amd64');
    const legs = THREE.map(p => registryCacheRef(cfg({scope: 'web'}), 'prod', [p], true));
    expect(new Set(legs).size).toBe(3);
    expect(legs[0]).toBe(`${IMAGE}:buildcache-web-prod-linux-arm64`);
    expect(registryCacheRef(cfg({ref: `${IMAGE}:c`}), '', THREE, false)).toBe(`${IMAGE}:c`);
  });
  it('keeps registry cache tags within 128 characters, still unique', () => {
    const long = cfg({scope: 's'.repeat(80)});
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

describe('version gates', () => {
  it('reads buildx versions as the CLI prints them', () => {
    expect(parseBuildxVersion(fixture('buildx-0.13-version.txt'))).toBe('0.13.1+ds1');
    expect(parseBuildxVersion('github.com/docker/buildx v0.36.0 0a1b2c3')).toBe('0.36.0');
    expect(() => parseBuildxVersion('docker: unknown command')).toThrow('cannot read the buildx version');
  });
  it.each([
    ['0.13.1+ds1', '0.21.0', false],
    ['0.21.0', '0.21.0', true],
    ['v0.36.0', '0.21.0', true],
    ['1.0', '0.21.0', true],
    ['dev', '0.21.0', undefined]
  ])('%s ≥ %s: %s', (v, min, ok) => expect(versionAtLeast(v, min)).toBe(ok));
  it('only the gha cache API v2 needs newer tools', () => {
    expect(requiredVersions(cfg({backend: 'gha', ghaApi: 2}))).toEqual({buildx: '0.21.0', buildkit: '0.20.0'});
    expect(requiredVersions(cfg({backend: 'gha', ghaApi: 1}))).toBeUndefined();
    expect(requiredVersions(cfg({backend: 'registry', ghaApi: 2}))).toBeUndefined();
  });
  it('chooses: installed when new enough, the pinned release when gha v2 asks for more, an explicit release', () => {
    const v2 = cfg({backend: 'gha', requested: 'gha', ghaApi: 2});
    expect(chooseBuildx('0.13.1+ds1', 'auto', cfg({}))).toEqual({action: 'use-installed'});
    expect(chooseBuildx('0.25.0', 'auto', v2)).toEqual({action: 'use-installed'});
    expect(chooseBuildx('0.13.1+ds1', 'auto', v2)).toEqual({action: 'install', version: PINNED_BUILDX});
    expect(chooseBuildx('0.13.1+ds1', '0.13.1+ds1', cfg({}))).toEqual({action: 'use-installed'});
    expect(chooseBuildx('0.13.1+ds1', '0.36.0', cfg({}))).toEqual({action: 'install', version: '0.36.0'});
  });
  it('an auto gha cache on an old buildx falls back to registry (pushing) or none; an explicit one does not', () => {
    const auto = cfg({backend: 'gha', requested: 'auto', ghaApi: 2});
    expect(fallbackCache(auto, '0.13.1', true)?.backend).toBe('registry');
    expect(fallbackCache(auto, '0.13.1', false)?.backend).toBe('none');
    expect(fallbackCache(auto, '0.30.0', true)).toBeUndefined();
    expect(fallbackCache({...auto, requested: 'gha'}, '0.13.1', true)).toBeUndefined();
    expect(fallbackCache({...auto, ghaApi: 1}, '0.13.1', true)).toBeUndefined();
  });
  it('names the BuildKit version a pinned buildkit-image lacks for gha v2', () => {
    const v2 = cfg({backend: 'gha', requested: 'gha', ghaApi: 2});
    expect(checkBuildkitFor(v2, 'moby/buildkit:v0.19.0')).toContain(
      'needs BuildKit 0.20.0 or newer, and buildkit-image is moby/buildkit:v0.19.0'
    );
    expect(checkBuildkitFor(v2, 'moby/buildkit:v0.29.0')).toBe('');
    expect(checkBuildkitFor(v2, 'moby/buildkit:buildx-stable-1')).toBe('');
    expect(checkBuildkitFor(cfg({}), 'moby/buildkit:v0.10.0')).toBe('');
  });
  it("reads the BuildKit of a builder it did not create (the engine's, an input builder) from buildx inspect", () => {
    const v2 = cfg({backend: 'gha', requested: 'gha', ghaApi: 2});
    const engine = parseBuildxInspect(fixture('buildx-0.13-inspect-docker.txt'));
    // Debian's engine reports v0.0.0+unknown: not known to be too old
    expect(checkNodesBuildkitFor(v2, engine)).toBe('');
    const at = (version: string) => ({...engine, nodes: engine.nodes.map(n => ({...n, buildkitVersion: version}))});
    expect(checkNodesBuildkitFor(v2, at('v0.13.2'))).toBe(
      'The GitHub cache service v2 needs BuildKit 0.20.0 or newer, and on builder default default runs BuildKit v0.13.2: update that engine or builder, use driver docker-container (it runs buildkit-image), or use cache: registry'
    );
    expect(checkNodesBuildkitFor(v2, at('v0.20.1'))).toBe('');
    expect(checkNodesBuildkitFor(cfg({backend: 'gha', ghaApi: 1}), at('v0.13.2'))).toBe('');
    const container = parseBuildxInspect(fixture('buildx-0.13-inspect-docker-container.txt'));
    expect(container.nodes[0].buildkitVersion).toMatch(/^v0\.13/);
    expect(checkNodesBuildkitFor(v2, container)).toContain(`${container.nodes[0].name} runs BuildKit v0.13`);
  });
});

describe('buildx release download', () => {
  it('names the asset for the OS and CPU as buildx releases do', () => {
    expect(releaseAsset('0.36.0', 'linux', 'x64')).toBe('buildx-v0.36.0.linux-amd64');
    expect(releaseAsset('0.36.0', 'linux', 'arm')).toBe('buildx-v0.36.0.linux-arm-v7');
    expect(releaseAsset('0.36.0', 'darwin', 'arm64')).toBe('buildx-v0.36.0.darwin-arm64');
    expect(releaseAsset('0.36.0', 'win32', 'x64')).toBe('buildx-v0.36.0.windows-amd64.exe');
    expect(() => releaseAsset('0.36.0', 'linux', 'mips')).toThrow('buildx has no release for the CPU mips');
    expect(releaseUrls('http://m/dl', '0.36.0', 'buildx-v0.36.0.linux-amd64')).toEqual({
      binary: 'http://m/dl/v0.36.0/buildx-v0.36.0.linux-amd64',
      checksums: 'http://m/dl/v0.36.0/checksums.txt'
    });
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xb-sum-'));
  const file = path.join(dir, 'buildx-v0.36.0.linux-amd64');
  fs.writeFileSync(file, 'binary bytes');
  const sum = createHash('sha256').update('binary bytes').digest('hex');
  it('accepts a file whose sha256 the checksums file lists (binary-mode and text-mode lines)', () => {
    const sums = parseChecksums(`${'0'.repeat(64)} *buildx-v0.36.0.darwin-amd64\n${sum}  buildx-v0.36.0.linux-amd64\n`);
    expect(sums.size).toBe(2);
    expect(() => verifyChecksum(file, 'buildx-v0.36.0.linux-amd64', sums, 'u')).not.toThrow();
  });
  it('refuses a wrong checksum, naming both sums', () => {
    const sums = parseChecksums(`${'f'.repeat(64)} *buildx-v0.36.0.linux-amd64`);
    expect(() => verifyChecksum(file, 'buildx-v0.36.0.linux-amd64', sums, 'http://m/checksums.txt')).toThrow(
      `buildx-v0.36.0.linux-amd64 from http://m/checksums.txt does not match its checksum (expected sha256 ${'f'.repeat(64)}, got ${sum})`
    );
  });
  it('refuses a checksums file without the asset', () => {
    expect(() => verifyChecksum(file, 'buildx-v0.36.0.linux-amd64', parseChecksums('garbage\n'), 'u')).toThrow(
      'The checksums file of u lists no buildx-v0.36.0.linux-amd64'
    );
  });
  it('puts the plugin in a docker config of its own that links the user config back in', () => {
    const user = fs.mkdtempSync(path.join(os.tmpdir(), 'xb-user-'));
    fs.writeFileSync(path.join(user, 'config.json'), '{"auths":{}}');
    fs.mkdirSync(path.join(user, 'cli-plugins'));
    fs.writeFileSync(path.join(user, 'cli-plugins', 'docker-compose'), '');
    fs.writeFileSync(path.join(user, 'cli-plugins', 'docker-buildx'), 'old');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xb-step-'));
    const made = pluginConfigDir(file, tmp, user);
    expect(fs.readlinkSync(path.join(made, 'cli-plugins', 'docker-buildx'))).toBe(file);
    expect(fs.readlinkSync(path.join(made, 'cli-plugins', 'docker-compose'))).toBe(
      path.join(user, 'cli-plugins', 'docker-compose')
    );
    expect(fs.readFileSync(path.join(made, 'config.json'), 'utf8')).toBe('{"auths":{}}');
    expect(fs.readlinkSync(path.join(made, 'buildx'))).toBe(path.join(user, 'buildx'));
    expect(fs.readFileSync(path.join(user, 'cli-plugins', 'docker-buildx'), 'utf8')).toBe('old');
  });
});

describe('cache figures from the build record', () => {
  const lines = (name: string) => fixture(name).split('\n');
  it('a warm 3-platform build after a prune: every step of every platform cached', () => {
    const usage = parseCacheUsage(lines('buildx-0.13-cache-warm-3platforms.txt'), THREE);
    expect(Object.fromEntries(usage)).toEqual({
      'linux/arm64': {cached: 3, steps: 3},
      'linux/amd64': {cached: 3, steps: 3},
      'linux/arm/v7': {cached: 3, steps: 3}
    });
    expect((JSON.parse(cacheHitJson(usage)) as Record<string, {hit: boolean}>)['linux/arm64']).toEqual({
      cached: 3,
      steps: 3,
      hit: true
    });
  });
  it('a cold build: nothing cached (the missing cache ref is not an export error)', () => {
    const cold = lines('buildx-0.13-cache-cold-3platforms.txt');
    expect(parseCacheUsage(cold, THREE).get('linux/amd64')).toEqual({cached: 0, steps: 3});
    expect(cacheExportError(cold)).toBe('');
  });
  it('a single-platform build with a changed first RUN: the steps after it re-run', () => {
    const usage = parseCacheUsage(lines('buildx-0.13-cache-partial-single.txt'), ['linux/arm64']);
    expect(usage.get('linux/arm64')).toEqual({cached: 0, steps: 3});
    expect((JSON.parse(cacheHitJson(usage)) as Record<string, {hit: boolean}>)['linux/arm64'].hit).toBe(false);
  });
  it('counts a cross stage for its target and a platform-less step for every platform', () => {
    const usage = parseCacheUsage(
      ['#5 [linux/amd64->arm64 build 2/3] RUN go build', '#5 CACHED', '#6 [stage-1 2/2] COPY a b', '#6 DONE 0.1s'],
      ['linux/amd64', 'linux/arm64']
    );
    expect(usage.get('linux/arm64')).toEqual({cached: 1, steps: 2});
    expect(usage.get('linux/amd64')).toEqual({cached: 0, steps: 1});
  });
  it('finds the error of a cache export that failed (ignored or not)', () => {
    for (const name of ['buildx-0.13-cache-export-failed-ignored.txt', 'buildx-0.13-cache-export-failed.txt']) {
      expect(cacheExportError(lines(name))).toMatch(
        /^error writing layer blob: failed to do request: Head .*connection refused$/
      );
    }
  });
});

describe('readConfig wires the cache inputs', () => {
  const env: InputEnv = {exists: () => true, isDirectory: () => true, env: {}};
  const read = (i: Record<string, string>) => readConfig(name => i[name] ?? '', env);
  it('defaults: auto → registry next to the first tag, max, ignore errors; buildx auto', () => {
    const c = read({platforms: 'linux/amd64', tags: `${IMAGE}:1`, push: 'true'});
    expect(c.cache).toMatchObject({backend: 'registry', mode: 'max', ignoreError: true, ref: `${IMAGE}:buildcache`});
    expect(c.buildxVersion).toBe('auto');
  });
  it('merge, verify and plan build nothing, so they have no cache', () => {
    expect(read({platforms: 'linux/amd64', mode: 'merge', tags: `${IMAGE}:1`}).cache.backend).toBe('none');
  });
  it.each([
    [{'buildx-version': 'latest'}, 'Input buildx-version must be auto or a release such as 0.36.0, not "latest"'],
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
