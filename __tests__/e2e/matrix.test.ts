import {artifactName} from '../../src/runner/artifacts.js';
import {startArtifactService, type ArtifactService} from './artifact-service.js';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {context, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];
const DOCKERFILE = `FROM ${BASE}\nARG TARGETPLATFORM\nRUN echo "$TARGETPLATFORM $(uname -m)" > /built\nCMD ["cat", "/built"]\n`;
const slug = (p: string): string => p.replaceAll('/', '-');

/** Runs one `platform` leg per platform (the non-native ones under the lab's QEMU, as asked with qemu: true). */
/**
 * The artifact stand-in's variables are the results service's, so `cache: auto` would pick the gha cache v2, which
 * the lab's BuildKit 0.13 does not speak (buildx 0.29 passes it on; the gha v2 tests are in cache.test.ts).
 */
const NO_GHA_V2 = {cache: 'none'};

async function runLegs(
  repo: string,
  platforms: string[],
  handoff = 'registry',
  env: (platform: string) => Record<string, string> = () => ({})
) {
  const ctx = context(DOCKERFILE);
  const legs = [];
  for (const platform of platforms) {
    const run = await runAction(
      {
        mode: 'platform',
        platforms: platform,
        context: ctx,
        tags: `${REG}/${repo}:1`,
        handoff,
        qemu: platform === 'linux/amd64' ? 'auto' : 'true',
        'qemu-image': LAB_BINFMT,
        'buildkit-image': LAB_BUILDKIT,
        ...NO_GHA_V2
      },
      {env: env(platform)}
    );
    expect([platform, run.main.code, run.post.code]).toEqual([platform, 0, 0]);
    legs.push({platform, digest: run.outputs.digest});
  }
  return legs;
}

/** One leg with the registry handoff, on the lab's BuildKit, qemu left at auto. */
const registryLeg = (platform: string, tag: string): Record<string, string> => ({
  mode: 'platform',
  platforms: platform,
  context: context(DOCKERFILE),
  tags: tag,
  handoff: 'registry',
  'buildkit-image': LAB_BUILDKIT
});

