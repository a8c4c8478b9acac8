import type {SignConfig} from './types.js';

/** What a signature of a digest is made of and how a consumer checks it, as cosign 3 writes and reads it. */

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** The predicate of cosign 3's `cosign sign` statement: "this digest is signed", nothing more. */
export const SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

/** The in-toto statement a signature covers: the digest (never a tag) of the repository's manifest. */
export function signingStatement(name: string, digest: string, predicateType = SIGN_PREDICATE, predicate: object = {}) {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{name, digest: {sha256: digest.replace(/^sha256:/, '')}}],
    predicateType,
    predicate
  };
}

/** The referrer manifest's annotations, as @sigstore/oci and cosign label a bundle. */
export const bundleAnnotations = (predicateType: string, created: string): Record<string, string> => ({
  'dev.sigstore.bundle.content': 'dsse-envelope',
  'dev.sigstore.bundle.predicateType': predicateType,
  'org.opencontainers.image.created': created
});

/**
 * The signer a consumer names: the job's workflow identity and issuer, and the repository whose run it was (a
 * reusable workflow's identity is its own file, the same for every caller); or the public key (a file they hold).
 */
export type Signer = {identity: string; issuer: string; repository?: string} | {publicKeyFile: string};

/**
 * The `cosign verify` line a consumer runs for one signed digest (cosign 3 reads the referrer or the fallback tag);
 * for a provenance, `cosign verify-attestation --type slsaprovenance1`.
 */
export function verifyCommand(sign: SignConfig, signer: Signer, ref: string, provenance = false): string {
  const args = provenance ? ['cosign', 'verify-attestation', '--type', 'slsaprovenance1'] : ['cosign', 'verify'];
  if ('publicKeyFile' in signer) args.push('--key', signer.publicKeyFile);
  else args.push('--certificate-identity', signer.identity, '--certificate-oidc-issuer', signer.issuer);
  if ('repository' in signer && signer.repository)
    args.push('--certificate-github-workflow-repository', signer.repository);
  if (sign.trustedRoot) args.push('--trusted-root', 'trusted_root.json');
  if (!sign.rekorUrl) args.push('--insecure-ignore-tlog=true');
  if (!sign.rekorUrl && sign.tsaUrl) args.push('--use-signed-timestamps');
  return [...args, ref].join(' ');
}

/** The digests a scope signs: the verified one, and with `all` each platform manifest in it. */
export const digestsToSign = (sign: SignConfig, digest: string, platformDigests: Iterable<string>): string[] =>
  sign.scope === 'all' ? [...new Set([digest, ...platformDigests])] : [digest];
