import {describe, expect, it} from '@jest/globals';
import {parseBinfmtEntry, parseBuildxInspect, parseMetadata, parseRawManifest} from '../../src/parsers.js';
import {fixture} from '../helpers.js';

describe('parseBinfmtEntry (from /proc/sys/fs/binfmt_misc)', () => {
  it('reads state, interpreter and flags', () => {
    expect(parseBinfmtEntry('qemu-arm', fixture('binfmt-qemu-arm.txt'))).toEqual({
      name: 'qemu-arm',
      enabled: true,
      interpreter: '/tmp/lab/root/usr/libexec/qemu-binfmt/arm-binfmt-P',
      flags: 'POF'
    });
    expect(parseBinfmtEntry('qemu-x', 'disabled\ninterpreter /q\nflags: \n').enabled).toBe(false);
  });
});

describe('parseBuildxInspect (buildx 0.13 text output)', () => {
  it('reads a docker-container builder with its node, status, BuildKit version and platforms', () => {
    const info = parseBuildxInspect(fixture('buildx-0.13-inspect-docker-container.txt'));
    expect(info.name).toBe('fx1');
    expect(info.driver).toBe('docker-container');
    expect(info.nodes).toHaveLength(1);
    expect(info.nodes[0]).toMatchObject({
      name: 'fx10',
      endpoint: 'unix:///var/run/docker.sock',
      status: 'running',
      buildkitVersion: 'v0.13-debian-docker.io-26.1.5+dfsg1-9+deb13u1'
    });
    expect(info.nodes[0].platforms).toEqual(
      expect.arrayContaining(['linux/amd64', 'linux/arm/v7', 'linux/386', 'linux/s390x'])
    );
  });
  it('reads the docker driver builder, whose list lacks arm/v7', () => {
    const info = parseBuildxInspect(fixture('buildx-0.13-inspect-docker.txt'));
    expect(info).toMatchObject({name: 'default', driver: 'docker'});
    expect(info.nodes[0].platforms).not.toContain('linux/arm/v7');
  });
  it('strips the * of pinned platforms', () => {
    const text =
      'Name: b\nDriver: docker-container\nNodes:\nName: b0\nStatus: running\nPlatforms: linux/arm64*, linux/arm/v7*\n';
    expect(parseBuildxInspect(text).nodes[0].platforms).toEqual(['linux/arm64', 'linux/arm/v7']);
  });
  it('refuses output with no builder name', () => {
    expect(() => parseBuildxInspect('ERROR: no builder "x" found')).toThrow('printed no builder name');
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

describe('parseMetadata (--metadata-file)', () => {
  it('reads a pushed index', () => {
    const m = parseMetadata(fixture('buildx-0.13-meta-push.json'));
    expect(m.digest).toBe('sha256:e9a898fa63f8be414df27bbf0452d89371741a1e61c05a107555dc59863a9274');
    expect(m.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(m.imageNames).toEqual(['localhost:5000/fx/demo:1', 'localhost:5000/fx/demo:latest']);
    expect(m.imageId).toBe('');
  });
  it('reads a single-platform build with its config digest', () => {
    const m = parseMetadata(fixture('buildx-0.13-meta-single.json'));
    expect(m.imageId).toBe('sha256:26195a3ced2be6f999127bf66bfa4ea0904f74a307f9bfb16dee6a226e048fdc');
    expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  });
  it('reads a push by digest to two names', () => {
    const m = parseMetadata(fixture('buildx-0.13-meta-bydigest.json'));
    expect(m.imageNames).toEqual(['localhost:5000/fx/a', 'localhost:5000/fx/b']);
    expect(m.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('reads the docker driver and the load output', () => {
    expect(parseMetadata(fixture('buildx-0.13-meta-docker-driver.json')).buildRef).toMatch(/^default\/default\//);
    expect(parseMetadata(fixture('buildx-0.13-meta-load.json')).digest).toBe(
      'sha256:24fce996c99138150da2c9128e0685130db9d2514c6de694b27bd6f6476ecd21'
    );
  });
});
