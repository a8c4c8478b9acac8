import * as core from '@actions/core';
import {withRetry} from '../docker/exec.js';
import {networkRetry, type RetryBudget} from '../docker/retry.js';
import {serverUrl} from '../model/runtime.js';

/**
 * The job's OIDC token for Sigstore (audience `sigstore`), asked of the runner's token service
 * (ACTIONS_ID_TOKEN_REQUEST_URL with ACTIONS_ID_TOKEN_REQUEST_TOKEN, which `id-token: write` grants), and the identity
 * a Fulcio certificate for it names. The token is masked the moment it arrives and is never written anywhere.
 */

export interface JobIdentity {
  token: string;
  /** The certificate's SAN: the workflow file that runs the job (`job_workflow_ref`), on its server. */
  identity: string;
  issuer: string;
}

class TokenError extends Error {}

/** The claims of a JWT (its middle part), not checked: Fulcio checks the token, this only reads what it will certify. */
export function jwtClaims(token: string): Record<string, string> {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    return Object.fromEntries(Object.entries(claims).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** The identity Fulcio certifies for a GitHub Actions token: `<server>/<job_workflow_ref>`. */
export function identityOf(
  claims: Record<string, string>,
  env: Record<string, string | undefined>
): {identity: string; issuer: string} {
  return {identity: `${serverUrl(env)}/${claims.job_workflow_ref ?? ''}`, issuer: claims.iss ?? ''};
}

export async function jobIdentity(
  budget: RetryBudget,
  env: Record<string, string | undefined> = process.env
): Promise<JobIdentity> {
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
  url.searchParams.set('audience', 'sigstore');
  const once = async () => {
    const res = await fetch(url, {
      headers: {Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`, Accept: 'application/json'}
    });
    if (!res.ok) throw new TokenError(`The job's OIDC token was refused: ${res.status} ${res.statusText}`);
    return ((await res.json()) as {value?: string}).value ?? '';
  };
  const token = await withRetry(networkRetry(budget), 'OIDC token', once, e =>
    e instanceof TokenError ? e.message : undefined
  );
  if (!token)
    throw new Error("The runner's token service gave no OIDC token: grant the job `permissions: id-token: write`");
  core.setSecret(token);
  return {token, ...identityOf(jwtClaims(token), env)};
}
