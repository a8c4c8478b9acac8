import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {startGhaCacheV2, type GhaCacheV2Service} from './gha-cache-v2-service.js';
import {context, docker, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, labImageStore, runAction, uid} from './harness.js';
import {BASE, REG} from './registry.js';

/**
 * The GitHub cache service API v2 (what hosted runners offer) through its local stand-in: `cache: local` through
 * @actions/cache on every profile, and `cache: gha` through BuildKit's own v2 client where the lab has a BuildKit
 * that speaks it: the docker-container builder's (the lab's builder image is BuildKit 0.25 on runner and containerd,
 * 0.13 on oldest, which does not), and the engine's (dockerd 28.5 embeds BuildKit 0.2x) as driver docker, which
 * exports a cache on the containerd image store only.
 */

const STORE = labImageStore();
const ENGINE = docker(['version', '--format', '{{.Server.Version}}']);
const ENGINE_SPEAKS_V2 = STORE === 'containerd' && Number(ENGINE.split('.')[0]) >= 28;
// the builder image's BuildKit (the lab's: 0.25 on runner and containerd, 0.13 on oldest); v2 needs 0.20 or newer
const BUILDER_BUILDKIT = docker(['run', '--rm', '--entrypoint', 'buildkitd', LAB_BUILDKIT, '--version']).split(' ')[2];
const BUILDER_SPEAKS_V2 = Number(BUILDER_BUILDKIT.replace(/^v/, '').split('.')[1]) >= 20;
const TWO = 'linux/amd64,linux/arm64';
const dockerfile = (id: string): string =>
  `FROM ${BASE}\nRUN echo ${id} > /id\nCOPY Dockerfile /Dockerfile\nRUN uname -m > /arch\n`;
type Hits = Record<string, {cached: number; steps: number; hit: boolean}>;
const hits = (outputs: Record<string, string>): Hits => JSON.parse(outputs['cache-hit'] ?? '{}') as Hits;
/** Everything a run leaves that a token must not be in: argv, outputs, summary, the log without add-mask lines. */
const leftBehind = (run: {
  dockerCalls: string[][];
  outputs: Record<string, string>;
  summary: string;
  main: {log: string};
}) =>
  [
    run.dockerCalls.flat().join(' '),
    JSON.stringify(run.outputs),
    run.summary,
    run.main.log.replace(/^::add-mask::.*$/gm, '')
  ].join('\n');

