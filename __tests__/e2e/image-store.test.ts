import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {startGhaCache, type GhaCacheService} from './gha-cache-service.js';
import {context, docker, expectMainOk, LAB_BUILDKIT, labImageStore, runAction, uid} from './harness.js';
import {platformsOf, REG, registryManifest, RUN_ARCH_DOCKERFILE} from './registry.js';

/**
 * The engine's own builder (driver docker) and a multi-platform `load` depend on the engine's image store. On the
 * classic store (the runner profile, as on ubuntu-24.04) the action says so before the build, naming the fix; on
 * the containerd store (the containerd and oldest profiles) they build. Each profile runs the half it can.
 */

const STORE = labImageStore();
const TWO = 'linux/amd64,linux/arm64';
/** The first words of each docker call. */
const subcommands = (calls: string[][]): string[] => calls.map(c => c.slice(0, 3).join(' '));
const onDocker = (repo: string, platforms: string, more: Record<string, string> = {}): Record<string, string> => ({
  platforms,
  driver: 'docker',
  context: context(RUN_ARCH_DOCKERFILE),
  tags: `${REG}/${repo}:1`,
  push: 'true',
  ...more
});

describe(`the engine's image store (this lab: ${STORE})`, () => {
  let service: GhaCacheService;
  beforeAll(async () => {
    service = await startGhaCache();
  });
  afterAll(() => service.close());

  if (STORE === 'classic') {
    it('driver docker with two platforms: one line naming the fix, before any build', async () => {
      const repo = `e2e/store-two-${uid()}`;
      const run = await runAction(onDocker(repo, TWO));
      expect(run.main.code).toBe(1);
      expect(run.main.log).toContain(
        "::error::Input driver docker builds one platform on the classic image store (this engine's), not 2 platforms (linux/amd64, linux/arm64): use driver: docker-container, or turn on the containerd image store"
      );
      expect(subcommands(run.dockerCalls)).not.toContain('buildx build --builder');
      expect((await registryManifest(repo, '1')).status).toBe(404);
    });

    it('driver docker with an explicit gha cache: one line naming the fix, before any build', async () => {
      const repo = `e2e/store-gha-${uid()}`;
      const run = await runAction(onDocker(repo, 'linux/amd64', {cache: 'gha'}), {env: service.env});
      expect(run.main.code).toBe(1);
      expect(run.main.log).toMatch(
        /::error::Input driver docker exports no cache on the classic image store \(this engine's; buildx: "Cache export is not supported for the docker driver"\): use driver: docker-container, or turn on the containerd image store/
      );
      expect(subcommands(run.dockerCalls)).not.toContain('buildx build --builder');
    });

    it('driver docker with cache auto where the cache service is: builds without a cache, and says why', async () => {
      const repo = `e2e/store-auto-${uid()}`;
      const before = service.entries().length;
      const run = await runAction(onDocker(repo, 'linux/amd64'), {env: service.env});
      expectMainOk(run);
      expect(run.main.log).toContain(
        'Cache: auto → none: driver docker exports no cache on the classic image store (inline would change the image)'
      );
      const build = run.dockerCalls.find(c => c[1] === 'build') ?? [];
      expect(build.some(a => a.startsWith('--cache'))).toBe(false);
      expect(service.entries().length).toBe(before);
      // the engine's builder on the classic store pushes a plain image manifest (no attestations, no index)
      const m = await registryManifest(repo, '1');
      expect(m.status).toBe(200);
      expect(m.digest).toBe(run.outputs.digest);
    });

    it('load of two platforms on the docker-container builder: one line naming the fix, before any build', async () => {
      const run = await runAction({
        platforms: TWO,
        context: context(RUN_ARCH_DOCKERFILE),
        tags: `${REG}/e2e/store-load-${uid()}:1`,
        load: 'true',
        'buildkit-image': LAB_BUILDKIT
      });
      expect(run.main.code).toBe(1);
      expect(run.main.log).toContain(
        '::error::Input load with 2 platforms (linux/amd64, linux/arm64) needs the containerd image store, and this engine has the classic one'
      );
      expect(subcommands(run.dockerCalls)).toEqual(['info --format {{json .DriverStatus}}']);
    });
  } else {
    it('builds two platforms with driver: docker, the engine builder, and creates no builder', async () => {
      const repo = `e2e/docker-driver-${uid()}`;
      const run = await runAction(onDocker(repo, TWO));
      expectMainOk(run);
      expect(run.outputs.builder).toBe('default');
      // the image store read, preflight's base read, the build, the engine builder's inspect and the registry read
      expect(subcommands(run.dockerCalls).sort()).toEqual([
        'buildx build --builder',
        'buildx imagetools inspect',
        'buildx imagetools inspect',
        'buildx inspect default',
        'info --format {{json .DriverStatus}}'
      ]);
      const m = await registryManifest(repo, '1');
      expect(platformsOf(m.body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
      expect(m.digest).toBe(run.outputs.digest);
    });

    it('loads two platforms into the engine, as the containerd image store keeps both', async () => {
      const tag = `${REG}/e2e/store-load-${uid()}:1`;
      const run = await runAction({
        platforms: TWO,
        context: context(RUN_ARCH_DOCKERFILE),
        tags: tag,
        load: 'true',
        'buildkit-image': LAB_BUILDKIT
      });
      expectMainOk(run);
      for (const platform of TWO.split(','))
        expect(docker(['run', '--rm', '--platform', platform, tag])).toBe(
          platform.endsWith('arm64') ? 'aarch64' : 'x86_64'
        );
      docker(['image', 'rm', tag]);
    });
  }
});
