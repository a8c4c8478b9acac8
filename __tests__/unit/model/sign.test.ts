import {describe, expect, it} from '@jest/globals';
import {bundleAnnotations, digestsToSign, signingStatement, verifyCommand} from '../../../src/model/sign.js';
import type {SignConfig} from '../../../src/model/types.js';

const D = `sha256:${'a'.repeat(64)}`;
const P = `sha256:${'b'.repeat(64)}`;
const sign = (over: Partial<SignConfig>): SignConfig => ({
  method: 'keyless',
  key: '',
  scope: 'index',
  attest: 'none',
  fulcioUrl: 'https://fulcio.sigstore.dev',
  rekorUrl: 'https://rekor.sigstore.dev',
  tsaUrl: '',
  trustedRoot: '',
  ...over
});
const job = {
  identity: 'https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1',
  issuer: 'https://token.actions.githubusercontent.com'
};

describe('what a signature covers and how it is checked', () => {
  it("covers the digest in cosign 3's sign statement, never a tag", () => {
    expect(signingStatement('ghcr.example/o/app', D)).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{name: 'ghcr.example/o/app', digest: {sha256: 'a'.repeat(64)}}],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {}
    });
  });
  it('labels the referrer as @sigstore/oci does', () => {
    expect(bundleAnnotations('https://sigstore.dev/cosign/sign/v1', '2026-12-03T00:00:00.000Z')).toEqual({
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
      'org.opencontainers.image.created': '2026-12-03T00:00:00.000Z'
    });
  });
  it('signs the index, or with scope all each platform manifest too (each once)', () => {
    expect(digestsToSign(sign({}), D, [P])).toEqual([D]);
    expect(digestsToSign(sign({scope: 'all'}), D, [P, P, D])).toEqual([D, P]);
  });
  it('gives the cosign verify line for the public instance, another one, a TSA only, and a key', () => {
    expect(verifyCommand(sign({}), job, `r/o/app@${D}`)).toBe(
      `cosign verify --certificate-identity ${job.identity} --certificate-oidc-issuer ${job.issuer} r/o/app@${D}`
    );
    expect(verifyCommand(sign({trustedRoot: '/t.json', rekorUrl: '', tsaUrl: 'http://tsa'}), job, `r/o/app@${D}`)).toBe(
      `cosign verify --certificate-identity ${job.identity} --certificate-oidc-issuer ${job.issuer} --trusted-root trusted_root.json --insecure-ignore-tlog=true --use-signed-timestamps r/o/app@${D}`
    );
    expect(verifyCommand(sign({method: 'key', rekorUrl: ''}), {publicKeyFile: 'cosign.pub'}, `r/o/app@${D}`)).toBe(
      `cosign verify --key cosign.pub --insecure-ignore-tlog=true r/o/app@${D}`
    );
  });
  it("names the run's repository where the token gave it: a reusable workflow's identity is the same for every caller", () => {
    expect(verifyCommand(sign({}), {...job, repository: 'acme/app'}, `r/o/app@${D}`)).toBe(
      `cosign verify --certificate-identity ${job.identity} --certificate-oidc-issuer ${job.issuer} --certificate-github-workflow-repository acme/app r/o/app@${D}`
    );
  });
  it("gives a provenance's cosign verify-attestation line, its type the SLSA v1 one", () => {
    expect(verifyCommand(sign({}), job, `r/o/app@${D}`, true)).toBe(
      `cosign verify-attestation --type slsaprovenance1 --certificate-identity ${job.identity} --certificate-oidc-issuer ${job.issuer} r/o/app@${D}`
    );
  });
});
