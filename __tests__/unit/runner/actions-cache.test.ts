import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {cacheFingerprint} from '../../../src/runner/actions-cache.js';
import {ROOT} from '../../helpers.js';

const FIXTURES = path.join(ROOT, '__tests__', 'fixtures');
const run = (n: number): string => path.join(FIXTURES, `buildkit-0.13-local-cache-3platforms-run${n}`);
const topDigest = (dir: string): string =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as {manifests: {digest: string}[]}).manifests[0]
    .digest;

describe('cacheFingerprint', () => {
  it('two runs that wrote the same layers and records in another order have one fingerprint', () => {
    // captured from BuildKit 0.13: a 3-platform build, then a warm one on a fresh builder, every step cached
    expect(topDigest(run(1))).not.toBe(topDigest(run(2)));
    expect(cacheFingerprint(run(1))).not.toBe('');
    expect(cacheFingerprint(run(1))).toBe(cacheFingerprint(run(2)));
    const {layers, records} = JSON.parse(cacheFingerprint(run(1))) as {layers: string[]; records: string[]};
    expect(layers.length).toBeGreaterThan(0);
    expect(records.length).toBeGreaterThan(0);
  });

  it('a cache with one record more differs; a dir without a cache has none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-fp-'));
    fs.cpSync(run(1), dir, {recursive: true});
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as {manifests: {digest: string}[]};
    const cacheFile = path.join(dir, 'blobs', ...index.manifests[0].digest.split(':'));
    const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as {manifests: {mediaType: string; digest: string}[]};
    const configFile = path.join(
      dir,
      'blobs',
      ...cache.manifests.find(m => m.mediaType.includes('cacheconfig'))!.digest.split(':')
    );
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as {records: {digest: string}[]};
    config.records.push({digest: `sha256:${'0'.repeat(64)}`});
    fs.writeFileSync(configFile, JSON.stringify(config));
    expect(cacheFingerprint(dir)).not.toBe(cacheFingerprint(run(1)));
    expect(cacheFingerprint(path.join(dir, 'missing'))).toBe('');
    fs.rmSync(dir, {recursive: true, force: true});
  });
});

describe('cacheFingerprint on the image-manifest layout (BuildKit 0.25 writes the local cache so)', () => {
  /** A local cache dir as BuildKit 0.25 exports it: index.json → an image manifest whose config is the cache config. */
  function cacheDir(records: string[], layers: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-fp25-'));
    fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), {recursive: true});
    let n = 0;
    const put = (doc: object): string => {
      const digest = `sha256:${String(++n).padStart(64, '0')}`;
      fs.writeFileSync(path.join(dir, 'blobs', ...digest.split(':')), JSON.stringify(doc));
      return digest;
    };
    const config = put({layers: [], records: records.map(digest => ({digest}))});
    const manifest = put({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {mediaType: 'application/vnd.buildkit.cacheconfig.v0', digest: config},
      layers: layers.map(digest => ({mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest}))
    });
    fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({manifests: [{digest: manifest}]}));
    return dir;
  }
  it('reads the records and layers of the manifest: the same cache in another order is alike, another build not', () => {
    const a = cacheDir(['sha256:r1', 'sha256:r2'], ['sha256:l1', 'sha256:l2']);
    const b = cacheDir(['sha256:r2', 'sha256:r1'], ['sha256:l2', 'sha256:l1']);
    const changed = cacheDir(['sha256:r1', 'sha256:r3'], ['sha256:l1', 'sha256:l3']);
    expect(JSON.parse(cacheFingerprint(a))).toEqual({
      layers: ['sha256:l1', 'sha256:l2'],
      records: ['sha256:r1', 'sha256:r2']
    });
    expect(cacheFingerprint(b)).toBe(cacheFingerprint(a));
    expect(cacheFingerprint(changed)).not.toBe(cacheFingerprint(a));
  });
});
