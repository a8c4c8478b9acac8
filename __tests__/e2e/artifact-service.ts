/**
 * A local stand-in for the GitHub Actions artifact service (v4: the Twirp "results" API plus the blob storage it
 * hands out signed URLs for), faithful to what @actions/artifact 6 speaks: CreateArtifact → block-blob upload
 * (PUT ?comp=block, PUT ?comp=blocklist) → FinalizeArtifact; ListArtifacts, GetSignedArtifactURL → GET the zip.
 * Artifacts live in memory, per workflow run (from the runtime token's `Actions.Results:<run>:<job>` scope).
 */
import * as http from 'node:http';
import type {AddressInfo} from 'node:net';

interface Stored {
  id: number;
  run: string;
  job: string;
  name: string;
  blocks: Map<string, Buffer>;
  data?: Buffer;
  finalized: boolean;
  createdAt: string;
}

export interface ArtifactService {
  url: string;
  /** The env a step needs: ACTIONS_RESULTS_URL and a runtime token for `run`/`job`. */
  env(run: string, job: string): Record<string, string>;
  /** Names of finalized artifacts of a run. */
  names(run: string): string[];
  requests: string[];
  close(): Promise<void>;
}

/** An unsigned JWT carrying `claims` (the Actions clients decode it, they do not verify it), valid for an hour. */
export function unsignedJwt(claims: object): string {
  const now = Math.floor(Date.now() / 1000);
  const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64url({alg: 'none', typ: 'JWT'})}.${b64url({...claims, nbf: now - 60, exp: now + 3600})}.`;
}

/** The runtime token of a job: the results scope the artifact client reads. */
export function runtimeToken(run: string, job: string): string {
  return unsignedJwt({scp: `Actions.GenericRead:x Actions.Results:${run}:${job}`});
}

/** A JSON answer, as the Twirp services write one. */
export function json(res: http.ServerResponse, status: number, value: object): void {
  res.writeHead(status, {'content-type': 'application/json'}).end(JSON.stringify(value));
}

/** A request's whole body. */
export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startArtifactService(): Promise<ArtifactService> {
  const artifacts: Stored[] = [];
  const requests: string[] = [];
  let base = '';
  const describe = (a: Stored): object => ({
    workflow_run_backend_id: a.run,
    workflow_job_run_backend_id: a.job,
    database_id: String(a.id),
    name: a.name,
    size: String(a.data?.length ?? 0),
    created_at: a.createdAt
  });

  const twirp = (method: string, req: Record<string, string | undefined>, res: http.ServerResponse): void => {
    const run = String(req.workflow_run_backend_id ?? '');
    switch (method) {
      case 'CreateArtifact': {
        if (artifacts.some(x => x.finalized && x.run === run && x.name === req.name))
          return json(res, 409, {
            code: 'already_exists',
            msg: 'an artifact with this name already exists on the workflow run'
          });
        const a: Stored = {
          id: artifacts.length + 1,
          run,
          job: String(req.workflow_job_run_backend_id ?? ''),
          name: req.name ?? '',
          blocks: new Map(),
          finalized: false,
          createdAt: new Date().toISOString()
        };
        artifacts.push(a);
        // IP-style blob URL (account/container/blob), as the Azure SDK expects for local emulators
        return json(res, 200, {ok: true, signed_upload_url: `${base}/devstoreaccount1/artifacts/${a.id}?sig=stand-in`});
      }
      case 'FinalizeArtifact': {
        const a = artifacts.findLast(x => x.run === run && x.name === req.name && !x.finalized);
        if (!a?.data) return json(res, 404, {code: 'not_found', msg: 'no uploaded blob for this artifact'});
        a.finalized = true;
        return json(res, 200, {ok: true, artifact_id: String(a.id)});
      }
      case 'ListArtifacts': {
        const byName = req.name_filter;
        const byId = req.id_filter;
        const list = artifacts.filter(
          a =>
            a.finalized &&
            a.run === run &&
            (byName === undefined || a.name === byName) &&
            (byId === undefined || a.id === Number(byId))
        );
        return json(res, 200, {artifacts: list.map(describe)});
      }
      case 'GetSignedArtifactURL': {
        const a = artifacts.findLast(x => x.finalized && x.run === run && x.name === req.name);
        if (!a) return json(res, 404, {code: 'not_found', msg: 'artifact not found'});
        return json(res, 200, {signed_url: `${base}/download/${a.id}?sig=stand-in`});
      }
      case 'DeleteArtifact': {
        const a = artifacts.findLast(x => x.finalized && x.run === run && x.name === req.name);
        if (!a) return json(res, 404, {code: 'not_found', msg: 'artifact not found'});
        artifacts[a.id - 1] = {...a, finalized: false, run: `deleted-${a.run}`};
        return json(res, 200, {ok: true, artifact_id: String(a.id)});
      }
      default:
        return json(res, 404, {code: 'bad_route', msg: `no method ${method}`});
    }
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const payload = await readBody(req);
      requests.push(
        `${req.method} ${url.pathname}${url.searchParams.get('comp') ? `?comp=${url.searchParams.get('comp')}` : ''}`
      );
      const route = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(url.pathname);
      if (route && req.method === 'POST')
        return twirp(route[1], JSON.parse(payload.toString() || '{}') as Record<string, string | undefined>, res);
      const blob = /^\/devstoreaccount1\/artifacts\/(\d+)$/.exec(url.pathname);
      if (blob && req.method === 'PUT') {
        const a = artifacts[Number(blob[1]) - 1];
        const comp = url.searchParams.get('comp');
        if (comp === 'block') a.blocks.set(url.searchParams.get('blockid') ?? '', payload);
        else if (comp === 'blocklist') {
          const ids = [...payload.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map(m => m[1]);
          a.data = Buffer.concat(ids.map(id => a.blocks.get(id) ?? Buffer.alloc(0)));
        } else a.data = payload; // a single-shot upload
        res.writeHead(201, {
          'x-ms-request-id': String(requests.length),
          etag: `"${a.id}"`,
          'last-modified': new Date().toUTCString()
        });
        return res.end();
      }
      const download = /^\/download\/(\d+)$/.exec(url.pathname);
      if (download && req.method === 'GET') {
        const a = artifacts[Number(download[1]) - 1];
        res.writeHead(200, {'content-type': 'application/zip', 'content-length': a.data?.length ?? 0});
        return res.end(a.data);
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    env: (run, job) => ({ACTIONS_RESULTS_URL: `${base}/`, ACTIONS_RUNTIME_TOKEN: runtimeToken(run, job)}),
    names: run => artifacts.filter(a => a.run === run && a.finalized).map(a => a.name),
    requests,
    close: () => new Promise(resolve => server.close(() => resolve()))
  };
}
