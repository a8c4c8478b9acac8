import {generateKeyPairSync} from 'node:crypto';
import {describe, expect, it} from '@jest/globals';
import {TrustedRoot} from '@sigstore/protobuf-specs';
import {checkBundle} from '../../../src/sigstore/check.js';
import {identityOf, jwtClaims} from '../../../src/sigstore/identity.js';
import {publicKeyOf, signingParts, signStatement} from '../../../src/sigstore/sign.js';
import {signingStatement} from '../../../src/model/sign.js';
import type {SignConfig} from '../../../src/model/types.js';

const pem = () =>
  generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey.export({type: 'pkcs8', format: 'pem'}).toString();
const D = `sha256:${'c'.repeat(64)}`;
const EMPTY_ROOT = TrustedRoot.fromJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: []
});
const keyConfig = (key: string): SignConfig => ({
  method: 'key',
  key,
  scope: 'index',
  attest: 'none',
  fulcioUrl: '',
  rekorUrl: '',
  tsaUrl: '',
  trustedRoot: ''
});
const noToken = {getToken: () => Promise.resolve('')};

describe('signing with a key (no service: nothing but node:crypto and @sigstore/sign)', () => {
  it("makes a v0.3 DSSE bundle with the key's hint and no envelope keyid, which the key verifies", async () => {
    const key = pem();
    const parts = signingParts(keyConfig(key), {retries: 0, backoffMs: 1}, noToken);
    const bundle = await signStatement(parts, signingStatement('r/o/app', D));
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.verificationMaterial.publicKey).toEqual({hint: publicKeyOf(key).hint});
    expect(bundle.dsseEnvelope?.signatures).toEqual([{sig: expect.any(String)}]);
    expect(checkBundle(bundle, EMPTY_ROOT, keyConfig(key), {key})).toEqual({
      subjects: [D],
      predicateType: 'https://sigstore.dev/cosign/sign/v1'
    });
  });
  it('another key does not verify it', async () => {
    const key = pem();
    const bundle = await signStatement(
      signingParts(keyConfig(key), {retries: 0, backoffMs: 1}, noToken),
      signingStatement('r/o/app', D)
    );
    const other = pem();
    expect(() => checkBundle(bundle, EMPTY_ROOT, keyConfig(other), {key: other})).toThrow();
  });
  it('a changed statement does not verify', async () => {
    const key = pem();
    const bundle = await signStatement(
      signingParts(keyConfig(key), {retries: 0, backoffMs: 1}, noToken),
      signingStatement('r/o/app', D)
    );
    const forged = signingStatement('r/o/app', `sha256:${'d'.repeat(64)}`);
    const tampered = {
      ...bundle,
      dsseEnvelope: {...bundle.dsseEnvelope!, payload: Buffer.from(JSON.stringify(forged)).toString('base64')}
    };
    expect(() => checkBundle(tampered, EMPTY_ROOT, keyConfig(key), {key})).toThrow(/signature/i);
  });
});

describe("the job's identity, as Fulcio certifies it", () => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${part({alg: 'RS256'})}.${part({iss: 'https://token.actions.githubusercontent.com', job_workflow_ref: 'o/r/.github/workflows/rel.yml@refs/tags/v1', run_attempt: 1})}.sig`;
  it('reads the workflow that runs the job and the issuer from the token', () => {
    expect(jwtClaims(token)).toEqual({
      iss: 'https://token.actions.githubusercontent.com',
      job_workflow_ref: 'o/r/.github/workflows/rel.yml@refs/tags/v1'
    });
    expect(identityOf(jwtClaims(token), {})).toEqual({
      identity: 'https://github.com/o/r/.github/workflows/rel.yml@refs/tags/v1',
      issuer: 'https://token.actions.githubusercontent.com'
    });
    expect(identityOf(jwtClaims(token), {GITHUB_SERVER_URL: 'https://ghes.example/'}).identity).toBe(
      'https://ghes.example/o/r/.github/workflows/rel.yml@refs/tags/v1'
    );
  });
  it('a token it cannot read gives no claims', () => {
    expect(jwtClaims('not-a-jwt')).toEqual({});
  });
});
