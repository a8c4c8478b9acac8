import {spawnSync} from 'node:child_process';
import {generateKeyPairSync} from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {context, docker, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid, type ActionRun} from './harness.js';
import {BASE, REGISTRY, registryManifest} from './registry.js';
import {startFaultProxy} from './fault-proxy.js';
import {IDENTITY, ISSUER, startSigstore, type SigstoreService} from './sigstore-service.js';

/**
 * Signing what was proven, against the local Sigstore stand-in and the lab registry; every signature is checked
 * again by cosign 3.1.1 (forky's, in the lab), offline, as a consumer would check it.
 */

const COSIGN = '/tmp/lab/cosign/usr/bin/cosign';
const TWO = 'linux/amd64,linux/arm64';
const dockerfile = (id: string) => `FROM ${BASE}\nRUN echo ${id} > /id\n`;

/** cosign's exit code and output; a fresh HOME so nothing of an earlier run (a TUF cache) is read. */
function cosign(args: string[]): {code: number; out: string} {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-cosign-'));
  const res = spawnSync(COSIGN, args, {encoding: 'utf8', env: {PATH: '/usr/bin:/bin', HOME: home}, timeout: 120_000});
  return {code: res.status ?? -1, out: `${res.stdout}${res.stderr}`};
}

/** Every byte the step wrote that a person or a later step can read: log, outputs, summary, argv, files left. */
function everythingWritten(run: ActionRun): string {
  const files = fs.existsSync(run.runnerTemp)
    ? fs.readdirSync(run.runnerTemp, {recursive: true, encoding: 'utf8'})
    : [];
  const contents = files
    .map(f => path.join(run.runnerTemp, f))
    .filter(f => fs.statSync(f).isFile())
    .map(f => fs.readFileSync(f, 'utf8'));
  return [
    run.main.log.replace(/^::add-mask::.*$/gm, ''),
    run.post.log,
    JSON.stringify(run.outputs),
    run.summary,
    run.dockerCalls.flat().join(' '),
    ...files,
    ...contents
  ].join('\n');
}

/** The digest tag 1 of the repository points at, read back as imagetools reads it. */
const tagDigest = (repo: string): string =>
  docker([
    'buildx',
    'imagetools',
    'inspect',
    `${REGISTRY}/${repo}:1`,
    '--format',
    '{{json .Manifest.Digest}}'
  ]).replaceAll('"', '');

/** The in-toto statement of the first envelope `cosign verify-attestation` printed. */
function statementOf(out: string) {
  const envelope = JSON.parse(out.split('\n').find(l => l.startsWith('{')) ?? '{}') as {payload?: string};
  return JSON.parse(Buffer.from(envelope.payload ?? '', 'base64').toString('utf8') || '{}') as {
    subject: {digest: {sha256: string}}[];
    predicateType: string;
    predicate: {
      buildDefinition: {resolvedDependencies: {digest: {gitCommit: string}}[]};
      runDetails: {builder: {id: string}; metadata: {invocationId: string}};
    };
  };
}

