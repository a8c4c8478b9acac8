import * as path from 'node:path';
import * as core from '@actions/core';
import type {Docker} from '../docker/cli.js';
import {readIndexServer} from '../docker/info.js';
import {isLocalRegistry, parseReference} from '../model/reference.js';
import {serverUrl} from '../model/runtime.js';
import type {SignResult, Verified} from '../model/results.js';
import {
  BUNDLE_MEDIA_TYPE,
  bundleAnnotations,
  digestsToSign,
  SIGN_PREDICATE,
  signingStatement,
  verifyCommand,
  type Signer
} from '../model/sign.js';
import type {Config} from '../model/types.js';
import {attach, describe, findReferrers} from '../oci/referrers.js';
import {Registry, sha256} from '../oci/registry.js';
import {claimsFromEnv, PROVENANCE_PREDICATE, provenancePredicate} from '../model/provenance.js';
import {checkBundle, loadTrustedRoot, type Expected} from '../sigstore/check.js';
import {jobIdentity, jwtClaims} from '../sigstore/identity.js';
import {signingParts, signStatement} from '../sigstore/sign.js';

/**
 * Signing what the read-back proved: each digest of the scope (never a tag) signed as cosign 3 signs it, the bundle
 * stored as an OCI referrer of the digest in every repository the step pushed to, then read back from the registry
 * and verified against the trusted root and the job's identity (or the key): a signature that does not check fails
 * the step.
 */

/** Every repository the step pushed to (tags and images), each once. */
const repositoriesOf = (config: Config): string[] => [
  ...new Set([...config.tags, ...config.images].map(ref => parseReference(ref).name))
];

/** Who signs: the job's identity (its OIDC token asked for now) or the key; and the claims a provenance reads. */
async function signerOf(docker: Docker, config: Config) {
  if (config.sign.method === 'key') {
    const expected: Expected = {key: config.sign.key};
    return {
      expected,
      signer: {publicKeyFile: 'cosign.pub'} as Signer,
      identity: {getToken: () => Promise.resolve('')},
      claims: claimsFromEnv(process.env)
    };
  }
  const job = await jobIdentity(docker.budget);
  core.info(
    `Keyless: signing as ${job.identity} (issuer ${job.issuer}) with a certificate from ${config.sign.fulcioUrl}`
  );
  const claims = jwtClaims(job.token);
  const repositoryUri = claims.repository ? `${serverUrl(process.env)}/${claims.repository}` : undefined;
  return {
    expected: {identity: job.identity, issuer: job.issuer, repositoryUri},
    signer: {identity: job.identity, issuer: job.issuer, repository: claims.repository},
    identity: {getToken: () => Promise.resolve(job.token)},
    claims
  };
}

/** Reads a digest's signatures back and checks ours: listed, about this digest, valid for the expected signer. */
async function checkSigned(
  registry: Registry,
  digest: string,
  ours: string,
  check: (json: unknown) => string[]
): Promise<void> {
  const found = await findReferrers(registry, digest, BUNDLE_MEDIA_TYPE);
  const mine = found.find(r => r.digest === ours);
  if (!mine)
    throw new Error(
      `Signature check failed: ${registry.name}@${digest} does not list the signature ${ours} just written (found ${found.length})`
    );
  if (mine.subject !== digest)
    throw new Error(`Signature check failed: the signature ${ours} refers to ${mine.subject}, not ${digest}`);
  const subjects = check(JSON.parse(mine.bytes.toString('utf8')));
  if (!subjects.includes(digest))
    throw new Error(`Signature check failed: the signed statement covers ${subjects.join(', ')}, not ${digest}`);
}

/** What every signature of a step shares: where it goes, who signs, and the check it must pass. */
interface Signing {
  repositories: string[];
  budget: Docker['budget'];
  index: string;
  parts: ReturnType<typeof signingParts>;
  check: (json: unknown, predicateType: string) => string[];
}

/** One statement signed, stored in every repository one after another (each fallback index has one writer), read back and checked. */
async function storeSigned(s: Signing, digest: string, predicateType: string, predicate: object = {}) {
  const bundle = await signStatement(s.parts, signingStatement(s.repositories[0], digest, predicateType, predicate));
  const artifact = {
    bytes: Buffer.from(JSON.stringify(bundle)),
    mediaType: BUNDLE_MEDIA_TYPE,
    annotations: bundleAnnotations(predicateType, new Date().toISOString())
  };
  let signature = '';
  for (const name of s.repositories) {
    const registry = new Registry(name, s.budget, {index: s.index});
    signature = await attach(registry, await describe(registry, digest), artifact);
    await checkSigned(registry, digest, signature, json => s.check(json, predicateType));
  }
  return {signature, bundleDigest: sha256(artifact.bytes)};
}

/** The bundle check against the trusted root and the expected signer, its failure saying who was expected. */
function checkerOf(config: Config, root: Awaited<ReturnType<typeof loadTrustedRoot>>, expected: Expected) {
  return (json: unknown, predicateType: string): string[] => {
    try {
      const checked = checkBundle(json, root, config.sign, expected);
      if (checked.predicateType !== predicateType) throw new Error(`predicate ${checked.predicateType}`);
      return checked.subjects;
    } catch (e) {
      const who =
        'key' in expected
          ? 'the key'
          : `${expected.identity} (issuer ${expected.issuer}${expected.repositoryUri ? `, repository ${expected.repositoryUri}` : ''})`;
      throw new Error(`Signature check failed: ${(e as Error).message}; expected a signature by ${who}`);
    }
  };
}

/** When the step began: its node process's start (the provenance's startedOn). */
const stepStarted = (): string => new Date(Date.now() - process.uptime() * 1000).toISOString();

export async function signStage(
  docker: Docker,
  config: Config,
  verified: Verified,
  tempDir: string
): Promise<SignResult[]> {
  return core.group('Sign', async () => {
    const repositories = repositoriesOf(config);
    // the engine's default registry, for a repository that may be on it (none is on this machine)
    const index = repositories.every(isLocalRegistry) ? '' : await readIndexServer(docker);
    const {expected, signer, identity, claims} = await signerOf(docker, config);
    const root = await loadTrustedRoot(config.sign, path.join(tempDir, 'tuf'));
    const signing: Signing = {
      repositories,
      budget: docker.budget,
      index,
      parts: signingParts(config.sign, docker.budget, identity),
      check: checkerOf(config, root, expected)
    };
    const verifyAll = (digest: string, provenance = false) =>
      repositories.map(name => verifyCommand(config.sign, signer, `${name}@${digest}`, provenance));
    const results: SignResult[] = [];
    for (const digest of digestsToSign(config.sign, verified.digest, verified.platformDigests)) {
      const kind = digest === verified.digest ? 'index' : 'platform';
      const stored = await storeSigned(signing, digest, SIGN_PREDICATE);
      core.info(
        `Signed ${digest} (${kind === 'index' ? 'index' : 'platform manifest'}): signature ${stored.signature}, checked in ${repositories.length} repository(ies)`
      );
      results.push({digest, kind, ...stored, verify: verifyAll(digest)});
    }
    if (config.sign.attest === 'provenance') {
      const times = {startedOn: stepStarted(), finishedOn: new Date().toISOString()};
      const predicate = provenancePredicate(claims, serverUrl(process.env), times);
      const stored = await storeSigned(signing, verified.digest, PROVENANCE_PREDICATE, predicate);
      core.info(`Attested ${verified.digest}: SLSA v1 provenance ${stored.signature}, checked`);
      results.push({digest: verified.digest, kind: 'provenance', ...stored, verify: verifyAll(verified.digest, true)});
    }
    return results;
  });
}
