import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {startArtifactService, type ArtifactService} from './artifact-service.js';
import {
  baseOf,
  context,
  docker,
  expectMainOk,
  LAB_BINFMT,
  LAB_BUILDKIT,
  runAction,
  uid,
  type ActionRun
} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

/**
 * `mode: bake` through dist against the lab: bake-action's inputs (workdir, files, targets, set, push), the
 * definition resolved once, each target planned, checked, cached and read back against its own platforms.
 */

const DOCKERFILE = `FROM ${BASE} AS app\nARG V=none\nRUN uname -m > /arch && echo "$V" > /v\nFROM ${BASE} AS tool\nRUN echo tool > /tool\n`;

/** A checkout holding the Dockerfile and this bake file. */
function checkout(hcl: string, dockerfile = DOCKERFILE): string {
  const dir = context(dockerfile);
  fs.writeFileSync(path.join(dir, 'docker-bake.hcl'), hcl);
  return dir;
}

const bakeInputs = (workdir: string, extra: Record<string, string> = {}): Record<string, string> => ({
  mode: 'bake',
  workdir,
  push: 'true',
  'buildkit-image': LAB_BUILDKIT,
  ...extra
});

/** The index digest the registry holds for repo:tag, and its platforms. */
async function held(repo: string, tag: string): Promise<{digest: string; platforms: string[]}> {
  const m = await registryManifest(repo, tag);
  return {digest: m.digest, platforms: platformsOf(m.body.manifests)};
}

const bakeBuilds = (run: ActionRun): string[][] =>
  run.dockerCalls.filter(c => c[0] === 'buildx' && c[1] === 'bake' && !c.includes('--print'));

