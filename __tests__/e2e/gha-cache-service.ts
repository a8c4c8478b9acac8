/**
 * A stand-in for the GitHub Actions cache service, API v1 (`_apis/artifactcache/…`): what buildx/BuildKit 0.13's
 * `type=gha` cache and @actions/cache's v1 client speak. Entries live in a temp dir; the JWT is unsigned (BuildKit
 * only reads its `ac` scopes claim). Plain Node with erasable types only, so the benchmark imports it too.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  committed: boolean;
  created: number;
  size: number;
}

export interface GhaCacheService {
  url: string;
  token: string;
  /** The environment a runner gives an action for this service. */
  env: Record<string, string>;
  entries: () => CacheEntry[];
  /** Requests seen, `METHOD path` each. */
  requests: string[];
  close: () => Promise<void>;
}

const SCOPE = 'refs/heads/main';

function unsignedToken(): string {
  const b64u = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = {ac: JSON.stringify([{Scope: SCOPE, Permission: 3}]), nbf: now - 60, exp: now + 6 * 3600};
  return [b64u({alg: 'HS256', typ: 'JWT'}), b64u(claims), Buffer.from('unsigned').toString('base64url')].join('.');
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, code: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(code, {'Content-Type': 'application/json', 'Content-Length': data.length});
  res.end(data);
}

/** The newest committed entry for the first key that matches exactly, else by prefix (the service's rule). */
function lookup(entries: CacheEntry[], keys: string[], version: string): CacheEntry | undefined {
  const done = entries.filter(e => e.committed && e.version === version);
  for (const k of keys) {
    const exact = done.find(e => e.key === k);
    if (exact) return exact;
  }
  for (const k of keys) {
    const newest = done.filter(e => e.key.startsWith(k)).sort((a, b) => b.created - a.created || b.id - a.id)[0];
    if (newest) return newest;
  }
  return undefined;
}

export function startGhaCache(
  dir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-gha-'))
): Promise<GhaCacheService> {
  const entries: CacheEntry[] = [];
  const requests: string[] = [];
  const file = (id: number): string => path.join(dir, `${id}.bin`);
  let nextId = 1;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://x');
    const p = u.pathname.replace(/^.*\/_apis\/artifactcache\//, '/api/');
    requests.push(`${req.method} ${u.pathname}`);
    if (req.method === 'GET' && p === '/api/cache') {
      const keys = (u.searchParams.get('keys') ?? '').split(',').filter(Boolean);
      const hit = lookup(entries, keys, u.searchParams.get('version') ?? '');
      if (!hit) {
        res.writeHead(204);
        return void res.end();
      }
      return json(res, 200, {
        cacheKey: hit.key,
        scope: SCOPE,
        archiveLocation: `http://${req.headers.host}/download/${hit.id}`
      });
    }
    if (req.method === 'POST' && p === '/api/caches') {
      const {key, version} = JSON.parse((await readBody(req)).toString() || '{}') as {key: string; version: string};
      if (entries.some(e => e.key === key && e.version === version)) {
        return json(res, 409, {
          message: `Cache already exists: ${key}`,
          typeKey: 'ArtifactCacheItemAlreadyExistsException'
        });
      }
      const e: CacheEntry = {id: nextId++, key, version, committed: false, created: Date.now(), size: 0};
      entries.push(e);
      fs.writeFileSync(file(e.id), Buffer.alloc(0));
      return json(res, 201, {cacheId: e.id});
    }
    const cacheId = /^\/api\/caches\/(\d+)$/.exec(p);
    if (cacheId) {
      const e = entries.find(x => x.id === Number(cacheId[1]));
      if (!e) return json(res, 404, {message: 'no such cache'});
      const body = await readBody(req);
      if (req.method === 'PATCH') {
        const range = /bytes (\d+)-(\d+)/.exec(req.headers['content-range'] ?? '');
        const fd = fs.openSync(file(e.id), 'r+');
        fs.writeSync(fd, body, 0, body.length, range ? Number(range[1]) : 0);
        fs.closeSync(fd);
        res.writeHead(204);
        return void res.end();
      }
      if (req.method === 'POST') {
        e.size = (JSON.parse(body.toString() || '{}') as {size?: number}).size ?? fs.statSync(file(e.id)).size;
        e.committed = true;
        res.writeHead(204);
        return void res.end();
      }
    }
    const download = /^\/download\/(\d+)$/.exec(u.pathname);
    if (download && req.method === 'GET' && fs.existsSync(file(Number(download[1])))) {
      const f = file(Number(download[1]));
      const size = fs.statSync(f).size;
      const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/octet-stream',
        'Content-Length': size - start
      };
      if (range) headers['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
      res.writeHead(range ? 206 : 200, headers);
      return void fs.createReadStream(f, {start}).pipe(res);
    }
    json(res, 404, {message: `not found: ${req.method} ${u.pathname}`});
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, {message: String(err)}));
  });
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      const url = `http://127.0.0.1:${port}/`;
      const token = unsignedToken();
      resolve({
        url,
        token,
        env: {ACTIONS_CACHE_URL: url, ACTIONS_RUNTIME_TOKEN: token},
        entries: () => entries.map(e => ({...e})),
        requests,
        close: () => new Promise(done => server.close(() => done()))
      });
    });
  });
}
