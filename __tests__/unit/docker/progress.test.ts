import {describe, expect, it} from '@jest/globals';
import {cacheExportError, parseCacheUsage, whenBooted} from '../../../src/docker/progress.js';
import {cacheHitJson} from '../../../src/runner/summary.js';
import {fixture} from '../../helpers.js';

const THREE = ['linux/arm64', 'linux/amd64', 'linux/arm/v7'];
describe('whenBooted (buildx progress lines)', () => {
  const feed = (lines: string[]): number => {
    let calls = 0;
    const onLine = whenBooted(() => calls++);
    lines.forEach(onLine);
    return calls;
  };
  it('fires once, at the first step after the builder booted', () => {
    const boot = [
      '#0 building with "b" instance using docker-container driver',
      '#1 [internal] booting buildkit',
      '#1 pulling image x done',
      '#1 DONE 0.4s'
    ];
    expect(feed(boot)).toBe(0);
    expect(
      feed([...boot, '#2 [internal] load build definition from Dockerfile', '#3 [internal] load .dockerignore'])
    ).toBe(1);
  });
  it('fires at the first step when the builder was already up', () => {
    expect(feed(['#1 [internal] load build definition from Dockerfile', '#1 DONE 0.0s'])).toBe(1);
    expect(feed(['some other output', ''])).toBe(0);
  });
  it("bake's: not at its definition step before the boot, at the first step after it", () => {
    const lines = fixture('buildx-0.29-bake-progress-two-targets.txt').split('\n');
    const boot = lines.findIndex(l => l.startsWith('#2 DONE'));
    expect(feed(lines.slice(0, boot + 1))).toBe(0);
    expect(feed(lines)).toBe(1);
  });
});

describe('cache figures from the build record', () => {
  const lines = (name: string) => fixture(name).split('\n');
  it('a warm 3-platform build after a prune: every step of every platform cached', () => {
    const usage = parseCacheUsage(lines('buildx-0.13-cache-warm-3platforms.txt'), THREE);
    expect(Object.fromEntries(usage)).toEqual({
      'linux/arm64': {cached: 3, steps: 3},
      'linux/amd64': {cached: 3, steps: 3},
      'linux/arm/v7': {cached: 3, steps: 3}
    });
    expect((JSON.parse(cacheHitJson(usage)) as Record<string, {hit: boolean}>)['linux/arm64']).toEqual({
      cached: 3,
      steps: 3,
      hit: true
    });
  });
  it('a cold build: nothing cached (the missing cache ref is not an export error)', () => {
    const cold = lines('buildx-0.13-cache-cold-3platforms.txt');
    expect(parseCacheUsage(cold, THREE).get('linux/amd64')).toEqual({cached: 0, steps: 3});
    expect(cacheExportError(cold)).toBe('');
  });
  it('a single-platform build with a changed first RUN: the steps after it re-run', () => {
    const usage = parseCacheUsage(lines('buildx-0.13-cache-partial-single.txt'), ['linux/arm64']);
    expect(usage.get('linux/arm64')).toEqual({cached: 0, steps: 3});
    expect((JSON.parse(cacheHitJson(usage)) as Record<string, {hit: boolean}>)['linux/arm64'].hit).toBe(false);
  });
  it('counts a cross stage for its target and a platform-less step for every platform', () => {
    const usage = parseCacheUsage(
      ['#5 [linux/amd64->arm64 build 2/3] RUN go build', '#5 CACHED', '#6 [stage-1 2/2] COPY a b', '#6 DONE 0.1s'],
      ['linux/amd64', 'linux/arm64']
    );
    expect(usage.get('linux/arm64')).toEqual({cached: 1, steps: 2});
    expect(usage.get('linux/amd64')).toEqual({cached: 0, steps: 1});
  });
  it('finds the error of a cache export that failed (ignored or not)', () => {
    for (const name of ['buildx-0.13-cache-export-failed-ignored.txt', 'buildx-0.13-cache-export-failed.txt']) {
      expect(cacheExportError(lines(name))).toMatch(
        /^error writing layer blob: failed to do request: Head .*connection refused$/
      );
    }
  });
});