describe(`the gha cache v2 stand-in (engine ${ENGINE}, ${STORE} image store)`, () => {
  let service: GhaCacheV2Service;
  beforeAll(async () => {
    service = await startGhaCacheV2();
  });
  afterAll(() => service.close());

  it('cache: local through @actions/cache v2: saved cold, restored warm with every step cached', async () => {
    const repo = `e2e/v2-local-${uid()}`;
    const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-runnertemp-'));
    const inputs = {
      platforms: TWO,
      context: context(dockerfile(repo)),
      tags: `${REG}/${repo}:1`,
      push: 'true',
      cache: 'local',
      'buildkit-image': LAB_BUILDKIT,
      'qemu-image': LAB_BINFMT
    };
    const env = (run: string) => ({...service.env, RUNNER_TEMP: runnerTemp, GITHUB_RUN_ID: run});
    const cold = await runAction(inputs, {env: env('1')});
    expectMainOk(cold);
    expect(cold.main.log).toMatch(/Saved the local cache as xbuild-cache-/);
    expect(service.entries().filter(e => e.committed)).toHaveLength(1);
    const warm = await runAction(inputs, {env: env('2')});
    expectMainOk(warm);
    expect(warm.main.log).toMatch(/Restored the local cache xbuild-cache-/);
    for (const p of TWO.split(',')) expect(hits(warm.outputs)[p]).toEqual({cached: 3, steps: 3, hit: true});
    expect(service.requests).toEqual(
      expect.arrayContaining([
        'POST CreateCacheEntry',
        'POST FinalizeCacheEntryUpload',
        'POST GetCacheEntryDownloadURL'
      ])
    );
    for (const run of [cold, warm]) expect(leftBehind(run)).not.toContain(service.token);
  });

  it('a token that may only read: the service refuses the save, and the step says so rather than claiming it', async () => {
    const repo = `e2e/v2-readonly-${uid()}`;
    const run = await runAction(
      {
        platforms: 'linux/amd64',
        context: context(dockerfile(repo)),
        tags: `${REG}/${repo}:1`,
        push: 'true',
        cache: 'local',
        'buildkit-image': LAB_BUILDKIT
      },
      {env: {...service.readOnlyEnv, GITHUB_RUN_ID: uid()}}
    );
    expectMainOk(run);
    // one warning, the service's own words, and no claim that it was saved
    expect(run.main.log).toMatch(
      /::warning::Failed to save: Unable to reserve cache with key xbuild-cache-.*cache write denied: this token may only read the cache/
    );
    expect(run.main.log).toMatch(/The local cache xbuild-cache-\S+ was not saved: the service refused it/);
    expect(run.main.log).not.toContain('Saved the local cache');
  });

  if (BUILDER_SPEAKS_V2) {
    it(`cache: auto through the docker-container builder (BuildKit ${BUILDER_BUILDKIT}): the gha cache v2, cold then warm on a fresh builder, every step cached per platform`, async () => {
      const repo = `e2e/v2-builder-${uid()}`;
      const inputs = {
        platforms: TWO,
        context: context(dockerfile(repo)),
        tags: `${REG}/${repo}:1`,
        push: 'true',
        'buildkit-image': LAB_BUILDKIT,
        'qemu-image': LAB_BINFMT
      };
      const cold = await runAction(inputs, {env: service.env});
      expectMainOk(cold);
      // auto took the runner's cache service, and the build exported to it through BuildKit's own v2 client
      expect(cold.dockerCalls.find(c => c[1] === 'build')).toEqual(
        expect.arrayContaining(['--cache-from', expect.stringMatching(/^type=gha,/), '--cache-to'])
      );
      for (const p of TWO.split(',')) expect(hits(cold.outputs)[p]).toEqual({cached: 0, steps: 3, hit: false});
      const written = service.entries().filter(e => e.committed).length;
      expect(written).toBeGreaterThan(1);
      // each run has a builder of its own, removed in post: the warm run can hit only the service
      const warm = await runAction(inputs, {env: service.env});
      expectMainOk(warm);
      expect(warm.outputs.builder).not.toBe(cold.outputs.builder);
      for (const p of TWO.split(',')) expect(hits(warm.outputs)[p]).toEqual({cached: 3, steps: 3, hit: true});
      for (const run of [cold, warm]) expect(leftBehind(run)).not.toContain(service.token);
    });
  }

  if (ENGINE_SPEAKS_V2) {
    it("cache: gha through the engine's BuildKit: cold 0 cached, then, its build cache pruned, every step cached", async () => {
      const repo = `e2e/v2-gha-${uid()}`;
      const inputs = {
        platforms: TWO,
        driver: 'docker',
        context: context(dockerfile(repo)),
        tags: `${REG}/${repo}:1`,
        push: 'true',
        cache: 'gha'
      };
      const cold = await runAction(inputs, {env: service.env});
      expectMainOk(cold);
      for (const p of TWO.split(',')) expect(hits(cold.outputs)[p]).toEqual({cached: 0, steps: 3, hit: false});
      const written = service.entries().filter(e => e.committed).length;
      expect(written).toBeGreaterThan(1);
      // the warm run has nothing but the service to hit from
      docker(['buildx', 'prune', '--builder', 'default', '--all', '--force']);
      const warm = await runAction(inputs, {env: service.env});
      expectMainOk(warm);
      for (const p of TWO.split(',')) expect(hits(warm.outputs)[p]).toEqual({cached: 3, steps: 3, hit: true});
      for (const run of [cold, warm]) expect(leftBehind(run)).not.toContain(service.token);
    });
  } else {
    it('the stand-in refuses what the real service refuses: an entry written twice, an unknown method', async () => {
      // the service answers as the real one where it matters: an entry written twice, an unknown method
      const call = (method: string, body: object) =>
        fetch(`${service.url}/twirp/github.actions.results.api.v1.CacheService/${method}`, {
          method: 'POST',
          headers: {'content-type': 'application/json', authorization: `Bearer ${service.token}`},
          body: JSON.stringify(body)
        });
      const created = (await (await call('CreateCacheEntry', {key: 'k', version: 'v'})).json()) as {
        signed_upload_url: string;
      };
      await fetch(created.signed_upload_url, {method: 'PUT', headers: {'x-ms-blob-type': 'BlockBlob'}, body: 'data'});
      expect((await call('FinalizeCacheEntryUpload', {key: 'k', version: 'v', size_bytes: '4'})).status).toBe(200);
      expect((await call('CreateCacheEntry', {key: 'k', version: 'v'})).status).toBe(409);
      expect((await call('DeleteCacheEntry', {key: 'k'})).status).toBe(404);
      const found = (await (
        await call('GetCacheEntryDownloadURL', {key: 'x', restore_keys: ['k'], version: 'v'})
      ).json()) as {matched_key: string};
      expect(found.matched_key).toBe('k');
    });
  }
});
