import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {context, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';
import {startGhaCache, type GhaCacheService} from './gha-cache-service.js';

const THREE = 'linux/amd64,linux/arm64,linux/arm/v7';
const lab = {'buildkit-image': LAB_BUILDKIT, 'qemu-image': LAB_BINFMT};
/** Two RUN steps and a COPY, unique per test so no earlier run's cache can answer. */
const dockerfile = (id: string): string =>
  `FROM ${BASE}\nRUN echo ${id} > /id\nCOPY Dockerfile /Dockerfile\nRUN uname -m > /arch\n`;

type Hits = Record<string, {cached: number; steps: number; hit: boolean}>;
const hits = (outputs: Record<string, string>): Hits => JSON.parse(outputs['cache-hit'] ?? '{}') as Hits;

/** A three-platform push of a fresh image, plus `extra` inputs. */
const pushThree = (repo: string, extra: Record<string, string> = {}): Record<string, string> => ({
  ...lab,
  platforms: THREE,
  context: context(dockerfile(repo)),
  tags: `${REG}/${repo}:1`,
  push: 'true',
  ...extra
});
const ALL_HIT = {cached: 3, steps: 3, hit: true};
const TWO_NODES = '- endpoint: unix:///tmp/lab/node2.sock\n  platforms: linux/arm64\n  name: arm\n';

describe('registry cache (cache: registry; auto writes nothing to the registry)', () => {
  it('a) cold build, then a fresh builder: every step of every platform CACHED, and the outputs say so', async () => {
    const repo = `e2e/cache-reg-${uid()}`;
    const inputs = pushThree(repo, {cache: 'registry'});
    const cold = await runAction(inputs);
    expectMainOk(cold);
    expect(cold.main.log).toContain(`Cache registry: from type=registry,ref=${REG}/${repo}:buildcache`);
    for (const p of THREE.split(',')) expect(hits(cold.outputs)[p]).toEqual({cached: 0, steps: 3, hit: false});
    // the cache sits next to the image, as its own manifest
    expect((await registryManifest(repo, 'buildcache')).status).toBe(200);
    // post removed the builder with its state: the second run starts from an empty BuildKit, like a prune
    expect(cold.post.log).toContain(`Removed builder ${cold.outputs.builder}`);

    const warm = await runAction(inputs);
    expectMainOk(warm);
    expect(warm.outputs.builder).not.toBe(cold.outputs.builder);
    for (const p of THREE.split(',')) expect(hits(warm.outputs)[p]).toEqual(ALL_HIT);
    expect(warm.main.log.match(/^#\d+ CACHED$/gm)).toHaveLength(9);
    expect(warm.summary).toContain('3/3 steps cached');
    expect(warm.summary).toContain('Cache (registry)');
    expect((await registryManifest(repo, '1')).digest).toBe(warm.outputs.digest);
  });

  it('a matrix leg writes a cache of its own platform, so legs never overwrite each other', async () => {
    const repo = `e2e/cache-leg-${uid()}`;
    const ctx = context(dockerfile(repo));
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const leg = await runAction({
        ...lab,
        mode: 'platform',
        platforms: platform,
        context: ctx,
        tags: `${REG}/${repo}:1`,
        handoff: 'registry',
        qemu: 'true',
        cache: 'registry'
      });
      expectMainOk(leg);
    }
    expect((await registryManifest(repo, 'buildcache-linux-amd64')).status).toBe(200);
    expect((await registryManifest(repo, 'buildcache-linux-arm64')).status).toBe(200);
    const again = await runAction({
      ...lab,
      mode: 'platform',
      platforms: 'linux/amd64',
      context: ctx,
      tags: `${REG}/${repo}:1`,
      handoff: 'registry',
      cache: 'registry'
    });
    expect(hits(again.outputs)['linux/amd64']).toEqual(ALL_HIT);
  });

  it('auto, pushing, with no Actions cache service: no cache, and nothing but the image in the registry', async () => {
    const repo = `e2e/cache-auto-${uid()}`;
    const run = await runAction(pushThree(repo));
    expectMainOk(run);
    expect(run.main.log).toContain('No build cache (auto: no Actions cache service)');
    const build = run.dockerCalls.find(c => c[1] === 'build') ?? [];
    expect(build.filter(a => a.startsWith('--cache'))).toEqual([]);
    expect((await registryManifest(repo, 'buildcache')).status).toBe(404);
    expect((await registryManifest(repo, '1')).status).toBe(200);
  });
});

describe('gha cache through the Actions cache service stand-in (API v1)', () => {
  let service: GhaCacheService;
  beforeAll(async () => {
    service = await startGhaCache();
  });
  afterAll(() => service.close());

  it('b) cache: auto picks gha; after a fresh builder every platform hits, the token never in argv', async () => {
    const repo = `e2e/cache-gha-${uid()}`;
    const inputs = pushThree(repo);
    const cold = await runAction(inputs, {env: service.env});
    expectMainOk(cold);
    expect(cold.main.log).toContain('Cache gha (auto: the Actions cache service is here)');
    const scope = `e2e-${repo.split('/')[1]}-linux-amd64_linux-arm-v7_linux-arm64`;
    expect(service.entries().some(e => e.committed && e.key.startsWith(`index-${scope}-`))).toBe(true);

    const warm = await runAction(inputs, {env: service.env});
    expectMainOk(warm);
    for (const p of THREE.split(',')) expect(hits(warm.outputs)[p]).toEqual(ALL_HIT);
    const argv = [...cold.dockerCalls, ...warm.dockerCalls].flat().join(' ');
    expect(argv).toContain(`type=gha,scope=${scope}`);
    expect(argv).not.toContain(service.token);
    // only the runner's own add-mask command carries it (the runner hides it from then on)
    expect(warm.main.log.replace(/^::add-mask::.*$/gm, '')).not.toContain(service.token);
  });

  it("the job's cache mode: write-only saves without restoring, read restores (every step hits) and saves nothing", async () => {
    const repo = `e2e/cache-mode-${uid()}`;
    const inputs = pushThree(repo);
    const scope = `e2e-${repo.split('/')[1]}`;
    const saved = () => service.entries().filter(e => e.committed && e.key.includes(scope)).length;
    const build = (run: {dockerCalls: string[][]}) => run.dockerCalls.find(c => c[1] === 'build') ?? [];

    const writer = await runAction(inputs, {env: {...service.env, ACTIONS_CACHE_MODE: 'write-only'}});
    expectMainOk(writer);
    expect(build(writer)).not.toContain('--cache-from');
    expect(build(writer)).toContain('--cache-to');
    expect(writer.main.log).toContain(
      "Cache gha (auto: the Actions cache service is here) (the job's cache mode: write-only)"
    );
    const written = saved();
    expect(written).toBeGreaterThan(0);

    const reader = await runAction(inputs, {env: {...service.env, ACTIONS_CACHE_MODE: 'read'}});
    expectMainOk(reader);
    expect(build(reader)).toContain('--cache-from');
    expect(build(reader)).not.toContain('--cache-to');
    for (const p of THREE.split(',')) expect(hits(reader.outputs)[p]).toEqual(ALL_HIT);
    expect(saved()).toBe(written);

    const none = await runAction(inputs, {env: {...service.env, ACTIONS_CACHE_MODE: 'none'}});
    expectMainOk(none);
    expect(none.main.log).toContain("No build cache (auto: the job's cache mode is none)");
    expect(build(none).some(a => a.startsWith('--cache'))).toBe(false);
  });

  it('b) a three-platform build on the two-node builder: after a fresh builder both nodes hit', async () => {
    const repo = `e2e/cache-nodes-${uid()}`;
    const inputs = pushThree(repo, {nodes: TWO_NODES});
    const cold = await runAction(inputs, {env: service.env});
    expectMainOk(cold);
    expect(cold.main.log).toContain('One build per node');
    // one export per node, each under its own scope
    const image = `e2e-${repo.split('/')[1]}`;
    const indexes = service.entries().filter(e => e.committed && e.key.startsWith('index-'));
    for (const part of ['linux-amd64_linux-arm-v7', 'linux-arm64'])
      expect(indexes.filter(e => e.key.startsWith(`index-${image}-${part}-`))).toHaveLength(1);

    const warm = await runAction(inputs, {env: service.env});
    expectMainOk(warm);
    for (const p of THREE.split(',')) expect(hits(warm.outputs)[p]).toEqual(ALL_HIT);
    // one index of the three platforms, at the digest output, verified
    const index = await registryManifest(repo, '1');
    expect(platformsOf(index.body.manifests)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
    expect(index.digest).toBe(warm.outputs.digest);
    expect(warm.summary).toContain('Build time (its node)');
  });

  it('two flavours of one image (other build-args) keep a scope each: neither overwrites the other', async () => {
    const repo = `e2e/cache-flavour-${uid()}`;
    const ctx = context(`FROM ${BASE}\nARG FLAVOR\nRUN echo ${repo} $FLAVOR > /flavour\n`);
    const flavour = (name: string): Record<string, string> => ({
      ...lab,
      platforms: 'linux/amd64',
      context: ctx,
      tags: `${REG}/${repo}:${name}`,
      push: 'true',
      'build-args': `FLAVOR=${name}`
    });
    expectMainOk(await runAction(flavour('main'), {env: service.env}));
    expectMainOk(await runAction(flavour('cuda'), {env: service.env}));
    const again = await runAction(flavour('main'), {env: service.env});
    expectMainOk(again);
    expect(hits(again.outputs)['linux/amd64']).toEqual({cached: 1, steps: 1, hit: true});
    const scopes = new Set(
      service
        .entries()
        .filter(e => e.committed && e.key.startsWith(`index-e2e-${repo.split('/')[1]}-`))
        .map(e => e.key.split('-linux-amd64')[0])
    );
    expect(scopes.size).toBe(2);
  });

  it('raw cache-to given: the user layout alone, no generated spec in either direction', async () => {
    const repo = `e2e/cache-raw-${uid()}`;
    const run = await runAction(pushThree(repo, {'cache-to': `type=registry,ref=${REG}/${repo}:mine,mode=max`}), {
      env: service.env
    });
    expectMainOk(run);
    const build = run.dockerCalls.find(c => c[1] === 'build') ?? [];
    expect(build.filter((_arg, i) => build[i - 1]?.startsWith('--cache'))).toEqual([
      `type=registry,ref=${REG}/${repo}:mine,mode=max`
    ]);
    expect((await registryManifest(repo, 'mine')).status).toBe(200);
  });

  it('why: the same two-node build with one shared scope (raw cache specs) loses the cache of a node', async () => {
    const repo = `e2e/cache-shared-${uid()}`;
    const scope = `shared-${uid()}`;
    const inputs = pushThree(repo, {
      'cache-from': `type=gha,scope=${scope}`,
      'cache-to': `type=gha,scope=${scope},mode=max`,
      nodes: TWO_NODES
    });
    expectMainOk(await runAction(inputs, {env: service.env}));
    const warm = await runAction(inputs, {env: service.env});
    expectMainOk(warm);
    expect(warm.main.log).not.toContain('One build per node');
    // the node that exported last replaced the other's index: its platforms hit, the other node's re-ran
    const missed = Object.entries(hits(warm.outputs)).filter(([, h]) => !h.hit);
    expect(missed.length).toBeGreaterThan(0);
  });

  it('c) local cache: restore → build → save → rotate; the next run restores it, hits and saves nothing new', async () => {
    const repo = `e2e/cache-local-${uid()}`;
    // one RUNNER_TEMP for the three runs, as on a runner: @actions/cache keys entries by their paths
    const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-runnertemp-'));
    const ctx = context(dockerfile(repo));
    const inputs = {...lab, platforms: THREE, context: ctx, tags: `${REG}/${repo}:1`, push: 'true', cache: 'local'};
    const env = (run: string) => ({...service.env, RUNNER_TEMP: runnerTemp, GITHUB_RUN_ID: run});
    const saved = () => service.entries().filter(e => e.committed && e.key.startsWith('xbuild-cache-'));
    const before = saved().length;

    const cold = await runAction(inputs, {env: env('1')});
    expectMainOk(cold);
    expect(cold.main.log).toMatch(/No local cache yet for xbuild-cache-[0-9a-f]{16}-[0-9a-f]{16}-\*/);
    const first = saved().slice(before);
    expect(first).toHaveLength(1);
    expect(cold.main.log).toContain(`Saved the local cache as ${first[0].key}`);
    expect(first[0].key).toMatch(/-1-1$/);

    const warm = await runAction(inputs, {env: env('2')});
    expectMainOk(warm);
    expect(warm.main.log).toContain(`Restored the local cache ${first[0].key}`);
    for (const p of THREE.split(',')) expect(hits(warm.outputs)[p]).toEqual(ALL_HIT);
    // nothing changed: the same index is not uploaded again (each entry counts against the repository's quota)
    expect(warm.main.log).toContain(`The local cache is unchanged since ${first[0].key}: not saved again`);
    expect(saved().slice(before)).toHaveLength(1);

    // a changed Dockerfile restores the newest cache of any Dockerfile; the saved dir holds this build only
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), dockerfile(`${repo}-changed`));
    const changed = await runAction(inputs, {env: env('3')});
    expectMainOk(changed);
    expect(changed.main.log).toContain(`Restored the local cache ${first[0].key}`);
    const sizes = saved()
      .slice(before)
      .map(e => e.size);
    expect(sizes).toHaveLength(2);
    expect(sizes[1]).toBeLessThan(sizes[0] * 1.5);
    // post removed the cache dirs with the temp dir
    expect(fs.existsSync(path.join(runnerTemp, 'xbuild-cache'))).toBe(false);
  });
});
