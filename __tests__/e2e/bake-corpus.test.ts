import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {GhaCacheService, startGhaCache} from './gha-cache-service.js';
import {expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

/**
 * The bake migration corpus: docker/bake-action steps in the patterns public workflows use (named by the pattern;
 * the files are our own), the setup steps removed and `uses:` swapped. Each runs through dist against the lab, and
 * the registry holds what bake-action would have pushed: each target's tags at the digest the step gives for it,
 * with that target's platforms.
 */

const DOCKERFILE = [
  `FROM ${BASE} AS base`,
  'ARG VARIANT=default',
  'ARG VERSION=dev',
  'RUN echo "$VARIANT $VERSION" > /about',
  'FROM base AS api',
  'RUN echo api > /role',
  'FROM base AS worker',
  'RUN echo worker > /role'
].join('\n');

/** A checkout with the Dockerfile and the step's definition files. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-bake-corpus-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `${DOCKERFILE}\n`);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Per target: the tags (relative to the step's repository) and platforms the registry must hold. */
type Expected = Record<string, {tags: string[]; platforms: string[]}>;

interface Step {
  pattern: string;
  files: (image: string) => Record<string, string>;
  inputs: (image: string, dir: string) => Record<string, string>;
  env?: Record<string, string>;
  gha?: boolean;
  expected: Expected;
  /** A pull request run: nothing is pushed. */
  nothingPushed?: boolean;
}

const TWO = ['linux/amd64', 'linux/arm64'];
const APP_WORKER = (image: string, extra = ''): string => `group "default" {
  targets = ["api", "worker"]
}
target "_common" {
  platforms = ["linux/amd64", "linux/arm64"]${extra}
}
target "api" {
  inherits = ["_common"]
  target = "api"
  tags = ["${image}-api:1"]
}
target "worker" {
  inherits = ["_common"]
  target = "worker"
  tags = ["${image}-worker:1"]
}
`;
const both: Expected = {api: {tags: ['-api:1'], platforms: TWO}, worker: {tags: ['-worker:1'], platforms: TWO}};

/** metadata-action's bake file, as it writes it under RUNNER_TEMP. */
function metadataFile(image: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-meta-')), 'docker-metadata-action-bake.json');
  const target = {
    tags: [`${image}:1.4.0`, `${image}:1.4`, `${image}:latest`],
    labels: {'org.opencontainers.image.version': '1.4.0'},
    args: {DOCKER_META_VERSION: '1.4.0'}
  };
  fs.writeFileSync(file, JSON.stringify({target: {'docker-metadata-action': target}}));
  return file;
}

// prettier-ignore
const STEPS: Step[] = [
  {pattern: 'the default group of two images from one Dockerfile', files: i => ({'docker-bake.hcl': APP_WORKER(i)}), inputs: () => ({push: 'true'}), expected: both},
  {pattern: 'a release group over targets that inherit a common one', files: i => ({'docker-bake.hcl': `${APP_WORKER(i)}group "release" {\n  targets = ["api"]\n}\n`}), inputs: () => ({targets: 'release', push: 'true'}), expected: {api: both.api}},
  {pattern: "metadata-action's bake file through cwd://, platforms set", files: () => ({'docker-bake.hcl': 'target "docker-metadata-action" {}\ntarget "build" {\n  inherits = ["docker-metadata-action"]\n  target = "api"\n}\n'}), inputs: i => ({files: `./docker-bake.hcl\ncwd://${metadataFile(i)}`, targets: 'build', set: '*.platform=linux/amd64,linux/arm64', push: 'true'}), expected: {build: {tags: [':1.4.0', ':1.4', ':latest'], platforms: TWO}}},
  {pattern: 'gha cache through set, one scope per target', gha: true, files: i => ({'docker-bake.hcl': APP_WORKER(i)}), inputs: () => ({set: 'api.cache-from=type=gha,scope=api\napi.cache-to=type=gha,scope=api,mode=max\nworker.cache-from=type=gha,scope=worker\nworker.cache-to=type=gha,scope=worker,mode=max', push: 'true'}), expected: both},
  {pattern: 'an HCL variable from the environment (TAG)', env: {TAG: '2.1.0'}, files: i => ({'docker-bake.hcl': `variable "TAG" {\n  default = "dev"\n}\ntarget "default" {\n  target = "api"\n  platforms = ["linux/amd64"]\n  tags = ["${i}:\${TAG}"]\n}\n`}), inputs: () => ({push: 'true'}), expected: {default: {tags: [':2.1.0'], platforms: ['linux/amd64']}}},
  {pattern: 'variants from an HCL matrix', files: i => ({'docker-bake.hcl': `target "variant" {\n  name = "variant-\${v}"\n  matrix = {\n    v = ["slim", "full"]\n  }\n  target = "api"\n  args = {\n    VARIANT = v\n  }\n  platforms = ["linux/amd64", "linux/arm64"]\n  tags = ["${i}:1-\${v}"]\n}\n`}), inputs: () => ({targets: 'variant', push: 'true'}), expected: {'variant-slim': {tags: [':1-slim'], platforms: TWO}, 'variant-full': {tags: [':1-full'], platforms: TWO}}},
  {pattern: 'push only outside pull requests (a pull request run)', files: i => ({'docker-bake.hcl': APP_WORKER(i)}), inputs: () => ({push: 'false'}), expected: both, nothingPushed: true},
  {pattern: 'set overriding platforms (with 32-bit arm) and a tag', files: i => ({'docker-bake.hcl': APP_WORKER(i)}), inputs: i => ({set: `*.platform=linux/amd64,linux/arm/v7\napi.tags=${i}-api:edge`, push: 'true'}), expected: {api: {tags: ['-api:edge'], platforms: ['linux/amd64', 'linux/arm/v7']}, worker: {tags: ['-worker:1'], platforms: ['linux/amd64', 'linux/arm/v7']}}},
  {pattern: 'a compose file as the definition (x-bake platforms)', files: i => ({'compose.yaml': `services:\n  api:\n    image: ${i}-api:1\n    build:\n      context: .\n      target: api\n      x-bake:\n        platforms:\n          - linux/amd64\n          - linux/arm64\n`}), inputs: () => ({files: 'compose.yaml', push: 'true'}), expected: {api: both.api}},
  {pattern: 'a definition in a subfolder (workdir), build-args by set', files: () => ({}), inputs: (i, dir) => { fs.mkdirSync(path.join(dir, 'deploy')); fs.copyFileSync(path.join(dir, 'Dockerfile'), path.join(dir, 'deploy', 'Dockerfile')); fs.writeFileSync(path.join(dir, 'deploy', 'docker-bake.hcl'), `target "default" {\n  target = "worker"\n  platforms = ["linux/arm64"]\n  tags = ["${i}:sub"]\n}\n`); return {workdir: path.join(dir, 'deploy'), set: '*.args.VERSION=3.0.0', push: 'true'}; }, expected: {default: {tags: [':sub'], platforms: ['linux/arm64']}}}
];

describe('the bake migration corpus: bake-action steps of public workflows, setup steps removed, uses: swapped', () => {
  let gha: GhaCacheService;
  beforeAll(async () => {
    gha = await startGhaCache();
  });
  afterAll(() => gha.close());

  it('holds at least 8 steps', () => expect(STEPS.length).toBeGreaterThanOrEqual(8));

  it.each(STEPS.map(s => ({pattern: s.pattern, s})))('$pattern', async ({s}) => {
    const repo = `e2e/bake-corpus-${uid()}`;
    const image = `${REG}/${repo}`;
    const dir = project(s.files(image));
    const inputs = {
      mode: 'bake',
      workdir: dir,
      'buildkit-image': LAB_BUILDKIT,
      'qemu-image': LAB_BINFMT,
      ...s.inputs(image, dir)
    };
    const env = {GITHUB_REPOSITORY: 'owner/app', GITHUB_RUN_ID: '778', ...s.env, ...(s.gha ? gha.env : {})};
    const run = await runAction(inputs, {env});
    expectMainOk(run);
    const digests = JSON.parse(run.outputs.digests) as Record<string, string>;
    expect(Object.keys(digests).sort()).toEqual(Object.keys(s.expected).sort());
    for (const [target, want] of Object.entries(s.expected)) {
      for (const tag of want.tags) {
        const [suffix, ref] = tag.split(':');
        const held = await registryManifest(`${repo}${suffix}`, ref);
        const found = held.status === 200 ? [held.digest, platformsOf(held.body.manifests)] : [];
        const wanted = s.nothingPushed ? [] : [digests[target], want.platforms];
        expect([target, tag, held.status, ...found]).toEqual([target, tag, s.nothingPushed ? 404 : 200, ...wanted]);
      }
    }
  });
});
