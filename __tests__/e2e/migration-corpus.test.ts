import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {GhaCacheService, startGhaCache} from './gha-cache-service.js';
import {expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid, type ActionRun} from './harness.js';
import {BASE, platformsOf, provenanceOf, REG, registryManifest} from './registry.js';

/**
 * The migration corpus: build steps as public workflows write them for docker/setup-qemu-action +
 * setup-buildx-action + build-push-action (named by their pattern), with the setup steps removed and `uses:`
 * swapped for this action, the registry host swapped for the lab's. Each runs through dist against the lab, and the
 * registry holds what the chain would have pushed: the platforms, every tag at the digest output, the provenance
 * build-push-action asks for, and exactly the cache exports the step's inputs ask for.
 */

/** One project layout for all: a version stage, a test stage, a final stage with a secret, a second Dockerfile. */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-corpus-'));
  const dockerfile = [
    `FROM ${BASE} AS base`,
    'ARG VERSION=dev',
    'ARG COMMIT_SHA=unknown',
    'RUN echo "$VERSION $COMMIT_SHA" > /version',
    'FROM base AS test',
    'RUN echo tested > /tested',
    'FROM base AS final',
    'COPY app.txt /app.txt',
    'RUN --mount=type=secret,id=NPM_TOKEN,required=false (test -s /run/secrets/NPM_TOKEN && echo yes || echo no) > /secret',
    'CMD ["cat", "/version"]'
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `${dockerfile}\n`);
  fs.mkdirSync(path.join(dir, 'docker'));
  fs.writeFileSync(path.join(dir, 'docker', 'Dockerfile.prod'), `FROM ${BASE}\nCOPY app.txt /app.txt\n`);
  fs.writeFileSync(path.join(dir, 'app.txt'), 'app\n');
  return dir;
}

/** What the registry must hold after the step. Tags are relative to the step's repository. */
interface Expected {
  platforms: string[];
  tags: string[];
  /** build-push-action's provenance: max (its default on a public repository), min, or none. */
  provenance: 'max' | 'min' | 'none';
  /** Tags of cache exports that must exist in the repository, and ones that must not. */
  caches?: string[];
  noCaches?: string[];
  /** Nothing pushed (a pull request): no tag exists. */
  nothingPushed?: boolean;
}

interface Step {
  pattern: string;
  inputs: (repo: string, ctx: string) => Record<string, string>;
  env?: Record<string, string>;
  gha?: boolean;
  expected: Expected;
}

const TWO = 'linux/amd64,linux/arm64';
const lab = {'buildkit-image': LAB_BUILDKIT, 'qemu-image': LAB_BINFMT};
const image = (repo: string): string => `${REG}/${repo}`;

