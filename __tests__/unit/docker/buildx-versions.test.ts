import {createHash} from 'node:crypto';
import {describe, expect, it} from '@jest/globals';
import {parseMetadata} from '../../../src/docker/build.js';
import {parseBuildxInspect} from '../../../src/docker/builder.js';
import {parseBuildxVersion} from '../../../src/docker/buildx-install.js';
import {lastLine} from '../../../src/docker/exec.js';
import {diagnose, transientBuildFailure} from '../../../src/docker/failures.js';
import {parseRawManifest} from '../../../src/docker/imagetools.js';
import {cacheExportError, parseCacheUsage} from '../../../src/docker/progress.js';
import {fixture} from '../../helpers.js';

/**
 * Every parser on the output of both buildx versions the lab runs: 0.13 with BuildKit 0.13 in the builder (the oldest
 * profile) and 0.29 with BuildKit 0.25 (the runner profile, as the runners pull a 0.2x BuildKit), captured from the
 * real CLI by scripts/capture-fixtures.sh. The scenarios are the same; what differs
 * between the versions (error prefixes, metadata keys) must not change what the action reads.
 */

const THREE = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];
/** The connection a push lost: 0.13's capture caught it mid-write, 0.29's at BuildKit's last try (EOF). */
const RESET: Record<string, string> = {'0.13': 'push-reset-closed', '0.29': 'push-reset-eof'};
/** The platform each version's no-match capture asked for besides linux/amd64. */
const MISSING: Record<string, string> = {'0.13': 'linux/mips64le', '0.29': 'linux/riscv64'};

describe.each(['0.13', '0.29'])('buildx %s', version => {
  const buildx = (name: string): string => fixture(`buildx-${version}-${name}`);
  const imagetools = (name: string): string => fixture(`imagetools-${version}-${name}`);

  it('version: the release it prints', () => {
    expect(parseBuildxVersion(buildx('version.txt'))).toMatch(new RegExp(`^${version.replace('.', '\\.')}\\.\\d+`));
  });

  it('metadata file: a pushed index with its tags, and imagetools reads the same bytes back at that digest', () => {
    const push = parseMetadata(buildx('meta-push.json'));
    expect(push.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(push.imageNames).toEqual(['localhost:5000/fx/demo:1', 'localhost:5000/fx/demo:latest']);
    const raw = imagetools('raw-oci-index-3platforms.json');
    const index = parseRawManifest(raw);
    expect(index.digest).toBe(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    expect(index.digest).toBe(push.digest);
    expect(index.entries.filter(e => !e.attestation).map(e => e.platform)).toEqual(THREE);
    expect(index.entries.filter(e => e.attestation)).toHaveLength(3);
  });

  it('metadata file: a single platform (its config digest), a push by digest, a load', () => {
    const single = parseMetadata(buildx('meta-single.json'));
    expect(single.mediaType).toMatch(/manifest\.v\d\+json$/);
    expect(single.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parseRawManifest(imagetools('raw-single-manifest.json')).isList).toBe(false);
    const byDigest = parseMetadata(buildx('meta-bydigest.json'));
    expect(byDigest.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(byDigest.imageNames.every(n => n.startsWith('localhost:5000/fx/'))).toBe(true);
    expect(parseMetadata(buildx('meta-load.json')).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('buildx inspect: the docker-container node with its status, flags, BuildKit and platforms; the engine builder', () => {
    const info = parseBuildxInspect(buildx('inspect-docker-container.txt'));
    expect(info.driver).toBe('docker-container');
    expect(info.nodes[0]).toMatchObject({
      status: 'running',
      endpoint: 'unix:///var/run/docker.sock',
      flags: '--allow-insecure-entitlement=network.host'
    });
    expect(info.nodes[0].buildkitVersion).toMatch(version === '0.29' ? /^v0\.25\.\d+$/ : /^v0\.13/);
    expect(info.nodes[0].platforms).toEqual(expect.arrayContaining([...THREE, 'linux/s390x']));
    expect(parseBuildxInspect(buildx('inspect-docker.txt'))).toMatchObject({name: 'default', driver: 'docker'});
  });

  it('plain progress: a cold 3-platform build caches nothing, the warm one on a fresh builder every step', () => {
    const cold = buildx('cache-cold-3platforms.txt').split('\n');
    const warm = buildx('cache-warm-3platforms.txt').split('\n');
    for (const p of THREE) {
      expect(parseCacheUsage(cold, THREE).get(p)).toEqual({cached: 0, steps: 3});
      expect(parseCacheUsage(warm, THREE).get(p)).toEqual({cached: 3, steps: 3});
    }
    expect(cacheExportError(cold)).toBe('');
    expect(cacheExportError(warm)).toBe('');
  });

  it('error lines: a base without the platform is named; a failing RUN is the build’s own failure', () => {
    expect(diagnose(buildx('no-match-for-platform.txt'), ['linux/amd64', MISSING[version]])).toEqual({
      title: 'Base image lacks a platform',
      message: `localhost:5000/busybox:latest publishes no ${MISSING[version]}: drop the platform, or pick a base (or tag) that publishes it; preflight: true finds this before the build`
    });
    const failed = buildx('build-failed.log');
    expect(diagnose(failed, ['linux/amd64'])).toBeUndefined();
    expect(transientBuildFailure(failed)).toBeUndefined();
    expect(lastLine(failed)).toMatch(
      /^ERROR: (failed to build: )?failed to solve: process .* did not complete successfully/
    );
  });

  // captured through the e2e fault proxy by scripts/capture-fault-fixtures.mjs
  it('error lines of a faulty registry: a refused push named, a push that passes or a boot pull on 503 retried', () => {
    const refused = buildx('push-401.txt');
    expect(diagnose(refused, ['linux/amd64'])?.title).toBe('Registry refused the credentials');
    expect(transientBuildFailure(refused)).toBeUndefined();
    for (const name of ['push-429.txt', 'push-503.txt', `${RESET[version]}.txt`]) {
      expect(transientBuildFailure(buildx(name))).toBe('Push');
      expect(diagnose(buildx(name), ['linux/amd64'])).toBeUndefined();
    }
    expect(transientBuildFailure(buildx('boot-pull-503.txt'))).toBe('Builder boot');
  });

  it('error lines of a cache export that failed: named as such, and found in the progress when ignored', () => {
    const failed = buildx('cache-export-failed.txt');
    expect(diagnose(failed, ['linux/amd64'])?.title).toBe('Cache export failed');
    expect(transientBuildFailure(failed)).toBeUndefined();
    for (const name of ['cache-export-failed.txt', 'cache-export-failed-ignored.txt'])
      expect(cacheExportError(buildx(name).split('\n'))).toMatch(/^error writing layer blob: .*connection refused$/);
  });
});
