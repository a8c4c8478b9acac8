import {afterAll, beforeAll, describe, expect, it, jest} from '@jest/globals';
import {BASE, context, LAB_BINFMT, LAB_BUILDKIT, REG, registryManifest, requireLab, runAction, uid} from './harness.js';
import {startGhaCache, type GhaCacheService} from './gha-cache-service.js';

jest.setTimeout(300_000);

const THREE = 'linux/amd64,linux/arm64,linux/arm/v7';
const lab = {'buildkit-image': LAB_BUILDKIT, 'qemu-image': LAB_BINFMT};
/** Two RUN steps and a COPY, unique per test so no earlier run's cache can answer. */
const dockerfile = (id: string): string =>
  `FROM ${BASE}\nRUN echo ${id} > /id\nCOPY Dockerfile /Dockerfile\nRUN uname -m > /arch\n`;

type Hits = Record<string, {cached: number; steps: number; hit: boolean}>;
const hits = (outputs: Record<string, string>): Hits => JSON.parse(outputs['cache-hit'] ?? '{}') as Hits;

beforeAll(requireLab);

describe('registry cache (cache: auto, pushing, no Actions cache service)', () => {
  it('a) cold build, then a fresh builder: every step of every platform CACHED, and the outputs say so', async () => {
    const repo = `e2e/cache-reg-${uid()}`;
    const inputs = {
      ...lab,
      platforms: THREE,
      context: context(dockerfile(repo)),
      tags: `${REG}/${repo}:1`,
      push: 'true'
    };
    const cold = await runAction(inputs);
    expect(cold.main.code).toBe(0);
    expect(cold.main.log).toContain(`Cache registry (auto: no Actions cache service; the step pushes`);
    for (const p of THREE.split(',')) expect(hits(cold.outputs)[p]).toEqual({cached: 0, steps: 3, hit: false});
    // the cache sits next to the image, as its own manifest
    expect((await registryManifest(repo, 'buildcache')).status).toBe(200);
    // post removed the builder with its state: the second run starts from an empty BuildKit, like a prune
    expect(cold.post.log).toContain(`Removed builder ${cold.outputs.builder}`);

    const warm = await runAction(inputs);
    expect(warm.main.code).toBe(0);
    expect(warm.outputs.builder).not.toBe(cold.outputs.builder);
    for (const p of THREE.split(',')) expect(hits(warm.outputs)[p]).toEqual({cached: 3, steps: 3, hit: true});
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
        qemu: 'true'
      });
      expect(leg.main.code).toBe(0);
    }
    expect((await registryManifest(repo, 'buildcache-linux-amd64')).status).toBe(200);
    expect((await registryManifest(repo, 'buildcache-linux-arm64')).status).toBe(200);
    const again = await runAction({
      ...lab,
      mode: 'platform',
      platforms: 'linux/amd64',
      context: ctx,
      tags: `${REG}/${repo}:1`,
      handoff: 'registry'
    });
    expect(hits(again.outputs)['linux/amd64']).toEqual({cached: 3, steps: 3, hit: true});
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
    const inputs = {
      ...lab,
      platforms: THREE,
      context: context(dockerfile(repo)),
      tags: `${REG}/${repo}:1`,
      push: 'true'
    };
    const cold = await runAction(inputs, {env: service.env});
    expect(cold.main.code).toBe(0);
    expect(cold.main.log).toContain('Cache gha (auto: the Actions cache service is here)');
    const scope = `e2e-${repo.split('/')[1]}-linux-amd64_linux-arm-v7_linux-arm64`;
    expect(service.entries().some(e => e.committed && e.key.startsWith(`index-${scope}-`))).toBe(true);

    const warm = await runAction(inputs, {env: service.env});
    expect(warm.main.code).toBe(0);
    for (const p of THREE.split(',')) expect(hits(warm.outputs)[p]).toEqual({cached: 3, steps: 3, hit: true});
    const argv = [...cold.dockerCalls, ...warm.dockerCalls].flat().join(' ');
    expect(argv).toContain(`type=gha,scope=${scope}`);
    expect(argv).not.toContain(service.token);
    // only the runner's own add-mask command carries it (the runner hides it from then on)
    expect(warm.main.log.replace(/^::add-mask::.*$/gm, '')).not.toContain(service.token);
  });
});
