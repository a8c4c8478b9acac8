import type {Platform} from './types.js';
import type {RefCheck} from './verification.js';

/** What the verify, merge and smoke stages found: the summary reports them, the modes make them. */

/** The read-back of every pushed reference, with the table the log and the summary show. */
export interface VerifyResult {
  checks: RefCheck[];
  table: string;
}

/** One leg as the merge finds it: its platform, what it pushed, and the platform manifest inside. */
export interface MergedLeg {
  platform: Platform;
  /** The leg's pushed digest (an index with its attestation, or a bare manifest). */
  digest: string;
  /** The image manifest for the platform, which the merged index must list byte for byte. */
  manifestDigest: string;
  source: string;
}

export interface MergeResult {
  legs: MergedLeg[];
  platforms: Platform[];
  verify: VerifyResult;
}

/** One platform's smoke run. */
export interface SmokeResult {
  platform: Platform;
  ok: boolean;
  seconds: number;
  output: string;
}

/**
 * One signed digest: what it is, its signature (the referrer manifest's digest) and how a consumer checks it; kind
 * `provenance`: the signed provenance of the digest, stored the same way.
 */
export interface SignResult {
  digest: string;
  kind: 'index' | 'platform' | 'provenance';
  signature: string;
  /** The digest of the bundle itself (the referrer's one layer). */
  bundleDigest: string;
  /** One `cosign verify` line per repository the signature was stored in. */
  verify: string[];
}

/** What a step proved in the registry, for signing: the verified digest and the platform manifests it lists. */
export interface Verified {
  digest: string;
  platformDigests: Iterable<string>;
}
