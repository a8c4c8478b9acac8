import {spawnSync} from 'node:child_process';
import {generateKeyPairSync} from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {ROOT} from '../helpers.js';
import {context, LAB_BINFMT, LAB_BUILDKIT, uid} from './harness.js';
import {BASE, REGISTRY, registryManifest} from './registry.js';
import {IDENTITY, ISSUER, startSigstore, type SigstoreService} from './sigstore-service.js';
import {evaluate, runWorkflow} from './workflow-runner.js';

/**
 * The reusable release workflow itself, run as GitHub runs it for a caller (./workflow-runner.ts): the plan job's
 * matrix feeds one leg per platform, the merge makes the index from what they pushed, signs it and its provenance
 * (sign: auto, attest: provenance, the workflow's defaults) against the local Sigstore stand-in, and cosign 3.1.1
 * verifies both in the registry with the lines the workflow outputs.
 */

const COSIGN = '/tmp/lab/cosign/usr/bin/cosign';
const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'release.yml');
const standIns = {'actions/checkout': 'the context and the trusted root are local paths'};

function cosign(line: string, trustedRoot: string): {code: number; out: string} {
  const args = line.split(' ').slice(1);
  const at = args.indexOf('trusted_root.json');
  if (at >= 0) args[at] = trustedRoot;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-cosign-'));
  const res = spawnSync(COSIGN, args, {encoding: 'utf8', env: {PATH: '/usr/bin:/bin', HOME: home}, timeout: 120_000});
  return {code: res.status ?? -1, out: `${res.stdout}${res.stderr}`};
}

/** A caller's inputs for one amd64 leg of tag 1 of the repository, on the lab's images. */
const onePlatform = (repo: string) => ({
  images: `${REGISTRY}/${repo}`,
  tags: '1',
  platforms: 'linux/amd64',
  context: context(`FROM ${BASE}\nRUN echo ${repo} > /id\n`),
  cache: 'none',
  'buildkit-image': LAB_BUILDKIT,
  'qemu-image': LAB_BINFMT
});

describe('expressions as the runner reads them', () => {
  it('paths, literals, comparisons, && and || as GitHub returns their operands, fromJSON', () => {
    const ctx = {inputs: {sign: 'auto', attest: 'provenance', 'meta-images': ''}, secrets: {}};
    expect(evaluate("inputs.sign != 'false' && inputs.attest || 'none'", ctx)).toBe('provenance');
    expect(evaluate("inputs.sign != 'false' && inputs.attest || 'none'", {...ctx, inputs: {sign: 'false'}})).toBe(
      'none'
    );
    expect(evaluate("inputs.meta-images != ''", ctx)).toBe(false);
    expect(evaluate("secrets.registry-password != ''", ctx)).toBe(false);
    expect(evaluate('fromJSON(inputs.m)', {inputs: {m: '{"include":[1]}'}})).toEqual({include: [1]});
  });
});

describe('the reusable release workflow, run for a caller', () => {
  let sigstore: SigstoreService;
  beforeAll(async () => {
    sigstore = await startSigstore();
  });
  afterAll(() => sigstore.close());

  it('plan → a leg per platform → merge: the index verified, signed with its provenance (the defaults), cosign verifies both', async () => {
    const repo = `e2e/release-${uid()}`;
    const run = await runWorkflow(WORKFLOW, {
      with: {
        images: `${REGISTRY}/${repo}`,
        tags: '1.2.3, latest',
        platforms: 'linux/amd64,linux/arm64',
        // the lab is one amd64 machine: the arm64 leg on an amd64 runner, under QEMU (the plan says so)
        'runner-map': 'arm64=ubuntu-24.04',
        context: context(`FROM ${BASE}\nRUN echo ${repo} > /id\n`),
        cache: 'none',
        'buildkit-image': LAB_BUILDKIT,
        'qemu-image': LAB_BINFMT,
        'fulcio-url': sigstore.fulcioUrl,
        'rekor-url': sigstore.rekorUrl,
        'tsa-url': sigstore.tsaUrl,
        'trusted-root': sigstore.trustedRoot
      },
      env: sigstore.env,
      standIns
    });
    expect(Object.keys(run.jobs)).toEqual(['plan', 'build', 'merge']);
    expect(run.jobs.build.runs.map(r => [r.matrix?.platform, r.matrix?.runner])).toEqual([
      ['linux/amd64', 'ubuntu-24.04'],
      ['linux/arm64', 'ubuntu-24.04']
    ]);
    const digest = run.outputs.digest;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.parse(run.outputs.tags)).toEqual([`${REGISTRY}/${repo}:1.2.3`, `${REGISTRY}/${repo}:latest`]);
    expect(run.outputs.platforms).toBe('linux/amd64,linux/arm64');
    expect(run.outputs.signed).toBe('true');
    for (const tag of ['1.2.3', 'latest']) {
      expect((await registryManifest(repo, tag)).digest).toBe(digest);
    }
    const lines = run.outputs['verify-commands'].split('\n');
    expect(lines).toEqual([
      `cosign verify --certificate-identity ${IDENTITY} --certificate-oidc-issuer ${ISSUER} --certificate-github-workflow-repository acme/app --trusted-root trusted_root.json ${REGISTRY}/${repo}@${digest}`,
      `cosign verify-attestation --type slsaprovenance1 --certificate-identity ${IDENTITY} --certificate-oidc-issuer ${ISSUER} --certificate-github-workflow-repository acme/app --trusted-root trusted_root.json ${REGISTRY}/${repo}@${digest}`
    ]);
    for (const line of lines) expect(cosign(line, sigstore.trustedRoot)).toEqual({code: 0, out: expect.any(String)});
  });

  it('a sign-key secret: the merge signs and attests with the key, cosign verify --key accepts both lines', async () => {
    const repo = `e2e/release-key-${uid()}`;
    const pair = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-key-'));
    fs.writeFileSync(path.join(dir, 'cosign.pub'), pair.publicKey.export({type: 'spki', format: 'pem'}));
    const run = await runWorkflow(WORKFLOW, {
      with: onePlatform(repo),
      secrets: {'sign-key': pair.privateKey.export({type: 'pkcs8', format: 'pem'}).toString()},
      standIns
    });
    const lines = run.outputs['verify-commands'].split('\n');
    expect(lines.map(l => l.split(' ').slice(0, 2).join(' '))).toEqual(['cosign verify', 'cosign verify-attestation']);
    for (const line of lines) {
      const args = line.replace('cosign.pub', path.join(dir, 'cosign.pub'));
      expect(cosign(args, '').code).toBe(0);
    }
  });

  it('sign: false signs nothing and attests nothing; a caller naming no image is refused by the plan', async () => {
    const repo = `e2e/release-unsigned-${uid()}`;
    const before = sigstore.requests.length;
    const run = await runWorkflow(WORKFLOW, {
      with: {...onePlatform(repo), sign: 'false'},
      env: sigstore.env,
      standIns
    });
    expect(run.outputs.signed).toBe('false');
    expect(sigstore.requests.length).toBe(before);
    expect((await registryManifest(repo, run.outputs.digest.replace(':', '-'))).status).toBe(404);
    await expect(runWorkflow(WORKFLOW, {with: {platforms: 'linux/amd64'}, standIns})).rejects.toThrow(
      /Nothing to publish/
    );
  });
});
