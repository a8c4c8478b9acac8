import {createHash, createPrivateKey, createPublicKey, sign as signData} from 'node:crypto';
import {bundleToJSON, type SerializedBundle} from '@sigstore/bundle';
import {
  DSSEBundleBuilder,
  FulcioSigner,
  RekorWitness,
  TSAWitness,
  type IdentityProvider,
  type Signer,
  type Witness
} from '@sigstore/sign';
import {withRetry} from '../docker/exec.js';
import {transportReason} from '../docker/failures.js';
import {networkRetry, type RetryBudget} from '../docker/retry.js';
import type {SignConfig} from '../model/types.js';

/**
 * A Sigstore bundle (v0.3, a DSSE envelope around an in-toto statement) from @sigstore/sign: keyless, a Fulcio
 * certificate for the job's OIDC token; or a key's signature. Fulcio, Rekor and the TSA are each called under the
 * one registry retry policy (their own retries off), so a flaky service waits as a flaky registry does.
 */

const TIMEOUT_MS = 30_000;

/** A Sigstore client error as the retry policy reads a CLI's: the status in brackets, or the transport's failure. */
function reasonOf(e: unknown): string | undefined {
  const cause = (e as {cause?: {message?: string; statusCode?: number}}).cause;
  if (cause?.statusCode) return `${(e as Error).message}: ${cause.message ?? cause.statusCode}`;
  return transportReason(e);
}

/** The same service, each call under the retry policy. */
const retrying =
  <A extends unknown[], R>(budget: RetryBudget, label: string, call: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    withRetry(networkRetry(budget), label, () => call(...args), reasonOf);

/** A key's public half as cosign names it: the base64 SHA-256 of its SubjectPublicKeyInfo (the bundle's hint). */
export function publicKeyOf(pem: string): {pem: string; hint: string; der: Buffer} {
  const key = createPublicKey(createPrivateKey(pem));
  const der = key.export({type: 'spki', format: 'der'});
  return {
    pem: key.export({type: 'spki', format: 'pem'}).toString(),
    hint: createHash('sha256').update(der).digest('base64'),
    der
  };
}

/** A signer over a PEM key: ECDSA P-256 with SHA-256, the signature DER-encoded, as cosign signs. */
function keySigner(pem: string): Signer {
  const key = createPrivateKey(pem);
  const pub = publicKeyOf(pem);
  return {
    sign: data =>
      Promise.resolve({
        signature: signData('sha256', data, key),
        key: {$case: 'publicKey', publicKey: pub.pem, hint: pub.hint}
      })
  };
}

/** The signer and the witnesses of the configured instance. */
export function signingParts(
  sign: SignConfig,
  budget: RetryBudget,
  identity: IdentityProvider
): {signer: Signer; witnesses: Witness[]} {
  const common = {retry: 0, timeout: TIMEOUT_MS};
  const witnesses: Witness[] = [];
  if (sign.rekorUrl) {
    // intoto entries: what Rekor v1 logs for a DSSE statement with its signature (the stand-in checks them as the log does)
    const rekor = new RekorWitness({rekorBaseURL: sign.rekorUrl, entryType: 'intoto', ...common});
    witnesses.push({testify: retrying(budget, 'Rekor', rekor.testify.bind(rekor))});
  }
  if (sign.tsaUrl) {
    const tsa = new TSAWitness({tsaBaseURL: sign.tsaUrl, ...common});
    witnesses.push({testify: retrying(budget, 'TSA', tsa.testify.bind(tsa))});
  }
  if (sign.method === 'key') return {signer: keySigner(sign.key), witnesses};
  const fulcio = new FulcioSigner({fulcioBaseURL: sign.fulcioUrl, identityProvider: identity, ...common});
  return {signer: {sign: retrying(budget, 'Fulcio', fulcio.sign.bind(fulcio))}, witnesses};
}

/** Signs an in-toto statement: the bundle as JSON, its envelope's keyid left out (cosign's DSSE check refuses a hint it cannot match; it is not signed). */
export async function signStatement(
  parts: {signer: Signer; witnesses: Witness[]},
  statement: object
): Promise<SerializedBundle> {
  const builder = new DSSEBundleBuilder({...parts, certificateChain: false});
  const bundle = await builder.create({
    data: Buffer.from(JSON.stringify(statement)),
    type: 'application/vnd.in-toto+json'
  });
  const json = bundleToJSON(bundle);
  if ('dsseEnvelope' in json && json.dsseEnvelope)
    for (const s of json.dsseEnvelope.signatures) delete (s as {keyid?: string}).keyid;
  return json;
}
