#!/usr/bin/env node
// gha-cache-stub.mjs - a minimal stand-in for the GitHub Actions cache service (API v1,
// "_apis/artifactcache/..."), enough for BuildKit's `type=gha` cache exporter/importer.
// Lab probe only (written for e2e-env.sh's FINDINGS); no dependencies.
//   node gha-cache-stub.mjs [port=0] [dir=/tmp/lab/gha-cache]
// prints one JSON line: {"url": "http://127.0.0.1:PORT/", "token": "<unsigned JWT>"}
// then use: ACTIONS_CACHE_URL=<url> ACTIONS_RUNTIME_TOKEN=<token> docker buildx build --cache-to type=gha ...
// or:       --cache-to type=gha,url=<url>,token=<token>,mode=max
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const port = Number(process.argv[2] ?? 0);
const dir = process.argv[3] ?? '/tmp/lab/gha-cache';
fs.mkdirSync(dir, {recursive: true});
const SCOPE = 'refs/heads/main';
const entries = []; // {id, key, version, scope, committed, created, size}
let nextId = 1;
const log = (...a) => process.env.GHA_STUB_LOG && console.error(new Date().toISOString(), ...a);

const b64u = o => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const token = [
  b64u({alg: 'HS256', typ: 'JWT'}),
  b64u({ac: JSON.stringify([{Scope: SCOPE, Permission: 3}]), nbf: now - 60, exp: now + 6 * 3600}),
  Buffer.from('unsigned').toString('base64url')
].join('.');

const json = (res, code, body) => {
  const dt = Buffer.from(JSON.stringify(body));
  res.writeHead(code, {'Content-Type': 'application/json', 'Content-Length': dt.length});
  res.end(dt);
};
const readBody = req =>
  new Promise((ok, ko) => {
    const parts = [];
    req.on('data', c => parts.push(c));
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', ko);
  });
const file = id => path.join(dir, `${id}.bin`);

const server = http.createServer(async (req, res) => {
  try {
    const u = new URL(req.url, 'http://x');
    const p = u.pathname.replace(/^.*\/_apis\/artifactcache\//, '/api/');
    log(req.method, u.pathname + u.search, req.headers['content-range'] ?? '');
    if (req.method === 'GET' && p === '/api/cache') {
      const keys = (u.searchParams.get('keys') ?? '').split(',').filter(Boolean);
      const version = u.searchParams.get('version');
      const done = entries.filter(e => e.committed && e.version === version);
      let hit;
      for (const k of keys) {
        hit = done.find(e => e.key === k);
        if (hit) break;
      }
      if (!hit) {
        for (const k of keys) {
          const m = done.filter(e => e.key.startsWith(k)).sort((a, b) => b.created - a.created || b.id - a.id);
          if (m.length) {
            hit = m[0];
            break;
          }
        }
      }
      if (!hit) {
        res.writeHead(204);
        return res.end();
      }
      const host = req.headers.host;
      return json(res, 200, {
        cacheKey: hit.key,
        scope: hit.scope,
        archiveLocation: `http://${host}/download/${hit.id}`
      });
    }
    if (req.method === 'POST' && p === '/api/caches') {
      const {key, version} = JSON.parse((await readBody(req)).toString() || '{}');
      if (entries.some(e => e.key === key && e.version === version)) {
        return json(res, 409, {
          message: `Cache already exists: ${key}`,
          typeName: 'x',
          typeKey: 'ArtifactCacheItemAlreadyExistsException',
          errorCode: 0
        });
      }
      const e = {id: nextId++, key, version, scope: SCOPE, committed: false, created: Date.now(), size: 0};
      entries.push(e);
      fs.writeFileSync(file(e.id), Buffer.alloc(0));
      return json(res, 201, {cacheId: e.id});
    }
    let m = p.match(/^\/api\/caches\/(\d+)$/);
    if (m) {
      const e = entries.find(x => x.id === Number(m[1]));
      if (!e) return json(res, 404, {message: 'no such cache'});
      const body = await readBody(req);
      if (req.method === 'PATCH') {
        const r = /bytes (\d+)-(\d+)/.exec(req.headers['content-range'] ?? '');
        const fd = fs.openSync(file(e.id), 'r+');
        fs.writeSync(fd, body, 0, body.length, r ? Number(r[1]) : 0);
        fs.closeSync(fd);
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'POST') {
        e.size = JSON.parse(body.toString() || '{}').size ?? fs.statSync(file(e.id)).size;
        e.committed = true;
        res.writeHead(204);
        return res.end();
      }
    }
    m = u.pathname.match(/^\/download\/(\d+)$/);
    if (m && req.method === 'GET') {
      const f = file(Number(m[1]));
      if (!fs.existsSync(f)) {
        res.writeHead(404);
        return res.end();
      }
      const size = fs.statSync(f).size;
      const r = /bytes=(\d+)-/.exec(req.headers.range ?? '');
      const start = r ? Number(r[1]) : 0;
      if (start > 0 && start >= size) {
        res.writeHead(416);
        return res.end();
      }
      const headers = {'Content-Type': 'application/octet-stream', 'Content-Length': size - start};
      if (r) headers['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
      res.writeHead(r ? 206 : 200, headers);
      return fs.createReadStream(f, {start}).pipe(res);
    }
    if (req.method === 'GET' && u.pathname === '/_stub/entries') return json(res, 200, entries);
    json(res, 404, {message: `not found: ${req.method} ${u.pathname}`});
  } catch (err) {
    json(res, 500, {message: String(err)});
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({url: `http://127.0.0.1:${server.address().port}/`, token}));
});