// prettier-ignore
const STEPS: Step[] = [
  {pattern: 'two platforms, version and latest tags', inputs: r => ({platforms: TWO, tags: `${image(r)}:1.2.3,${image(r)}:latest`, push: 'true'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1.2.3', 'latest'], provenance: 'max', noCaches: ['buildcache']}},
  {pattern: 'metadata-action tags and labels, newline lists', inputs: r => ({platforms: TWO, tags: `${image(r)}:main\n${image(r)}:sha-0123abc\n`, labels: 'org.opencontainers.image.source=https://example.test/o/r\norg.opencontainers.image.revision=0123abc', push: 'true'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['main', 'sha-0123abc'], provenance: 'max'}},
  {pattern: 'push only outside pull requests (a pull request run)', inputs: r => ({platforms: TWO, tags: `${image(r)}:pr-7`, push: 'false'}), expected: {platforms: [], tags: ['pr-7'], provenance: 'none', nothingPushed: true}},
  {pattern: 'gha cache from and to', gha: true, inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true', 'cache-from': 'type=gha', 'cache-to': 'type=gha,mode=max'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'max', noCaches: ['buildcache']}},
  {pattern: 'registry cache next to the image', inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true', 'cache-from': `type=registry,ref=${image(r)}:buildcache`, 'cache-to': `type=registry,ref=${image(r)}:buildcache,mode=max`}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'max', caches: ['buildcache']}},
  {pattern: 'two repositories in one push', inputs: r => ({platforms: TWO, tags: `${image(r)}:1\n${image(`${r}-mirror`)}:1`, push: 'true'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1', '../MIRROR:1'], provenance: 'max'}},
  {pattern: 'version and commit build-args', inputs: r => ({platforms: 'linux/amd64', tags: `${image(r)}:2.0.0`, push: 'true', 'build-args': 'VERSION=2.0.0\nCOMMIT_SHA=0123abc'}), expected: {platforms: ['linux/amd64'], tags: ['2.0.0'], provenance: 'max'}},
  {pattern: 'a target stage', inputs: r => ({platforms: TWO, tags: `${image(r)}:test`, push: 'true', target: 'test'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['test'], provenance: 'max'}},
  {pattern: 'a Dockerfile in docker/', inputs: (r, ctx) => ({platforms: TWO, context: ctx, file: path.join(ctx, 'docker', 'Dockerfile.prod'), tags: `${image(r)}:prod`, push: 'true'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['prod'], provenance: 'max'}},
  {pattern: 'provenance off', inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true', provenance: 'false'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'none'}},
  {pattern: 'provenance mode=max and sbom off, explicit', inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true', provenance: 'mode=max', sbom: 'false'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'a private repository', env: {PRIVATE: 'true'}, inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'min'}},
  {pattern: 'an npm token secret', inputs: r => ({platforms: 'linux/amd64', tags: `${image(r)}:1`, push: 'true', secrets: 'NPM_TOKEN=npm_0123456789abcdef'}), expected: {platforms: ['linux/amd64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'the npm token empty (a fork pull request)', inputs: r => ({platforms: 'linux/amd64', tags: `${image(r)}:1`, push: 'true', secrets: 'NPM_TOKEN='}), expected: {platforms: ['linux/amd64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'three platforms with 32-bit arm', inputs: r => ({platforms: 'linux/amd64,linux/arm64,linux/arm/v7', tags: `${image(r)}:1`, push: 'true'}), expected: {platforms: ['linux/amd64', 'linux/arm/v7', 'linux/arm64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'metadata-action annotations', inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true', annotations: 'index:org.opencontainers.image.description=corpus\nmanifest:org.opencontainers.image.licenses=MIT'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'no-cache and pull on a release', inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true', 'no-cache': 'true', pull: 'true'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'inline cache', inputs: r => ({platforms: 'linux/amd64', tags: `${image(r)}:1`, push: 'true', 'cache-from': `type=registry,ref=${image(r)}:1`, 'cache-to': 'type=inline'}), expected: {platforms: ['linux/amd64'], tags: ['1'], provenance: 'max', noCaches: ['buildcache']}},
  {pattern: "setup-buildx's driver-opts image and debug flags moved onto the build step", inputs: r => ({platforms: TWO, tags: `${image(r)}:1`, push: 'true', 'driver-opts': `image=${LAB_BUILDKIT}`, 'buildkitd-flags': '--debug'}), expected: {platforms: ['linux/amd64', 'linux/arm64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'no platforms (the runner platform)', inputs: r => ({tags: `${image(r)}:1`, push: 'true'}), expected: {platforms: ['linux/amd64'], tags: ['1'], provenance: 'max'}},
  {pattern: 'the multi-runner leg: tags name the repository, the output pushes by digest', inputs: r => ({platforms: 'linux/arm64', tags: image(r), outputs: 'type=image,push-by-digest=true,name-canonical=true,push=true'}), expected: {platforms: ['linux/arm64'], tags: [], provenance: 'max'}},
  {pattern: 'registry cache with a scope per flavour (cache-to ref per variant)', inputs: r => ({platforms: 'linux/amd64', tags: `${image(r)}:1-slim`, push: 'true', 'build-args': 'VERSION=slim', 'cache-from': `type=registry,ref=${image(r)}:cache-slim`, 'cache-to': `type=registry,ref=${image(r)}:cache-slim,mode=max`}), expected: {platforms: ['linux/amd64'], tags: ['1-slim'], provenance: 'max', caches: ['cache-slim'], noCaches: ['buildcache']}}
];

/** The event a public (or private) repository's workflow gets, as the runner writes GITHUB_EVENT_PATH. */
function runnerEnv(isPrivate: boolean): Record<string, string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-event-')), 'event.json');
  fs.writeFileSync(file, JSON.stringify({repository: {private: isPrivate}}));
  return {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'owner/app',
    GITHUB_RUN_ID: '777',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_PATH: file
  };
}

async function expectPushed(repo: string, run: ActionRun, expected: Expected): Promise<void> {
  for (const tag of expected.tags) {
    const [name, ref] = tag.startsWith('../MIRROR:') ? [`${repo}-mirror`, tag.split(':')[1]] : [repo, tag];
    const pushed = await registryManifest(name, ref);
    expect([tag, pushed.status, pushed.digest]).toEqual([tag, 200, run.outputs.digest]);
  }
  const index = await registryManifest(repo, run.outputs.digest);
  expect(index.status).toBe(200);
  const platforms = index.body.manifests ? platformsOf(index.body.manifests) : expected.platforms;
  expect(platforms).toEqual(expected.platforms);
  const provenance = await provenanceOf(repo, run.outputs.digest);
  const mode = !provenance ? 'none' : 'buildConfig' in provenance ? 'max' : 'min';
  expect(mode).toBe(expected.provenance);
}

/** What the registry holds after a step: what was pushed (or nothing), and exactly the cache exports asked for. */
async function expectRegistryHolds(repo: string, run: ActionRun, expected: Expected): Promise<void> {
  if (expected.nothingPushed) {
    for (const tag of expected.tags) expect((await registryManifest(repo, tag)).status).toBe(404);
    expect(run.outputs.digest).toBe('');
  } else await expectPushed(repo, run, expected);
  for (const tag of expected.caches ?? []) expect((await registryManifest(repo, tag)).status).toBe(200);
  for (const tag of expected.noCaches ?? []) expect((await registryManifest(repo, tag)).status).toBe(404);
}

describe('the migration corpus: build steps of public workflows, setup steps removed, uses: swapped', () => {
  let gha: GhaCacheService;
  beforeAll(async () => {
    gha = await startGhaCache();
  });
  afterAll(() => gha.close());

  it('holds at least 20 steps', () => expect(STEPS.length).toBeGreaterThanOrEqual(20));

  it.each(STEPS.map(s => ({pattern: s.pattern, s})))('$pattern', async ({s}) => {
    const repo = `e2e/corpus-${uid()}`;
    const ctx = project();
    const env = {...runnerEnv(s.env?.PRIVATE === 'true'), ...(s.gha ? gha.env : {})};
    const run = await runAction({...lab, context: ctx, ...s.inputs(repo, ctx)}, {env});
    expectMainOk(run);
    await expectRegistryHolds(repo, run, s.expected);
  });
});

describe("the docs' multi-platform recipe end to end: legs by digest (one under QEMU), then the merge", () => {
  it('each leg pushes its platform by digest; the merge job makes one index of both under every tag', async () => {
    const repo = `e2e/corpus-recipe-${uid()}`;
    const ctx = project();
    const env = runnerEnv(false);
    const digests: string[] = [];
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const leg = await runAction(
        {
          ...lab,
          context: ctx,
          platforms: platform,
          tags: image(repo),
          labels: 'org.opencontainers.image.source=https://example.test/o/r',
          outputs: 'type=image,push-by-digest=true,name-canonical=true,push=true'
        },
        {env}
      );
      expectMainOk(leg);
      digests.push(`${platform}=${leg.outputs.digest}`);
    }
    expect((await registryManifest(repo, 'latest')).status).toBe(404);
    const merge = await runAction(
      {mode: 'merge', platforms: TWO, tags: `${image(repo)}:1.0.0\n${image(repo)}:latest`, digests: digests.join('\n')},
      {env}
    );
    expectMainOk(merge);
    for (const tag of ['1.0.0', 'latest']) {
      const index = await registryManifest(repo, tag);
      expect([tag, index.digest, platformsOf(index.body.manifests)]).toEqual([
        tag,
        merge.outputs.digest,
        ['linux/amd64', 'linux/arm64']
      ]);
    }
  });
});
