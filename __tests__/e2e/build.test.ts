import * as fs from 'node:fs';
import {afterAll, describe, expect, it} from '@jest/globals';
import {builderLeftovers, context, docker, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, platformsOf, REG, registryManifest, RUN_ARCH_DOCKERFILE} from './registry.js';

const lab = {'buildkit-image': LAB_BUILDKIT};
/** The first three words of each docker call, builder names replaced by B. */
const subcommands = (calls: string[][]): string[] =>
  calls.map(c =>
    c
      .slice(0, 3)
      .join(' ')
      .replace(/xbuild-[0-9a-f]{8}/, 'B')
  );

/** The builder a run created, from its `buildx create --name NAME` call. */
function createdBuilder(calls: string[][]): string {
  const name = calls.find(c => c[1] === 'create')?.[3] ?? '';
  expect(name).toMatch(/^xbuild-[0-9a-f]{8}$/);
  return name;
}

describe('build mode against the lab', () => {
  it('a) pushes linux/amd64, arm64 and arm/v7 with a RUN step, verified from the registry', async () => {
    const repo = `e2e/three-${uid()}`;
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      context: context(RUN_ARCH_DOCKERFILE),
      tags: `${REG}/${repo}:1\n${REG}/${repo}:latest`,
      push: 'true'
    });
    expect(run.main.log).toContain('Verified 2 reference(s)');
    expectMainOk(run);

    // the registry, read directly, holds exactly those platforms under both tags, at the digest output
    for (const tag of ['1', 'latest']) {
      const m = await registryManifest(repo, tag);
      expect(platformsOf(m.body.manifests)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
      expect(m.digest).toBe(run.outputs.digest);
    }
    expect(run.outputs.platforms.split(',').sort()).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
    expect(run.outputs.emulated).toBe('linux/arm64,linux/arm/v7');
    expect(run.outputs.builder).toMatch(/^xbuild-[0-9a-f]{8}$/);
    expect((JSON.parse(run.outputs.metadata) as Record<string, string>)['containerimage.digest']).toBe(
      run.outputs.digest
    );

    // each platform's image really is that platform
    const uname = (platform: string): string =>
      docker(['run', '--rm', '--pull', 'always', '--platform', platform, `${REG}/${repo}:1`]);
    expect(uname('linux/amd64')).toBe('x86_64');
    expect(uname('linux/arm64')).toBe('aarch64');
    expect(uname('linux/arm/v7')).toBe('armv7l');

    // job summary: per-platform table with strategy and digest
    expect(run.summary).toMatch(/<td>linux\/arm64<\/td><td>QEMU \(qemu-aarch64\)<\/td>/);
    expect(run.summary).toContain(run.outputs.digest);

    // happy path with QEMU registered: the base image read (preflight) beside the builder's creation, the build
    // (which boots the builder), the builder's inspect beside one registry read per tag, then rm in post
    const calls = subcommands(run.dockerCalls);
    expect(calls.slice(0, 2).sort()).toEqual(['buildx create --name', 'buildx imagetools inspect']);
    expect(calls[2]).toBe('buildx build --builder');
    expect(calls.slice(3, 6).sort()).toEqual([
      'buildx imagetools inspect',
      'buildx imagetools inspect',
      'buildx inspect B'
    ]);
    expect(calls[6]).toBe('buildx rm B');
    // d) nothing left behind
    expect(run.post.code).toBe(0);
    expect(builderLeftovers(run.outputs.builder)).toEqual([]);
    expect(fs.readdirSync(run.runnerTemp)).toEqual([]);
  });

  it('on a GitHub-hosted runner a one-tag push makes five docker calls, main and post: the machine takes the builder', async () => {
    const repo = `e2e/hosted-${uid()}`;
    const run = await runAction(
      {
        ...lab,
        platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
        context: context(RUN_ARCH_DOCKERFILE),
        tags: `${REG}/${repo}:1`,
        push: 'true'
      },
      {env: {RUNNER_ENVIRONMENT: 'github-hosted'}}
    );
    expectMainOk(run);
    expect(run.post.code).toBe(0);
    expect((await registryManifest(repo, '1')).digest).toBe(run.outputs.digest);
    const calls = subcommands(run.dockerCalls);
    expect(calls.slice(0, 2).sort()).toEqual(['buildx create --name', 'buildx imagetools inspect']);
    expect(calls[2]).toBe('buildx build --builder');
    expect(calls.slice(3).sort()).toEqual(['buildx imagetools inspect', 'buildx inspect B']);
    expect(run.post.log).toContain(
      `Builder ${run.outputs.builder} goes with this GitHub-hosted runner's machine at the end of the job`
    );
    // what the machine takes away: the builder, its container and its volume; the step's temp files are gone
    expect(builderLeftovers(run.outputs.builder)).toHaveLength(3);
    expect(fs.readdirSync(run.runnerTemp)).toEqual([]);
    docker(['buildx', 'rm', run.outputs.builder]);
  });

  it('b) loads a single platform into the engine', async () => {
    const tag = `${REG}/e2e/load-${uid()}:1`;
    const run = await runAction({
      ...lab,
      platforms: 'linux/arm64',
      context: context(RUN_ARCH_DOCKERFILE),
      tags: tag,
      load: 'true'
    });
    expectMainOk(run);
    expect(docker(['image', 'inspect', tag, '--format', '{{.Os}}/{{.Architecture}}'])).toBe('linux/arm64');
    expect((await registryManifest(tag.slice(REG.length + 1).split(':')[0], '1')).status).toBe(404);
    docker(['image', 'rm', tag]);
  });

  it('c) verify fails with the table when a tag lost a platform after the build (a concurrent push)', async () => {
    const repo = `e2e/race-${uid()}`;
    const [t1, t2] = [`${REG}/${repo}:1`, `${REG}/${repo}:2`];
    // right after the build, another "job" re-points tag 2 at a list of only amd64 and arm64
    const race = `set -e; raw=$(docker buildx imagetools inspect --raw ${t1});
      pick() { printf '%s' "$raw" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s).manifests.find(x=>x.platform.architecture===process.argv[1]);console.log(m.digest)})' "$1"; }
      docker buildx imagetools create -t ${t2} ${t1}@$(pick amd64) ${t1}@$(pick arm64)`;
    const run = await runAction(
      {
        ...lab,
        platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
        context: context(RUN_ARCH_DOCKERFILE),
        tags: `${t1},${t2}`,
        push: 'true'
      },
      {env: {XB_AFTER_BUILD: race}}
    );
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(
      /::error::Verify failed: .*:2 lacks linux\/arm\/v7, points at sha256:[0-9a-f]{64}, not the built sha256:/
    );
    expect(run.main.log).toMatch(/linux\/arm\/v7\s+yes\s+[0-9a-f]{12}\s+MISSING/);
    expect(run.main.log).toMatch(/list digest\s+[0-9a-f]{12}\s+[0-9a-f]{12}\s+[0-9a-f]{12} \(DIFFERS\)/);
    expect(platformsOf((await registryManifest(repo, '2')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(builderLeftovers(createdBuilder(run.dockerCalls))).toEqual([]);
  });

  it('c) verify fails when a tag is a single-platform manifest', async () => {
    const repo = `e2e/single-${uid()}`;
    const [t1, t2] = [`${REG}/${repo}:1`, `${REG}/${repo}:2`];
    // right after the build, another "job" pushes a plain single-platform image to tag 2
    const race = `printf 'FROM ${BASE}\\n' | docker buildx build --builder default --platform linux/arm64 --provenance=false --output type=image,name=${t2},push=true -`;
    const run = await runAction(
      {
        ...lab,
        platforms: 'linux/amd64,linux/arm64',
        context: context(RUN_ARCH_DOCKERFILE),
        tags: `${t1}\n${t2}`,
        push: 'true',
        provenance: 'false'
      },
      {env: {XB_AFTER_BUILD: race}}
    );
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(/::error::Verify failed: .*:2 is a single-platform manifest/);
    expect(run.main.log).toMatch(/linux\/amd64\s+yes\s+[0-9a-f]{12}\s+not a list/);
  });

  it('d) removes the builder, its container and temp files after a failed build', async () => {
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64,linux/arm64',
      context: context(`FROM ${BASE}\nRUN echo about to fail && exit 3\n`),
      tags: `${REG}/e2e/fail-${uid()}:1`,
      push: 'true',
      secrets: 'TOKEN=do-not-print-me'
    });
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(/::error::Build failed: .*did not complete successfully: exit code: 3/);
    const builder = createdBuilder(run.dockerCalls);
    expect(run.post.code).toBe(0);
    expect(run.post.log).toContain(`Removed builder ${builder}`);
    expect(builderLeftovers(builder)).toEqual([]);
    expect(fs.readdirSync(run.runnerTemp)).toEqual([]);
    // the only place the value appears is the runner's own mask command
    const printed = (run.main.log + run.post.log).split('\n').filter(l => !l.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain('do-not-print-me');
  });

  it('e) a bad input fails with its message and runs no docker command', async () => {
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64,linux/arm64',
      context: context(RUN_ARCH_DOCKERFILE),
      tags: `${REG}/e2e/twice:1\n${REG}/e2e/twice:1`
    });
    expect(run.main.code).toBe(1);
    expect(run.main.log).toContain(`::error::Input tags: "${REG}/e2e/twice:1" is listed twice`);
    expect(run.dockerCalls).toEqual([]);
    expect(run.post.code).toBe(0);
  });
});

