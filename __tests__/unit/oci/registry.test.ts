import * as fs from 'node:fs';
import * as http from 'node:http';
import type {AddressInfo} from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {credentialsFor} from '../../../src/oci/credentials.js';
import {fallbackTag, referrerManifest} from '../../../src/oci/referrers.js';
import {Registry, repositoryUrl, sha256} from '../../../src/oci/registry.js';

/** The engine's default registry as `docker info` gives its IndexServerAddress (an invented one: no real host here). */
const INDEX = 'https://index.hub.example/v1/';

describe('where a repository is and who may write it', () => {
  it("speaks http to a registry on this machine, https elsewhere, and the engine's default registry at its index", () => {
    expect(repositoryUrl('localhost:5000/o/app', INDEX)).toBe('http://localhost:5000/v2/o/app');
    expect(repositoryUrl('127.0.0.1:5000/app', '')).toBe('http://127.0.0.1:5000/v2/app');
    expect(repositoryUrl('registry.example:443/o/app', INDEX)).toBe('https://registry.example:443/v2/o/app');
    expect(repositoryUrl('o/app', INDEX)).toBe('https://index.hub.example/v2/o/app');
    expect(repositoryUrl('busybox', INDEX)).toBe('https://index.hub.example/v2/library/busybox');
    expect(repositoryUrl('hub.example/o/app', INDEX)).toBe('https://index.hub.example/v2/o/app');
    expect(() => repositoryUrl('o/app', '')).toThrow(
      "o/app is on the engine's default registry, whose address was not read"
    );
  });
  it("reads docker login's credentials from the docker config: auths, an identity token, the default registry's key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockercfg-'));
    const auths = {
      'registry.example': {auth: Buffer.from('bot:s3cret:with:colons').toString('base64')},
      [INDEX]: {auth: Buffer.from('hubuser:hubpass').toString('base64')},
      'tokens.example': {identitytoken: 'refresh-token'}
    };
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({auths}));
    const env = {DOCKER_CONFIG: dir};
    expect(credentialsFor('registry.example/o/app', INDEX, env)).toEqual({
      username: 'bot',
      secret: 's3cret:with:colons'
    });
    expect(credentialsFor('o/app', INDEX, env)).toEqual({username: 'hubuser', secret: 'hubpass'});
    expect(credentialsFor('tokens.example/o/app', INDEX, env)).toEqual({username: '<token>', secret: 'refresh-token'});
    expect(credentialsFor('other.example/o/app', INDEX, env)).toBeUndefined();
  });
  it('names the fallback tag of a digest and writes a referrer manifest with its subject', () => {
    const d = `sha256:${'e'.repeat(64)}`;
    expect(fallbackTag(d)).toBe(`sha256-${'e'.repeat(64)}`);
    const manifest = JSON.parse(
      referrerManifest(
        {mediaType: 'application/vnd.oci.image.index.v1+json', digest: d, size: 10},
        {mediaType: 'application/x', digest: d, size: 3},
        {a: 'b'}
      ).toString()
    ) as Record<string, unknown>;
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/x',
      config: {mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256('{}'), size: 2},
      layers: [{mediaType: 'application/x', digest: d, size: 3}],
      subject: {mediaType: 'application/vnd.oci.image.index.v1+json', digest: d, size: 10},
      annotations: {a: 'b'}
    });
  });
});

describe("a registry's token challenge and its transient failures", () => {
  let server: http.Server;
  let origin = '';
  const seen: string[] = [];
  let failures = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      if (req.url?.startsWith('/token')) {
        const ok = req.headers.authorization === `Basic ${Buffer.from('bot:pw').toString('base64')}`;
        return void res
          .writeHead(ok ? 200 : 401, {'Content-Type': 'application/json'})
          .end(JSON.stringify({token: 'T1'}));
      }
      if (failures > 0) {
        failures--;
        return void res.writeHead(503).end();
      }
      if (req.headers.authorization !== 'Bearer T1')
        return void res
          .writeHead(401, {'WWW-Authenticate': `Bearer realm="${origin}/token",service="reg",scope="x"`})
          .end();
      res.writeHead(200, {'Content-Type': 'application/vnd.oci.image.manifest.v1+json'}).end('{"schemaVersion":2}');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('asks the realm for a token for the repository with the credentials, then reads with it', async () => {
    const name = `127.0.0.1:${origin.split(':')[2]}/o/app`;
    const registry = new Registry(name, {retries: 0, backoffMs: 1}, {creds: () => ({username: 'bot', secret: 'pw'})});
    const found = await registry.manifest('1', ['application/vnd.oci.image.manifest.v1+json']);
    expect(found?.bytes.toString()).toBe('{"schemaVersion":2}');
    expect(seen).toEqual([
      'GET /v2/o/app/manifests/1 -',
      `GET /token?service=reg&scope=repository%3Ao%2Fapp%3Apull ${`Basic ${Buffer.from('bot:pw').toString('base64')}`}`,
      'GET /v2/o/app/manifests/1 Bearer T1'
    ]);
  });
  it('retries a 503 within the budget, and fails with the status once it is spent', async () => {
    const name = `127.0.0.1:${origin.split(':')[2]}/o/app`;
    const registry = new Registry(name, {retries: 2, backoffMs: 1}, {creds: () => ({username: 'bot', secret: 'pw'})});
    failures = 2;
    expect(await registry.manifest('1', ['application/vnd.oci.image.manifest.v1+json'])).toBeDefined();
    failures = 5;
    await expect(registry.manifest('1', ['application/vnd.oci.image.manifest.v1+json'])).rejects.toThrow(
      /: 503 Service Unavailable$/
    );
    failures = 0;
  });
});
