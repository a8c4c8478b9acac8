import * as fs from 'node:fs';
import {bundleFromJSON} from '@sigstore/bundle';
import {PublicKeyDetails, TrustedRoot} from '@sigstore/protobuf-specs';
import {getTrustedRoot} from '@sigstore/tuf';
import {toSignedEntity, toTrustMaterial, Verifier, type VerificationPolicy} from '@sigstore/verify';
import type {SignConfig} from '../model/types.js';
import {publicKeyOf} from './sign.js';

/**
 * The in-step check of a signature read back from the registry: its bundle verified by @sigstore/verify against
 * the instance's trusted root and the job's identity (or the key), and its statement's subject equal to the digest.
 */

const EMPTY_ROOT = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: []
};

/** The trusted root: the given trusted_root.json, none for a key without witnesses, else the public instance's (TUF). */
export async function loadTrustedRoot(sign: SignConfig, cachePath: string): Promise<TrustedRoot> {
  if (sign.trustedRoot) return TrustedRoot.fromJSON(JSON.parse(fs.readFileSync(sign.trustedRoot, 'utf8')));
  if (sign.method === 'key' && !sign.rekorUrl && !sign.tsaUrl) return TrustedRoot.fromJSON(EMPTY_ROOT);
  return getTrustedRoot({cachePath});
}

/**
 * Who must have signed: the job's identity and issuer (keyless), and the repository whose run signed (its
 * `<server>/<owner>/<repo>`: a reusable workflow's identity is its own file, whoever calls it); or the key.
 */
export type Expected = {identity: string; issuer: string; repositoryUri?: string} | {key: string};

/** Fulcio's Source Repository URI extension (1.3.6.1.4.1.57264.1.12), a DER UTF8String. */
const OID_SOURCE_REPOSITORY_URI = [1, 3, 6, 1, 4, 1, 57264, 1, 12];

/** A DER UTF8String: tag 0x0c, the length (short or long form), the bytes. */
export function derUtf8(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const n = bytes.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([0x0c, ...length]), bytes]);
}

/**
 * The keyless policy: the identity whole (@sigstore/verify reads a string as an unanchored pattern, so
 * `…release.yml@refs/heads/main` would also admit `…@refs/heads/main-fork`), the issuer, and the repository.
 */
export function keylessPolicy(expected: {
  identity: string;
  issuer: string;
  repositoryUri?: string;
}): VerificationPolicy {
  const exact = new RegExp(`^${expected.identity.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const policy: VerificationPolicy = {subjectAlternativeName: exact, extensions: {issuer: expected.issuer}};
  if (expected.repositoryUri)
    policy.oids = [{oid: {id: OID_SOURCE_REPOSITORY_URI}, value: derUtf8(expected.repositoryUri)}];
  return policy;
}

/** What a verified signature says: its statement's subject digests and its predicate type. */
export interface Checked {
  subjects: string[];
  predicateType: string;
}

export function checkBundle(json: unknown, root: TrustedRoot, sign: SignConfig, expected: Expected): Checked {
  const bundle = bundleFromJSON(json);
  let policy: VerificationPolicy = {};
  let trust = toTrustMaterial(root);
  if ('key' in expected) {
    const pub = publicKeyOf(expected.key);
    trust = toTrustMaterial(root, {
      [pub.hint]: {
        rawBytes: pub.der,
        keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
        validFor: {start: new Date(0)}
      }
    });
  } else policy = keylessPolicy(expected);
  const keyless = sign.method === 'keyless';
  const verifier = new Verifier(trust, {
    tlogThreshold: sign.rekorUrl ? 1 : 0,
    ctlogThreshold: keyless ? 1 : 0,
    timestampThreshold: keyless || sign.rekorUrl || sign.tsaUrl ? 1 : 0
  });
  verifier.verify(toSignedEntity(bundle), policy);
  const envelope = bundle.content.$case === 'dsseEnvelope' ? bundle.content.dsseEnvelope : undefined;
  const statement = JSON.parse(envelope ? envelope.payload.toString('utf8') : '{}') as {
    subject?: {digest?: {sha256?: string}}[];
    predicateType?: string;
  };
  return {
    subjects: (statement.subject ?? []).map(s => `sha256:${s.digest?.sha256 ?? ''}`),
    predicateType: statement.predicateType ?? ''
  };
}
