import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {builderLeftovers, context, docker, expectMainOk, LAB_BUILDKIT, runJob, uid, type ActionRun} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

/**
 * `mode: setup` in place of setup-qemu-action + setup-buildx-action, with the workflow's own `docker buildx`
 * commands after it: they build on the action's builder (its `use`), a later `mode: verify` step proves what they
 * pushed, and the setup step's post removes the builder. The job has a docker config of its own, so `buildx use`
 * changes nothing outside it.
 */

const PLATFORMS = 'linux/amd64,linux/arm64';
const DOCKERFILE = `FROM ${BASE}\nRUN uname -m > /arch\n`;

/** A job environment: its own docker config (buildx's builders and its current one live there) and run ids. */
function jobEnv(): Record<string, string> {
  const dockerConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-dockercfg-'));
  return {DOCKER_CONFIG: dockerConfig, GITHUB_RUN_ID: `run-${uid()}`, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'release'};
}

const setupInputs = {
  mode: 'setup',
  platforms: 'arm64',
  'driver-opts': 'network=host',
  'buildkit-image': LAB_BUILDKIT
};

/** The builder a plain buildx command said it built with ("building with "NAME" instance using … driver"). */
const builtWith = (run: ActionRun): string => /building with "([^"]+)" instance/.exec(run.main.log)?.[1] ?? '';

describe('mode: setup, then the workflow builds with its own commands', () => {
  it('plain docker buildx bake --push and docker buildx build --push run on its builder; verify proves them', async () => {
    const env = jobEnv();
    const ctx = context(DOCKERFILE);
    const bakeRepo = `e2e/setup-bake-${uid()}`;
    const buildRepo = `e2e/setup-build-${uid()}`;
    fs.writeFileSync(
      path.join(ctx, 'docker-bake.hcl'),
      `target "app" {\n  context = "."\n  platforms = ["linux/amd64", "linux/arm64"]\n  tags = ["${REG}/${bakeRepo}:1"]\n}\n`
    );
    const [setup, bake, build, verifyBake, verifyBuild] = await runJob(
      [
        {inputs: setupInputs},
        // as a workflow runs it: in the checkout, bake reading docker-bake.hcl there
        {run: `cd ${ctx} && docker buildx bake --progress plain --push app`},
        {run: `docker buildx build --progress plain --platform ${PLATFORMS} --tag ${REG}/${buildRepo}:1 --push ${ctx}`},
        {inputs: {mode: 'verify', platforms: PLATFORMS, tags: `${REG}/${bakeRepo}:1`}},
        {inputs: {mode: 'verify', platforms: PLATFORMS, tags: `${REG}/${buildRepo}:1`}}
      ],
      {env}
    );
    expectMainOk(setup);
    const name = setup.outputs.name;
    expect(name).toMatch(/^xbuild-job-[0-9a-f]{12}$/);
    expect(setup.outputs.driver).toBe('docker-container');
    expect(setup.outputs.platforms.split(',')).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm64']));
    const nodes = JSON.parse(setup.outputs.nodes) as {status: string; buildkit?: string}[];
    expect(nodes).toEqual([expect.objectContaining({status: 'running', buildkit: expect.stringMatching(/^v0\.\d+/)})]);
    expect(setup.dockerCalls).toContainEqual(['buildx', 'use', name]);
    expect(setup.summary).toContain('xbuild: builder set up');
    // the commands ran on the action's builder, and the registry holds both images for both platforms
    for (const run of [bake, build]) {
      expect(run.main.code).toBe(0);
      expect(builtWith(run)).toBe(name);
    }
    for (const repo of [bakeRepo, buildRepo])
      expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
    for (const run of [verifyBake, verifyBuild]) {
      expectMainOk(run);
      expect(run.outputs.platforms).toBe(PLATFORMS);
    }
    // post of the setup step removed the builder, its container and its state volume
    expect(setup.post.code).toBe(0);
    expect(builderLeftovers(name)).toEqual([]);
    expect(docker(['buildx', 'ls', '--format', '{{.Name}}'], {...process.env, ...env})).not.toContain(name);
  });

  it("a build step after it with the same builder settings reuses its builder and cache; use: false leaves buildx's current alone", async () => {
    const env = jobEnv();
    const ctx = context(DOCKERFILE);
    const tag = `${REG}/e2e/setup-reuse-${uid()}:1`;
    const [setup, current, build] = await runJob(
      [
        {inputs: {...setupInputs, use: 'false'}},
        {run: 'docker buildx inspect | sed -n "s/^Name: *//p" | head -1'},
        {inputs: {platforms: PLATFORMS, context: ctx, tags: tag, push: 'true', 'buildkit-image': LAB_BUILDKIT}}
      ],
      {env}
    );
    expectMainOk(setup);
    expect(setup.dockerCalls.some(c => c[1] === 'use')).toBe(false);
    expect(current.main.log.trim()).not.toBe(setup.outputs.name);
    expectMainOk(build);
    expect(build.main.log).toContain(`Reusing builder ${setup.outputs.name}`);
    expect(build.outputs.builder).toBe(setup.outputs.name);
    expect(platformsOf((await registryManifest(tag.slice(REG.length + 1, -2), '1')).body.manifests)).toEqual([
      'linux/amd64',
      'linux/arm64'
    ]);
    expect(builderLeftovers(setup.outputs.name)).toEqual([]);
  });
});