describe('sign: Sigstore signatures on the verified digests', () => {
  let sigstore: SigstoreService;
  beforeAll(async () => {
    sigstore = await startSigstore();
  });
  afterAll(() => sigstore.close());

  const instance = () => ({
    'fulcio-url': sigstore.fulcioUrl,
    'rekor-url': sigstore.rekorUrl,
    'tsa-url': sigstore.tsaUrl,
    'trusted-root': sigstore.trustedRoot
  });
  const push = (repo: string, extra: Record<string, string>) => ({
    platforms: TWO,
    context: context(dockerfile(repo)),
    tags: `${REGISTRY}/${repo}:1`,
    push: 'true',
    'buildkit-image': LAB_BUILDKIT,
    'qemu-image': LAB_BINFMT,
    ...extra
  });
  const keyless = (ref: string, identity = IDENTITY) =>
    cosign([
      'verify',
      '--trusted-root',
      sigstore.trustedRoot,
      '--certificate-identity',
      identity,
      '--certificate-oidc-issuer',
      ISSUER,
      ref
    ]);

  it('keyless: the index signed as the job, stored as a referrer, checked in the step and by cosign', async () => {
    const repo = `e2e/sign-keyless-${uid()}`;
    const run = await runAction(push(repo, {sign: 'true', ...instance()}), {env: sigstore.env});
    expectMainOk(run);
    const digest = run.outputs.digest;
    const signatures = JSON.parse(run.outputs.signatures) as Record<string, string>;
    expect(run.outputs.signed).toBe('true');
    expect(Object.keys(signatures)).toEqual([digest]);
    // distribution 2.8 has no referrers API: the signature is listed in the digest's fallback index
    const fallback = (await registryManifest(repo, digest.replace(':', '-'))).body.manifests;
    expect(fallback).toEqual([
      expect.objectContaining({
        digest: signatures[digest],
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json'
      })
    ]);
    expect(run.main.log).toContain(`Keyless: signing as ${IDENTITY}`);
    expect(sigstore.requests).toEqual(
      expect.arrayContaining([
        'GET /oidc/token',
        'POST /api/v2/signingCert',
        'POST /api/v1/log/entries',
        'POST /api/v1/timestamp'
      ])
    );
    const verified = keyless(`${REGISTRY}/${repo}@${digest}`);
    expect(verified).toEqual({code: 0, out: expect.stringContaining('The cosign claims were validated')});
    expect(
      keyless(`${REGISTRY}/${repo}@${digest}`, 'https://github.com/other/repo/.github/workflows/x.yml@refs/heads/main')
        .code
    ).not.toBe(0);
    expect(run.outputs['verify-commands']).toBe(
      `cosign verify --certificate-identity ${IDENTITY} --certificate-oidc-issuer ${ISSUER} --certificate-github-workflow-repository acme/app --trusted-root trusted_root.json ${REGISTRY}/${repo}@${digest}`
    );
    expect(run.summary).toContain('Signatures');
    const written = everythingWritten(run);
    for (const secret of [sigstore.token, sigstore.requestToken]) expect(written).not.toContain(secret);
  });

  it('attest: provenance: an SLSA v1 provenance of the index, signed and stored beside its signature; cosign verify-attestation accepts it', async () => {
    const repo = `e2e/sign-provenance-${uid()}`;
    const run = await runAction(push(repo, {sign: 'true', attest: 'provenance', ...instance()}), {env: sigstore.env});
    expectMainOk(run);
    const digest = run.outputs.digest;
    const ref = `${REGISTRY}/${repo}@${digest}`;
    const attestations = JSON.parse(run.outputs.attestations) as Record<string, string>;
    const signatures = JSON.parse(run.outputs.signatures) as Record<string, string>;
    expect(Object.keys(attestations)).toEqual([digest]);
    const fallback = (await registryManifest(repo, digest.replace(':', '-'))).body.manifests ?? [];
    expect(fallback.map(m => m.digest).sort()).toEqual([signatures[digest], attestations[digest]].sort());
    const args = ['--trusted-root', sigstore.trustedRoot, '--certificate-identity', IDENTITY];
    const checked = cosign([
      'verify-attestation',
      '--type',
      'slsaprovenance1',
      ...args,
      '--certificate-oidc-issuer',
      ISSUER,
      ref
    ]);
    expect(checked.code).toBe(0);
    // cosign prints each verified envelope: the statement is about the index, its builder the job's workflow
    const statement = statementOf(checked.out);
    expect(statement.subject[0].digest.sha256).toBe(digest.replace('sha256:', ''));
    expect(statement.predicateType).toBe('https://slsa.dev/provenance/v1');
    expect(statement.predicate.runDetails.builder.id).toBe(IDENTITY);
    expect(statement.predicate.runDetails.metadata.invocationId).toBe(
      'https://github.com/acme/app/actions/runs/9001/attempts/1'
    );
    expect(statement.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit).toBe('c0ffee');
    // the signature still verifies beside it, and another identity's provenance check fails
    expect(keyless(ref).code).toBe(0);
    const other = 'https://github.com/other/repo/.github/workflows/x.yml@refs/heads/main';
    expect(
      cosign([
        'verify-attestation',
        '--type',
        'slsaprovenance1',
        ...args.slice(0, 3),
        other,
        '--certificate-oidc-issuer',
        ISSUER,
        ref
      ]).code
    ).not.toBe(0);
    expect(run.outputs['verify-commands'].split('\n')).toEqual([
      `cosign verify --certificate-identity ${IDENTITY} --certificate-oidc-issuer ${ISSUER} --certificate-github-workflow-repository acme/app --trusted-root trusted_root.json ${ref}`,
      `cosign verify-attestation --type slsaprovenance1 --certificate-identity ${IDENTITY} --certificate-oidc-issuer ${ISSUER} --certificate-github-workflow-repository acme/app --trusted-root trusted_root.json ${ref}`
    ]);
    expect(run.summary).toContain('provenance');
  });

  it('sign-scope all: the index and each platform manifest, each verified by cosign', async () => {
    const repo = `e2e/sign-all-${uid()}`;
    const run = await runAction(push(repo, {sign: 'true', 'sign-scope': 'all', ...instance()}), {env: sigstore.env});
    expectMainOk(run);
    const index = (await registryManifest(repo, run.outputs.digest)).body.manifests ?? [];
    const platforms = index.filter(m => m.platform?.architecture !== 'unknown').map(m => m.digest);
    expect(platforms).toHaveLength(2);
    const signed = Object.keys(JSON.parse(run.outputs.signatures) as Record<string, string>);
    expect(signed.sort()).toEqual([run.outputs.digest, ...platforms].sort());
    for (const digest of signed) expect(keyless(`${REGISTRY}/${repo}@${digest}`).code).toBe(0);
  });

  it('sign-key: signed with the key, cosign verify --key accepts it and another key does not; the key is nowhere', async () => {
    const repo = `e2e/sign-key-${uid()}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-key-'));
    const pair = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const key = pair.privateKey.export({type: 'pkcs8', format: 'pem'}).toString();
    fs.writeFileSync(path.join(dir, 'cosign.pub'), pair.publicKey.export({type: 'spki', format: 'pem'}));
    const other = generateKeyPairSync('ec', {namedCurve: 'P-256'}).publicKey.export({type: 'spki', format: 'pem'});
    fs.writeFileSync(path.join(dir, 'other.pub'), other);
    const env = {
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'beef',
      GITHUB_REF: 'refs/tags/v1',
      GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/release.yml@refs/tags/v1'
    };
    const run = await runAction(push(repo, {sign: 'true', 'sign-key': key, attest: 'provenance'}), {env});
    expectMainOk(run);
    const ref = `${REGISTRY}/${repo}@${run.outputs.digest}`;
    expect(run.outputs['verify-commands'].split('\n')).toEqual([
      `cosign verify --key cosign.pub --insecure-ignore-tlog=true ${ref}`,
      `cosign verify-attestation --type slsaprovenance1 --key cosign.pub --insecure-ignore-tlog=true ${ref}`
    ]);
    expect(cosign(['verify', '--key', path.join(dir, 'cosign.pub'), '--insecure-ignore-tlog=true', ref]).code).toBe(0);
    const attested = cosign([
      'verify-attestation',
      '--type',
      'slsaprovenance1',
      '--key',
      path.join(dir, 'cosign.pub'),
      '--insecure-ignore-tlog=true',
      ref
    ]);
    expect(attested.code).toBe(0);
    // with a key the provenance reads the runner's variables: the builder is the workflow they name
    const statement = statementOf(attested.out);
    expect(statement.predicate.runDetails.builder.id).toBe(
      'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1'
    );
    expect(statement.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit).toBe('beef');
    expect(cosign(['verify', '--key', path.join(dir, 'other.pub'), '--insecure-ignore-tlog=true', ref]).code).not.toBe(
      0
    );
    const written = everythingWritten(run);
    for (const line of key.split('\n').filter(l => l.length > 20 && !l.startsWith('-----')))
      expect(written).not.toContain(line);
  });

  it('a Fulcio that certifies another identity: the step fails its own check, and cosign refuses it too', async () => {
    const repo = `e2e/sign-wrong-${uid()}`;
    const other = 'https://github.com/mallory/app/.github/workflows/x.yml@refs/heads/main';
    sigstore.issueAs = other;
    const run = await runAction(push(repo, {sign: 'true', ...instance()}), {env: sigstore.env}).finally(() => {
      sigstore.issueAs = undefined;
    });
    expect(run.main.code).not.toBe(0);
    expect(run.main.log).toMatch(
      /Signature check failed: .*expected a signature by https:\/\/github\.com\/acme\/app\//
    );
    const digest = tagDigest(repo);
    expect(keyless(`${REGISTRY}/${repo}@${digest}`).code).not.toBe(0);
    expect(keyless(`${REGISTRY}/${repo}@${digest}`, other).code).toBe(0);
  });

  it('a certificate for an identity that only starts like ours, or for another repository on the same workflow, fails the check', async () => {
    const cases: [string, () => void, RegExp][] = [
      [
        'fork',
        () => (sigstore.issueAs = `${IDENTITY}-fork`),
        /Signature check failed: certificate identity error .*-fork/
      ],
      [
        'repo',
        () => (sigstore.issueWith = {repository: 'mallory/app'}),
        /Signature check failed: invalid certificate extension - missing OID 1\.3\.6\.1\.4\.1\.57264\.1\.12; expected .*repository https:\/\/github\.com\/acme\/app/
      ]
    ];
    const repos: Record<string, string> = {};
    for (const [name, issue, refusal] of cases) {
      const repo = (repos[name] = `e2e/sign-${name}-${uid()}`);
      issue();
      const run = await runAction(push(repo, {sign: 'true', ...instance()}), {env: sigstore.env}).finally(() => {
        sigstore.issueAs = undefined;
        sigstore.issueWith = undefined;
      });
      expect(run.main.code).not.toBe(0);
      expect(run.main.log).toMatch(refusal);
    }
    // cosign agrees on the repository: the line the step would have output refuses it, the identity alone does not
    const repo = repos.repo;
    const digest = tagDigest(repo);
    const ref = `${REGISTRY}/${repo}@${digest}`;
    expect(
      cosign([
        'verify',
        '--trusted-root',
        sigstore.trustedRoot,
        '--certificate-identity',
        IDENTITY,
        '--certificate-oidc-issuer',
        ISSUER,
        '--certificate-github-workflow-repository',
        'acme/app',
        ref
      ]).code
    ).not.toBe(0);
    expect(keyless(ref).code).toBe(0);
  });

  it('sign: true with no identity is refused before anything is built or pushed, naming the permission', async () => {
    const repo = `e2e/sign-none-${uid()}`;
    const run = await runAction(push(repo, {sign: 'true'}));
    expect(run.main.code).not.toBe(0);
    expect(run.main.log).toContain('id-token: write');
    expect(run.dockerCalls).toEqual([]);
    expect((await registryManifest(repo, '1')).status).toBe(404);
  });

  it('the default signs nothing: no token asked for, signed false, no referrer', async () => {
    const repo = `e2e/sign-default-${uid()}`;
    const before = sigstore.requests.length;
    const run = await runAction(push(repo, {}), {env: sigstore.env});
    expectMainOk(run);
    expect(run.outputs.signed).toBe('false');
    expect(sigstore.requests.length).toBe(before);
    expect((await registryManifest(repo, run.outputs.digest.replace(':', '-'))).status).toBe(404);
  });

  it('a flaky Rekor (the fault proxy: a 503, then a dropped connection) is retried and the signature lands', async () => {
    const repo = `e2e/sign-flaky-${uid()}`;
    const rekor = '/api/v1/log/entries';
    const proxy = await startFaultProxy(
      [
        {method: 'POST', path: new RegExp(rekor), status: 503, times: 1},
        {method: 'POST', path: new RegExp(rekor), status: 0, reset: true, after: 1, times: 1}
      ],
      {upstream: Number(new URL(sigstore.rekorUrl).port)}
    );
    const flaky = {...instance(), 'rekor-url': `http://${proxy.host}`, 'retry-backoff': '0.2'};
    const run = await runAction(push(repo, {sign: 'true', ...flaky}), {env: sigstore.env}).finally(() => proxy.close());
    expectMainOk(run);
    expect(proxy.faults).toEqual([`503 POST ${rekor}`, `reset POST ${rekor}`]);
    expect(proxy.requests.filter(r => r === `POST ${rekor}`)).toHaveLength(3);
    expect(run.main.log).toMatch(/503.*retry 1\/3/);
    expect(keyless(`${REGISTRY}/${repo}@${run.outputs.digest}`).code).toBe(0);
  });

  it('a matrix release: two legs pushed by digest, the merge signs the index it made and verified', async () => {
    const repo = `e2e/sign-matrix-${uid()}`;
    const ctx = context(dockerfile(repo));
    for (const platform of TWO.split(',')) {
      const leg = await runAction({
        mode: 'platform',
        platforms: platform,
        context: ctx,
        tags: `${REGISTRY}/${repo}:1`,
        handoff: 'registry',
        cache: 'none',
        'buildkit-image': LAB_BUILDKIT,
        'qemu-image': LAB_BINFMT
      });
      expectMainOk(leg);
    }
    const merge = await runAction(
      {
        mode: 'merge',
        platforms: TWO,
        tags: `${REGISTRY}/${repo}:1`,
        handoff: 'registry',
        sign: 'true',
        'sign-scope': 'all',
        ...instance()
      },
      {env: sigstore.env}
    );
    expectMainOk(merge);
    const signed = Object.keys(JSON.parse(merge.outputs.signatures) as Record<string, string>);
    expect(signed).toHaveLength(3);
    expect(signed[0]).toBe(merge.outputs.digest);
    for (const digest of signed) expect(keyless(`${REGISTRY}/${repo}@${digest}`).code).toBe(0);
    expect(merge.summary).toContain('Signatures');
  });
});
