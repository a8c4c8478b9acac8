import {describe, expect, it} from '@jest/globals';
import {
  imagetoolsCreateArgs,
  indexAnnotation,
  parseRawManifest,
  inspectRawArgs
} from '../../../src/docker/imagetools.js';
import {platformManifestDigest} from '../../../src/model/legs.js';
import {fixture} from '../../helpers.js';
const d = (c: string): string => `sha256:${c.repeat(64)}`;

describe('imagetools inspect argv', () => {
  it('reads manifests raw', () => {
    expect(inspectRawArgs('localhost:5000/a:1')).toEqual([
      'buildx',
      'imagetools',
      'inspect',
      '--raw',
      'localhost:5000/a:1'
    ]);
  });
});

describe('merge argv and annotations', () => {
  it('maps unqualified annotations to the index and keeps explicit levels', () => {
    expect(indexAnnotation('org.opencontainers.image.source=https://example.test/r')).toBe(
      'index:org.opencontainers.image.source=https://example.test/r'
    );
    expect(indexAnnotation('index-descriptor:a=b')).toBe('index-descriptor:a=b');
    expect(indexAnnotation('manifest[linux/amd64]:a=b')).toBe('manifest[linux/amd64]:a=b');
  });
  it('creates the index with every tag, then the legs', () => {
    expect(imagetoolsCreateArgs(['r/a:1', 'r/a:latest'], ['k=v'], [`r/a@${d('a')}`, `r/a@${d('b')}`])).toEqual([
      'buildx',
      'imagetools',
      'create',
      '--tag',
      'r/a:1',
      '--tag',
      'r/a:latest',
      '--annotation',
      'index:k=v',
      `r/a@${d('a')}`,
      `r/a@${d('b')}`
    ]);
  });
  it('finds the platform manifest inside a leg, and refuses a leg of another platform', () => {
    const leg = parseRawManifest(fixture('imagetools-0.13-raw-single-manifest.json'));
    expect(platformManifestDigest(leg, 'linux/arm64')).toBe(leg.digest);
    const three = parseRawManifest(fixture('imagetools-0.13-raw-oci-index-3platforms.json'));
    expect(platformManifestDigest(three, 'linux/amd64')).toBeUndefined();
  });
});

describe('parseRawManifest (imagetools inspect --raw)', () => {
  it('reads an OCI index, marks attestations and hashes the exact bytes', () => {
    const m = parseRawManifest(fixture('imagetools-0.13-raw-oci-index-3platforms.json'));
    expect(m.digest).toBe('sha256:e9a898fa63f8be414df27bbf0452d89371741a1e61c05a107555dc59863a9274');
    expect(m.isList).toBe(true);
    expect(m.entries.filter(e => !e.attestation).map(e => e.platform)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm/v7'
    ]);
    expect(m.entries.filter(e => e.attestation).map(e => e.platform)).toEqual([
      'unknown/unknown',
      'unknown/unknown',
      'unknown/unknown'
    ]);
  });
  it('reads a Docker manifest list (provenance off)', () => {
    const m = parseRawManifest(fixture('imagetools-0.13-raw-docker-list.json'));
    expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(m.entries.map(e => e.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(m.entries.some(e => e.attestation)).toBe(false);
  });
  it('reads a single image manifest as not a list', () => {
    const m = parseRawManifest(fixture('imagetools-0.13-raw-single-manifest.json'));
    expect(m.isList).toBe(false);
    expect(m.entries).toEqual([]);
    expect(m.digest).toBe('sha256:0d68ed20a076302e7925be791e7284b325e15742b9d6824efb1ef290ee4325ec');
  });
  it('refuses output that is not JSON', () => {
    expect(() => parseRawManifest('ERROR: not found')).toThrow('did not print JSON');
  });
});
