import {createHash, generateKeyPairSync} from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type {AddressInfo} from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {RFC3161Timestamp} from '@sigstore/core';
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
  type HandlerFn
} from '@sigstore/mock';

/**
 * A local Sigstore for the e2e tests: @sigstore/mock's Fulcio, Rekor (v1) and timestamp authority behind one
 * node:http server on 127.0.0.1, the trusted_root.json that trusts exactly them, and the runner's OIDC token service
 * (ACTIONS_ID_TOKEN_REQUEST_URL) handing out an unsigned GitHub-style token, so the action's real token path runs.
 * Fulcio certifies `https://github.com/<job_workflow_ref>` as the real one does for GitHub's issuer; `issueAs`
 * makes it certify another identity (a wrong instance), `issueWith` other claims (another repository); the fault
 * proxy stands in front of it for faults.
 */

export const ISSUER = 'https://token.actions.githubusercontent.com';
export const WORKFLOW_REF = 'acme/app/.github/workflows/release.yml@refs/heads/main';
export const IDENTITY = `https://github.com/${WORKFLOW_REF}`;

export interface SigstoreService {
  fulcioUrl: string;
  rekorUrl: string;
  tsaUrl: string;
  trustedRoot: string;
  /** The runner's token service variables, as `id-token: write` gives them to a job. */
  env: Record<string, string>;
  /** The OIDC token it hands out, and the bearer that asks for it: neither may reach a log or a file. */
  token: string;
  requestToken: string;
  requests: string[];
  issueAs: string | undefined;
  /** Claims Fulcio certifies instead of the token's (e.g. another repository calling the same workflow). */
  issueWith: Record<string, string> | undefined;
  close(): Promise<void>;
}

const b64 = (b: ArrayBufferView | Buffer): string =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
const keyPair = () => generateKeyPairSync('ec', {namedCurve: 'P-256'});

function token(claims: Record<string, string>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({alg: 'none', typ: 'JWT'})}.${part(claims)}.`;
}

/** The mock TSA sometimes drops trailing zeros of the milliseconds, which verifiers refuse as "invalid time": reissued. */
async function wellFormed(fn: HandlerFn, body: string) {
  for (let i = 0; ; i++) {
    const res = await fn(body);
    try {
      if (res.statusCode === 201) void RFC3161Timestamp.parse(Buffer.from(res.response as Uint8Array)).signingTime;
      return res;
    } catch (e) {
      if (i >= 20) throw e;
    }
  }
}

export async function startSigstore(): Promise<SigstoreService> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctlog = await initializeCTLog(keyPair());
  const ca = await initializeCA(keyPair(), ctlog);
  const tlog = await initializeTLog(url, keyPair());
  const tsa = await initializeTSA(keyPair());
  const requestToken = `oidc-request-${Math.random().toString(36).slice(2)}`;
  const claims = {
    iss: ISSUER,
    aud: 'sigstore',
    sub: 'repo:acme/app:ref:refs/heads/main',
    repository: 'acme/app',
    ref: 'refs/heads/main',
    job_workflow_ref: WORKFLOW_REF,
    workflow_ref: WORKFLOW_REF,
    sha: 'c0ffee',
    event_name: 'push',
    repository_id: '101',
    repository_owner_id: '7',
    runner_environment: 'github-hosted',
    run_id: '9001',
    run_attempt: '1'
  };
  const service: SigstoreService = {
    fulcioUrl: url,
    rekorUrl: url,
    tsaUrl: url,
    trustedRoot: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-sigstore-')), 'trusted_root.json'),
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken
    },
    token: token({...claims, san: IDENTITY}),
    requestToken,
    requests: [],
    issueAs: undefined,
    issueWith: undefined,
    close: () => new Promise(resolve => server.close(() => resolve()))
  };
  const fulcio = fulcioHandler(ca, {subjectClaim: 'san'});
  const rekor = rekorHandler(tlog);
  const stamp = tsaHandler(tsa);
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
        service.requests.push(route);
        let body = Buffer.concat(chunks).toString('utf8');
        if (route === 'GET /oidc/token') {
          const ok =
            req.headers.authorization === `Bearer ${requestToken}` && (req.url ?? '').includes('audience=sigstore');
          res
            .writeHead(ok ? 200 : 401, {'Content-Type': 'application/json'})
            .end(ok ? JSON.stringify({value: service.token}) : '{}');
          return;
        }
        if (route === `POST ${fulcio.path}` && (service.issueAs || service.issueWith)) {
          // a Fulcio that certifies someone else: the token's claims rewritten before the CA reads them
          const request = JSON.parse(body) as {credentials: {oidcIdentityToken: string}};
          request.credentials.oidcIdentityToken = token({
            ...claims,
            san: service.issueAs ?? IDENTITY,
            ...service.issueWith
          });
          body = JSON.stringify(request);
        }
        const handler = [fulcio, rekor, stamp].find(h => route === `POST ${h.path}`);
        if (!handler) return void res.writeHead(404).end();
        const out = handler === stamp ? await wellFormed(stamp.fn, body) : await handler.fn(body);
        res.writeHead(out.statusCode, {'Content-Type': out.contentType ?? 'application/json'}).end(out.response);
      })();
    });
  });
  const start = new Date(Date.now() - 60_000).toISOString();
  const key = (raw: Buffer) => ({
    rawBytes: raw.toString('base64'),
    keyDetails: 'PKIX_ECDSA_P256_SHA_256',
    validFor: {start}
  });
  const root = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: key(tlog.publicKey),
        logId: {keyId: createHash('sha256').update(tlog.publicKey).digest('base64')}
      }
    ],
    certificateAuthorities: [
      {
        subject: {organization: 'sigstore.mock', commonName: 'sigstore'},
        uri: url,
        certChain: {certificates: [{rawBytes: b64(ca.rootCertificate)}]},
        validFor: {start}
      }
    ],
    ctlogs: [
      {baseUrl: url, hashAlgorithm: 'SHA2_256', publicKey: key(ctlog.publicKey), logId: {keyId: b64(ctlog.logID)}}
    ],
    timestampAuthorities: [
      {
        subject: {organization: 'sigstore.mock', commonName: 'tsa'},
        uri: url,
        certChain: {certificates: [{rawBytes: b64(tsa.intCertificate)}, {rawBytes: b64(tsa.rootCertificate)}]},
        validFor: {start}
      }
    ]
  };
  fs.writeFileSync(service.trustedRoot, JSON.stringify(root, null, 2));
  return service;
}