/** The image manifest of a platform inside an index in the registry, read over HTTP. */
async function manifestFor(repo: string, ref: string, platform: string): Promise<string> {
  const m = await registryManifest(repo, ref);
  const entry = (m.body.manifests ?? []).find(
    d =>
      d.platform && [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') === platform
  );
  return entry?.digest ?? '';
}

describe('matrix legs, merge and verify against the lab', () => {
  const repo = `e2e/matrix-${uid()}`;
  let legs: {platform: string; digest: string}[] = [];

  beforeAll(async () => {
    legs = await runLegs(repo, PLATFORMS);
  });

  it('each leg pushes its platform by digest to its handoff tag, with OCI media types', async () => {
    for (const {platform, digest} of legs) {
      const m = await registryManifest(repo, `1-${slug(platform)}`);
      expect([platform, m.digest, m.body.mediaType, platformsOf(m.body.manifests)]).toEqual([
        platform,
        digest,
        'application/vnd.oci.image.index.v1+json',
        [platform]
      ]);
    }
  });

  it('merge with handoff registry makes one index whose manifests are the legs, byte for byte', async () => {
    const run = await runAction({
      mode: 'merge',
      platforms: PLATFORMS.join(','),
      tags: `${REG}/${repo}:1\n${REG}/${repo}:latest`
    });
    expectMainOk(run);
    for (const tag of ['1', 'latest']) {
      const index = await registryManifest(repo, tag);
      expect(index.digest).toBe(run.outputs.digest);
      expect(platformsOf(index.body.manifests)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
    }
    for (const {platform} of legs) {
      expect(await manifestFor(repo, '1', platform)).toBe(await manifestFor(repo, `1-${slug(platform)}`, platform));
    }
    expect(run.summary).toContain('merged index');

    const verify = await runAction({
      mode: 'verify',
      platforms: PLATFORMS.join(','),
      tags: `${REG}/${repo}:1,${REG}/${repo}:latest`,
      digest: run.outputs.digest
    });
    expectMainOk(verify);
    expect(verify.dockerCalls.map(c => c.slice(0, 3).join(' '))).toEqual([
      'buildx imagetools inspect',
      'buildx imagetools inspect'
    ]);

    const partial = await runAction({
      mode: 'verify',
      platforms: [...PLATFORMS, 'linux/s390x'].join(','),
      tags: `${REG}/${repo}:1`
    });
    expect(partial.main.code).toBe(1);
    expect(partial.main.log).toMatch(/::error::Verify failed: .*:1 lacks linux\/s390x/);
    expect(partial.main.log).toMatch(/linux\/s390x\s+yes\s+MISSING/);
  });

  it('merge with the digests input gives the same manifests', async () => {
    const digests = legs.map(l => `${l.platform}=${l.digest}`).join('\n');
    const run = await runAction({
      mode: 'merge',
      platforms: PLATFORMS.join(','),
      tags: `${REG}/${repo}:2`,
      handoff: 'none',
      digests
    });
    expectMainOk(run);
    for (const {platform} of legs) {
      expect(await manifestFor(repo, '2', platform)).toBe(await manifestFor(repo, `1-${slug(platform)}`, platform));
    }
  });

  it('a merge with a leg missing fails, names it, and creates no tag', async () => {
    const repo2 = `e2e/matrix-partial-${uid()}`;
    await runLegs(repo2, ['linux/amd64', 'linux/arm64']);
    const run = await runAction({mode: 'merge', platforms: PLATFORMS.join(','), tags: `${REG}/${repo2}:1`});
    expect(run.main.code).toBe(1);
    expect(run.main.log).toContain('::error::Merge refused: no digest for linux/arm/v7; no tag was created.');
    expect(run.dockerCalls.some(c => c[2] === 'create')).toBe(false);
    expect((await registryManifest(repo2, '1')).status).toBe(404);

    const allowed = await runAction({
      mode: 'merge',
      platforms: PLATFORMS.join(','),
      tags: `${REG}/${repo2}:1`,
      'allow-partial': 'true'
    });
    expectMainOk(allowed);
    expect(allowed.main.log).toContain(
      '::warning::Publishing a partial index (allow-partial): no digest for linux/arm/v7'
    );
    expect(platformsOf((await registryManifest(repo2, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it("a leg this runner does not run natively builds under QEMU, as the docs' one-runner recipe does", async () => {
    const run = await runAction(registryLeg('linux/arm64', `${REG}/${repo}:q`));
    expectMainOk(run);
    expect(run.main.log).toContain(
      '::warning::This leg builds linux/arm64 under QEMU on a x64 runner: run it on a matching runner'
    );
    expect(platformsOf((await registryManifest(repo, `q-${slug('linux/arm64')}`)).body.manifests)).toEqual([
      'linux/arm64'
    ]);
  });

  it('a leg with push: false (a pull request) builds and pushes nothing', async () => {
    const run = await runAction({...registryLeg('linux/amd64', `${REG}/${repo}:pr`), push: 'false'});
    expectMainOk(run);
    expect(run.dockerCalls.filter(c => c[1] === 'build')).toHaveLength(1);
    expect(run.dockerCalls.find(c => c[1] === 'build')).not.toContain('--output');
    expect((await registryManifest(repo, `pr-${slug('linux/amd64')}`)).status).toBe(404);
  });

  it('plan outputs the matrix for the legs', async () => {
    const run = await runAction({
      mode: 'plan',
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      'runner-map': 'arm=["self-hosted","armv7"]'
    });
    expectMainOk(run);
    expect(JSON.parse(run.outputs.matrix)).toEqual({
      include: [
        {platform: 'linux/amd64', 'platform-slug': 'linux-amd64', runner: 'ubuntu-24.04', qemu: false},
        {platform: 'linux/arm64', 'platform-slug': 'linux-arm64', runner: 'ubuntu-24.04-arm', qemu: false},
        {platform: 'linux/arm/v7', 'platform-slug': 'linux-arm-v7', runner: ['self-hosted', 'armv7'], qemu: false}
      ]
    });
    expect(run.dockerCalls).toEqual([]);
  });
});

describe('handoff through workflow artifacts (local stand-in of the artifact service)', () => {
  let service: ArtifactService;
  const repo = `e2e/artifact-${uid()}`;
  const run = `run-${uid()}`;

  beforeAll(async () => {
    service = await startArtifactService();
  });
  afterAll(() => service.close());

  it('legs upload one record each under their exact names; the merge downloads them and publishes the index', async () => {
    const legs = await runLegs(repo, PLATFORMS, 'artifact', p => service.env(run, `job-${slug(p)}`));
    expect(service.names(run).sort()).toEqual(
      PLATFORMS.map(p => artifactName(`${REG}/${repo}`, '', p, `${REG}/${repo}:1`)).sort()
    );
    // pushed by digest only: no per-platform tags in the registry
    expect((await registryManifest(repo, `1-${slug('linux/arm64')}`)).status).toBe(404);

    const merge = await runAction(
      {mode: 'merge', platforms: PLATFORMS.join(','), tags: `${REG}/${repo}:1`, handoff: 'artifact'},
      {env: service.env(run, 'job-merge')}
    );
    expectMainOk(merge);
    const index = await registryManifest(repo, '1');
    expect(index.digest).toBe(merge.outputs.digest);
    expect(platformsOf(index.body.manifests)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
    for (const leg of legs) {
      const legIndex = await registryManifest(repo, leg.digest);
      expect(await manifestFor(repo, '1', leg.platform)).toBe(
        legIndex.body.manifests?.find(m => m.platform?.os === 'linux')?.digest
      );
    }
    expect(service.requests).toEqual(
      expect.arrayContaining(['PUT /devstoreaccount1/artifacts/1?comp=blocklist', 'GET /download/1'])
    );
  });

  it('two flavours of one image in one run (main and cuda) hand off apart: each merge takes its own legs', async () => {
    const flavours = ['main', 'cuda'];
    const legs: Record<string, string> = {};
    for (const flavour of flavours) {
      const leg = await runAction(
        {
          mode: 'platform',
          platforms: 'linux/amd64',
          context: context(`${DOCKERFILE}RUN echo ${flavour} > /flavour\n`),
          tags: `${REG}/${repo}:2-${flavour}`,
          handoff: 'artifact',
          'buildkit-image': LAB_BUILDKIT,
          ...NO_GHA_V2
        },
        {env: service.env(run, `job-${flavour}`)}
      );
      expectMainOk(leg);
      legs[flavour] = leg.outputs.digest;
    }
    for (const flavour of flavours) {
      const merge = await runAction(
        {mode: 'merge', platforms: 'linux/amd64', tags: `${REG}/${repo}:2-${flavour}`, handoff: 'artifact'},
        {env: service.env(run, `job-merge-${flavour}`)}
      );
      expectMainOk(merge);
      const legIndex = await registryManifest(repo, legs[flavour]);
      expect(await manifestFor(repo, `2-${flavour}`, 'linux/amd64')).toBe(
        legIndex.body.manifests?.find(m => m.platform?.os === 'linux')?.digest
      );
    }
  });

  it('a re-run attempt of a leg replaces its record (the service refuses a name twice); the merge takes the new one', async () => {
    const tag = `${REG}/${repo}:rerun`;
    const leg = (flavour: string, attempt: string) =>
      runAction(
        {
          mode: 'platform',
          platforms: 'linux/amd64',
          context: context(`${DOCKERFILE}RUN echo ${flavour} > /attempt\n`),
          tags: tag,
          handoff: 'artifact',
          'buildkit-image': LAB_BUILDKIT,
          ...NO_GHA_V2
        },
        {env: {...service.env(run, `job-rerun-${attempt}`), GITHUB_RUN_ATTEMPT: attempt}}
      );
    const first = await leg('one', '1');
    expectMainOk(first);
    const name = artifactName(`${REG}/${repo}`, '', 'linux/amd64', tag);
    // what a re-run without the replacement met: the name is taken in this run
    const again = await leg('one-again', '1');
    expect(again.main.code).toBe(1);
    expect(again.main.log).toMatch(/an artifact with this name already exists on the workflow run/);
    const second = await leg('two', '2');
    expectMainOk(second);
    expect(second.main.log).toContain(`Re-run attempt 2: replaced the record an earlier attempt left as ${name}`);
    expect(second.outputs.digest).not.toBe(first.outputs.digest);
    expect(service.names(run).filter(n => n === name)).toHaveLength(1);
    expect(service.requests).toContain('POST /twirp/github.actions.results.api.v1.ArtifactService/DeleteArtifact');
    const merge = await runAction(
      {mode: 'merge', platforms: 'linux/amd64', tags: tag, handoff: 'artifact'},
      {env: service.env(run, 'job-rerun-merge')}
    );
    expectMainOk(merge);
    const legIndex = await registryManifest(repo, second.outputs.digest);
    expect(await manifestFor(repo, 'rerun', 'linux/amd64')).toBe(
      legIndex.body.manifests?.find(m => m.platform?.os === 'linux')?.digest
    );
  });

  it('on GitHub Enterprise Server (artifacts refused there) auto hands off through the registry, and the merge completes', async () => {
    const ghes = (job: string): Record<string, string> => ({
      ...service.env(run, job),
      GITHUB_SERVER_URL: 'https://ghes.example.test'
    });
    const legTag = `${REG}/${repo}:ghes`;
    const leg = await runAction(
      {...registryLeg('linux/amd64', legTag), handoff: 'auto', ...NO_GHA_V2},
      {env: ghes('job-ghes')}
    );
    expectMainOk(leg);
    expect((await registryManifest(repo, `ghes-${slug('linux/amd64')}`)).digest).toBe(leg.outputs.digest);
    const merge = await runAction(
      {mode: 'merge', platforms: 'linux/amd64', tags: legTag},
      {env: ghes('job-ghes-merge')}
    );
    expectMainOk(merge);
    expect(platformsOf((await registryManifest(repo, 'ghes')).body.manifests)).toEqual(['linux/amd64']);
    const plan = await runAction({mode: 'plan', platforms: 'linux/amd64'}, {env: ghes('job-plan')});
    expect(plan.main.log).toContain(
      '::warning::The default runner labels (ubuntu-24.04, ubuntu-24.04-arm) are GitHub-hosted'
    );
  });

  it('a merge in another run finds no legs and publishes nothing', async () => {
    const merge = await runAction(
      {mode: 'merge', platforms: PLATFORMS.join(','), tags: `${REG}/${repo}:other`, handoff: 'artifact'},
      {env: service.env(`${run}-other`, 'job-merge')}
    );
    expect(merge.main.code).toBe(1);
    expect(merge.main.log).toContain(
      '::error::Merge refused: no digest for linux/amd64, linux/arm64, linux/arm/v7; no tag was created.'
    );
    expect((await registryManifest(repo, 'other')).status).toBe(404);
  });
});
