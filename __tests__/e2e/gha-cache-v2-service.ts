/**
 * A local stand-in for the GitHub Actions cache service, API v2: the Twirp CacheService of the results service
 * (CreateCacheEntry → blob upload to the signed URL → FinalizeCacheEntryUpload; GetCacheEntryDownloadURL → blob
 * download), as BuildKit's gha cache (0.20+) and @actions/cache 6 speak it when the runner sets
 * ACTIONS_CACHE_SERVICE_V2. Where it matters it answers as the service does: an entry written twice is refused, an
 * unknown method is a bad route, and a token that may only read gets "cache write denied" on CreateCacheEntry.
 * Blobs are served Azure-style (IP-style account/container/blob URLs; block, block list or single PUT; ranged GET).
 */
import * as http from 'node:http';
import type {AddressInfo} from 'node:net';
import {json, readBody, unsignedJwt} from './artifact-service.js';

export interface V2Entry {
  id: number;
  key: string;
  version: string;
  committed: boolean;
  size: number;
  created: number;
}

export interface GhaCacheV2Service {
  url: string;
  token: string;
  /** The runner's variables for this service (API v2). */
  env: Record<string, string>;
  /** The same, with a token that may only read the cache (as a pull request from a fork gets). */
  readOnlyEnv: Record<string, string>;
  entries: () => V2Entry[];
  /** Requests seen, `METHOD path` (Twirp methods by name). */
  requests: string[];
  close: () => Promise<void>;
}

/** A runtime token with the claims the cache clients read: the results scope and the access controls (`ac`). */
function token(write: boolean): string {
  const ac = JSON.stringify([{Scope: 'refs/heads/main', Permission: write ? 3 : 1}]);
  const scp = `Actions.GenericRead:x Actions.Results:run-v2:job-v2${write ? ' Actions.CacheWrite' : ''}`;
  return unsignedJwt({scp, ac});
}

interface Stored extends V2Entry {
  blocks: Map<string, Buffer>;
  data?: Buffer;
}

export async function startGhaCacheV2(): Promise<GhaCacheV2Service> {
  const entries: Stored[] = [];
  const requests: string[] = [];
  const writer = token(true);
  const reader = token(false);
  let base = '';
  const blobUrl = (e: Stored): string => `${base}/devstoreaccount1/cache/${e.id}?sig=stand-in`;

  /** The newest committed entry for a key (exact) or, failing that, the first restore key (prefix) that has one. */
  function lookup(version: string, keys: string[]): Stored | undefined {
    const done = entries.filter(e => e.committed && e.version === version).sort((a, b) => b.created - a.created);
    return done.find(e => e.key === keys[0]) ?? keys.map(k => done.find(e => e.key.startsWith(k))).find(Boolean);
  }

  function twirp(
    method: string,
    body: Record<string, string | string[] | undefined>,
    auth: string,
    res: http.ServerResponse
  ): void {
    const key = typeof body.key === 'string' ? body.key : '';
    const version = typeof body.version === 'string' ? body.version : '';
    switch (method) {
      case 'CreateCacheEntry': {
        if (auth !== writer)
          return json(res, 200, {ok: false, message: 'cache write denied: this token may only read the cache'});
        if (entries.some(e => e.committed && e.key === key && e.version === version))
          return json(res, 409, {
            code: 'already_exists',
            msg: 'cache entry with the same key and version already exists'
          });
        const entry: Stored = {
          id: entries.length + 1,
          key,
          version,
          committed: false,
          size: 0,
          created: Date.now(),
          blocks: new Map()
        };
        entries.push(entry);
        return json(res, 200, {ok: true, signed_upload_url: blobUrl(entry)});
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = entries.findLast(e => !e.committed && e.key === key && e.version === version);
        if (!entry?.data) return json(res, 404, {code: 'not_found', msg: 'no uploaded blob for this cache entry'});
        entry.committed = true;
        entry.size = entry.data.length;
        return json(res, 200, {ok: true, entry_id: String(entry.id)});
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys : [];
        const hit = lookup(version, [key, ...restoreKeys]);
        if (!hit) return json(res, 200, {ok: false, signed_download_url: '', matched_key: ''});
        return json(res, 200, {ok: true, signed_download_url: blobUrl(hit), matched_key: hit.key});
      }
      default:
        return json(res, 404, {
          code: 'bad_route',
          msg: `no handler for path /twirp/github.actions.results.api.v1.CacheService/${method}`
        });
    }
  }

  function blob(req: http.IncomingMessage, res: http.ServerResponse, entry: Stored, payload: Buffer, url: URL): void {
    const headers = {
      'x-ms-request-id': String(requests.length),
      'x-ms-version': '2024-11-04',
      etag: `"${entry.id}"`,
      'last-modified': new Date(entry.created).toUTCString()
    };
    if (req.method === 'PUT') {
      if (entry.committed) return void res.writeHead(409, headers).end();
      const comp = url.searchParams.get('comp');
      if (comp === 'block') entry.blocks.set(url.searchParams.get('blockid') ?? '', payload);
      else if (comp === 'blocklist') {
        const ids = [...payload.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map(m => m[1]);
        entry.data = Buffer.concat(ids.map(id => entry.blocks.get(id) ?? Buffer.alloc(0)));
      } else entry.data = payload;
      return void res.writeHead(201, headers).end();
    }
    const data = entry.data ?? Buffer.alloc(0);
    const common = {
      ...headers,
      'accept-ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'content-type': 'application/octet-stream'
    };
    if (req.method === 'HEAD') return void res.writeHead(200, {...common, 'content-length': data.length}).end();
    const range = /bytes=(\d+)-(\d*)/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''));
    if (!range) return void res.writeHead(200, {...common, 'content-length': data.length}).end(data);
    const start = Number(range[1]);
    const end = Math.min(range[2] ? Number(range[2]) : data.length - 1, data.length - 1);
    const part = data.subarray(start, end + 1);
    res.writeHead(206, {
      ...common,
      'content-length': part.length,
      'content-range': `bytes ${start}-${end}/${data.length}`
    });
    res.end(part);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const payload = await readBody(req);
      const route = /^\/twirp\/github\.actions\.results\.api\.v1\.CacheService\/(\w+)$/.exec(url.pathname);
      requests.push(`${req.method} ${route ? route[1] : url.pathname}`);
      if (route && req.method === 'POST') {
        const auth = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        const body = JSON.parse(payload.toString() || '{}') as Record<string, string | string[] | undefined>;
        return twirp(route[1], body, auth, res);
      }
      const stored = /^\/devstoreaccount1\/cache\/(\d+)$/.exec(url.pathname);
      const entry = stored ? entries[Number(stored[1]) - 1] : undefined;
      if (entry) return blob(req, res, entry, payload, url);
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = (t: string): Record<string, string> => ({
    ACTIONS_RUNTIME_TOKEN: t,
    ACTIONS_RESULTS_URL: `${base}/`,
    ACTIONS_CACHE_SERVICE_V2: 'True'
  });
  return {
    url: base,
    token: writer,
    env: env(writer),
    readOnlyEnv: env(reader),
    entries: () => entries.map(({blocks: _b, data: _d, ...e}) => e),
    requests,
    close: () => new Promise(resolve => server.close(() => resolve()))
  };
}