describe('mode: bake', () => {
  it('builds a group of two targets with different platforms, each verified at its digest, cache scoped per target', async () => {
    const app = `e2e/bake-app-${uid()}`;
    const tool = `e2e/bake-tool-${uid()}`;
    const dir = checkout(`group "default" {
  targets = ["app", "tool"]
}
target "app" {
  target = "app"
  platforms = ["linux/amd64", "linux/arm64"]
  tags = ["${REG}/${app}:1", "${REG}/${app}:latest"]
}
target "tool" {
  target = "tool"
  platforms = ["linux/arm/v7"]
  tags = ["${REG}/${tool}:1"]
}
`);
    const run = await runAction(bakeInputs(dir, {cache: 'registry', 'cache-ref': `${REG}/${app}-cache:buildcache`}));
    expectMainOk(run);
    const digests = JSON.parse(run.outputs.digests) as Record<string, string>;
    expect(Object.keys(digests).sort()).toEqual(['app', 'tool']);
    const appHeld = await held(app, '1');
    expect(appHeld).toEqual({digest: digests.app, platforms: ['linux/amd64', 'linux/arm64']});
    expect((await held(app, 'latest')).digest).toBe(digests.app);
    expect(await held(tool, '1')).toEqual({digest: digests.tool, platforms: ['linux/arm/v7']});
    // bake-action's metadata output: one entry per target
    const metadata = JSON.parse(run.outputs.metadata) as Record<string, Record<string, string>>;
    expect(metadata.app['containerimage.digest']).toBe(digests.app);
    expect(metadata.tool['containerimage.digest']).toBe(digests.tool);
    // one bake run, with each target's own registry cache ref
    const builds = bakeBuilds(run);
    expect(builds).toHaveLength(1);
    expect(builds[0]).toEqual(
      expect.arrayContaining([
        `app.cache-to=type=registry,ref=${REG}/${app}-cache:buildcache-app,mode=max,ignore-error=true`,
        `tool.cache-from=type=registry,ref=${REG}/${app}-cache:buildcache-tool`
      ])
    );
    for (const scope of ['buildcache-app', 'buildcache-tool'])
      expect((await registryManifest(`${app}-cache`, scope)).status).toBe(200);
    expect(run.main.log).toContain(
      `Verified 2 reference(s): linux/amd64, linux/arm64 present once each, all at ${digests.app}`
    );
    expect(run.main.log).toContain(`Verified 1 reference(s): linux/arm/v7 present once each, all at ${digests.tool}`);
    // QEMU for the union of the targets' platforms; the summary has a row per target and platform
    expect(run.outputs.platforms.split(',').sort()).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
    expect(run.summary).toContain('xbuild: bake');
    for (const row of ['app</td><td>linux/amd64', 'app</td><td>linux/arm64', 'tool</td><td>linux/arm/v7'])
      expect(run.summary).toContain(row);
    expect(run.post.code).toBe(0);
  });

  it('takes set overrides of platforms and tags, and builds an HCL matrix target', async () => {
    const repo = `e2e/bake-matrix-${uid()}`;
    const dir = checkout(`target "img" {
  name = "img-\${v}"
  matrix = {
    v = ["a", "b"]
  }
  target = "app"
  args = {
    V = v
  }
  platforms = ["linux/amd64"]
  tags = ["${REG}/${repo}:\${v}"]
}
`);
    const run = await runAction(
      bakeInputs(dir, {
        targets: 'img',
        set: `*.platform=linux/amd64,linux/s390x\nimg-b.tags=${REG}/${repo}:b-set`
      })
    );
    expectMainOk(run);
    const digests = JSON.parse(run.outputs.digests) as Record<string, string>;
    expect(Object.keys(digests).sort()).toEqual(['img-a', 'img-b']);
    expect(await held(repo, 'a')).toEqual({digest: digests['img-a'], platforms: ['linux/amd64', 'linux/s390x']});
    expect(await held(repo, 'b-set')).toEqual({digest: digests['img-b'], platforms: ['linux/amd64', 'linux/s390x']});
    expect((await registryManifest(repo, 'b')).status).toBe(404);
    // each matrix value reached its build: different images
    expect(digests['img-a']).not.toBe(digests['img-b']);
    expect(run.outputs.emulated).toContain('linux/s390x');
  });

  it("builds with metadata-action's bake file (tags and labels) given as cwd://", async () => {
    const repo = `e2e/bake-meta-${uid()}`;
    const dir = checkout(`target "docker-metadata-action" {}
target "app" {
  inherits = ["docker-metadata-action"]
  target = "app"
  platforms = ["linux/amd64"]
}
`);
    // what metadata-action writes under RUNNER_TEMP and gives as its bake-file output
    const meta = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-meta-')), 'docker-metadata-action-bake.json');
    fs.writeFileSync(
      meta,
      JSON.stringify({
        target: {
          'docker-metadata-action': {
            tags: [`${REG}/${repo}:1.2.3`, `${REG}/${repo}:1.2`],
            labels: {'org.opencontainers.image.version': '1.2.3', 'org.opencontainers.image.revision': 'abc1234'},
            args: {DOCKER_META_VERSION: '1.2.3'}
          }
        }
      })
    );
    const run = await runAction(bakeInputs(dir, {files: `./docker-bake.hcl\ncwd://${meta}`, targets: 'app'}));
    expectMainOk(run);
    const digests = JSON.parse(run.outputs.digests) as Record<string, string>;
    for (const tag of ['1.2.3', '1.2']) expect((await held(repo, tag)).digest).toBe(digests.app);
    const image = JSON.parse(
      docker(['buildx', 'imagetools', 'inspect', `${REG}/${repo}:1.2.3`, '--format', '{{json .Image}}'])
    ) as {config: {Labels: Record<string, string>}};
    expect(image.config.Labels).toEqual(
      expect.objectContaining({
        'org.opencontainers.image.version': '1.2.3',
        'org.opencontainers.image.revision': 'abc1234'
      })
    );
  });

  it('refuses a target whose base lacks one of its platforms before anything builds', async () => {
    const base = await baseOf('bake-base');
    const repo = `e2e/bake-refused-${uid()}`;
    const dir = checkout(
      `group "default" {
  targets = ["ok", "bad"]
}
target "ok" {
  platforms = ["linux/arm64"]
  tags = ["${REG}/${repo}:ok"]
}
target "bad" {
  platforms = ["linux/amd64", "linux/s390x"]
  tags = ["${REG}/${repo}:bad"]
}
`,
      `FROM ${base}\nRUN uname -m\n`
    );
    const run = await runAction(bakeInputs(dir));
    expect(run.main.code).toBe(1);
    expect(run.main.log).toContain(
      `::error::Target bad: Preflight: ${base} does not publish linux/s390x: drop the platform or pick a base that publishes it`
    );
    expect(bakeBuilds(run)).toEqual([]);
    for (const tag of ['ok', 'bad']) expect((await registryManifest(repo, tag)).status).toBe(404);
    expect(run.post.code).toBe(0);
  });
});

