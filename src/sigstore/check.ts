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

/** Who must have signed: the job's identity and issuer (keyless) or the key. */
export type Expected = {identity: string; issuer: string} | {key: string};

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
  } else policy = {subjectAlternativeName: expected.identity, extensions: {issuer: expected.issuer}};
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