describe('load with no tags, as buildx and build-push-action load it', () => {
  it('loads the image untagged and gives its imageid', async () => {
    const nonce = uid();
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64',
      context: context(RUN_ARCH_DOCKERFILE),
      labels: `e2e.nonce=${nonce}`,
      load: 'true'
    });
    expectMainOk(run);
    expect(run.outputs.imageid).toMatch(/^sha256:[0-9a-f]{64}$/);
    // the engine holds this build's image, with no name
    const held = docker(['images', '--filter', `label=e2e.nonce=${nonce}`, '--format', '{{.Repository}}:{{.Tag}}']);
    expect(held).toBe('<none>:<none>');
  });
});

describe('QEMU install for real', () => {
  const entry = '/proc/sys/fs/binfmt_misc/qemu-s390x';
  afterAll(() => {
    // leave the machine as the lab set it up
    if (!fs.existsSync(entry)) docker(['run', '--privileged', '--rm', LAB_BINFMT, '--install', 's390x']);
  });

  it('f) installs exactly the missing emulator, builds, and installs nothing the second time', async () => {
    if (fs.existsSync(entry)) fs.writeFileSync(entry, '-1');
    expect(fs.existsSync(entry)).toBe(false);
    const repo = `e2e/qemu-${uid()}`;
    const inputs = {
      ...lab,
      platforms: 'linux/amd64,linux/s390x,linux/arm64',
      context: context(RUN_ARCH_DOCKERFILE),
      tags: `${REG}/${repo}:1`,
      push: 'true',
      'qemu-image': LAB_BINFMT
    };
    const first = await runAction(inputs);
    expectMainOk(first);
    expect(first.dockerCalls.filter(c => c[0] === 'run')).toEqual([
      ['run', '--privileged', '--rm', LAB_BINFMT, '--install', 's390x']
    ]);
    expect(first.main.log).toContain('Installed: qemu-s390x');
    expect(fs.readFileSync(entry, 'utf8')).toMatch(/^enabled\n[\s\S]*flags: \w*F/);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/s390x'
    ]);
    expect(docker(['run', '--rm', '--pull', 'always', '--platform', 'linux/s390x', `${REG}/${repo}:1`])).toBe('s390x');

    const second = await runAction(inputs);
    expectMainOk(second);
    expect(second.dockerCalls.filter(c => c[0] === 'run')).toEqual([]);
    expect(second.main.log).toContain('Every emulator needed is registered: nothing to install');
  });
});