describe('bake across a matrix: plan per target × platform, legs by digest, a merge per target', () => {
  let service: ArtifactService;
  beforeAll(async () => {
    service = await startArtifactService();
  });
  afterAll(() => service.close());

  const definition = (app: string, tool: string): string => `group "default" {
  targets = ["app", "tool"]
}
target "app" {
  target = "app"
  platforms = ["linux/amd64", "linux/arm64"]
  tags = ["${REG}/${app}:1"]
}
target "tool" {
  target = "tool"
  platforms = ["linux/arm/v7"]
  tags = ["${REG}/${tool}:1"]
}
`;
  /** One leg as its matrix job runs it: the leg's target and platform, the artifact handoff of the run. */
  const runLeg = (dir: string, run: string, leg: {target: string; platform: string}) =>
    runAction(
      {
        ...bakeInputs(dir, {mode: 'platform', targets: leg.target, platforms: leg.platform, handoff: 'artifact'}),
        push: '',
        cache: 'none',
        'qemu-image': LAB_BINFMT
      },
      {env: service.env(run, `leg-${leg.target}-${leg.platform.replaceAll('/', '-')}`)}
    );

  it('each target is one index of its legs, verified, under its tags', async () => {
    const app = `e2e/bake-legs-app-${uid()}`;
    const tool = `e2e/bake-legs-tool-${uid()}`;
    const dir = checkout(definition(app, tool));
    const run = `run-${uid()}`;
    const plan = await runAction({mode: 'plan', workdir: dir, files: 'docker-bake.hcl'});
    expectMainOk(plan);
    const {include} = JSON.parse(plan.outputs.matrix) as {
      include: {target: string; platform: string; runner: string}[];
    };
    expect(include.map(l => `${l.target} ${l.platform} ${l.runner}`)).toEqual([
      'app linux/amd64 ubuntu-24.04',
      'app linux/arm64 ubuntu-24.04-arm',
      'tool linux/arm/v7 ubuntu-24.04-arm'
    ]);
    const legDigests: Record<string, string> = {};
    for (const leg of include) {
      const legRun = await runLeg(dir, run, leg);
      expectMainOk(legRun);
      legDigests[`${leg.target} ${leg.platform}`] = legRun.outputs.digest;
    }
    // pushed by digest only: nothing tagged before the merge
    expect((await registryManifest(app, '1')).status).toBe(404);
    const merge = await runAction(
      {mode: 'merge', workdir: dir, files: 'docker-bake.hcl', handoff: 'artifact'},
      {env: service.env(run, 'merge')}
    );
    expectMainOk(merge);
    const digests = JSON.parse(merge.outputs.digests) as Record<string, string>;
    expect(await held(app, '1')).toEqual({digest: digests.app, platforms: ['linux/amd64', 'linux/arm64']});
    expect(await held(tool, '1')).toEqual({digest: digests.tool, platforms: ['linux/arm/v7']});
    // the index lists each leg's own manifest
    const index = await registryManifest(app, '1');
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const legIndex = await registryManifest(app, legDigests[`app ${platform}`]);
      const legManifest = legIndex.body.manifests?.find(m => m.platform?.os === 'linux')?.digest;
      const [arch] = platform.split('/').slice(1);
      expect(index.body.manifests?.find(m => m.platform?.architecture === arch)?.digest).toBe(legManifest);
    }
    expect(merge.summary).toContain('xbuild: merged bake targets');
  });

  it('a target whose legs are incomplete publishes nothing, and the step fails naming it', async () => {
    const app = `e2e/bake-partial-app-${uid()}`;
    const tool = `e2e/bake-partial-tool-${uid()}`;
    const dir = checkout(definition(app, tool));
    const run = `run-${uid()}`;
    // the tool leg never ran; app's arm64 leg neither
    expectMainOk(await runLeg(dir, run, {target: 'app', platform: 'linux/amd64'}));
    const merge = await runAction(
      {mode: 'merge', workdir: dir, files: 'docker-bake.hcl', handoff: 'artifact'},
      {env: service.env(run, 'merge')}
    );
    expect(merge.main.code).toBe(1);
    expect(merge.main.log).toContain(
      '::error::Target app: Merge refused: no digest for linux/arm64; no tag was created'
    );
    for (const repo of [app, tool]) expect((await registryManifest(repo, '1')).status).toBe(404);
  });
});
