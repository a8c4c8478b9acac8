import {describe, expect, it} from '@jest/globals';
import {buildArgs, outputArgs} from '../../src/build.js';
import {readConfig} from '../../src/inputs.js';
import {
  checkCompleteness,
  describeIncomplete,
  handoffTag,
  imagetoolsCreateArgs,
  indexAnnotation,
  parseDigests,
  parseRunnerMap,
  planMatrix,
  platformSlug
} from '../../src/matrix.js';
import {platformManifestDigest} from '../../src/merge.js';
import {parseRawManifest} from '../../src/parsers.js';
import {refsToVerify} from '../../src/verify.js';
import {fixture} from '../helpers.js';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const config = (inputs: Record<string, string>) =>
  readConfig(n => inputs[n] ?? '', {exists: () => true, isDirectory: () => true, env: {}});

describe('handoff naming', () => {
  it('suffixes the tag with the platform slug', () => {
    expect(platformSlug('linux/arm/v7')).toBe('linux-arm-v7');
    expect(handoffTag('localhost:5000/app:1.2', 'linux/arm64')).toBe('localhost:5000/app:1.2-linux-arm64');
    expect(handoffTag('localhost:5000/app', 'linux/amd64')).toBe('localhost:5000/app:latest-linux-amd64');
  });
  it('gives every platform its own name, none a prefix of another', () => {
    const platforms = [
      'linux/arm',
      'linux/arm/v6',
      'linux/arm64',
      'linux/amd64',
      'linux/amd64/v3',
      'linux/386',
      'linux/s390x'
    ];
    const names = platforms.map(p => handoffTag('r/app:1', p));
    expect(new Set(names).size).toBe(platforms.length);
    // exact tags cannot collide; the slugs themselves stay distinct after the separator is added
    const slugs = platforms.map(p => `${platformSlug(p)}.`);
    expect(slugs.filter(a => slugs.some(b => a !== b && b.startsWith(a)))).toEqual([]);
  });
  it('refuses a handoff tag over 128 characters', () => {
    expect(() => handoffTag(`r/app:${'x'.repeat(120)}`, 'linux/arm64')).toThrow('longer than 128 characters');
  });
});

describe('digests input and completeness', () => {
  it('parses platform=digest lines, normalising platforms', () => {
    expect(parseDigests([`linux/aarch64=${d('a')}`, `linux/arm=${d('b')}`])).toEqual([
      {platform: 'linux/arm64', digest: d('a')},
      {platform: 'linux/arm/v7', digest: d('b')}
    ]);
  });
  it.each([
    ['linux/arm64', 'is not platform=sha256:<64 hex>'],
    [`linux/arm64=sha256:${'a'.repeat(63)}`, 'not sha256: followed by 64 lowercase hex digits'],
    [`linux/arm64=sha256:${'A'.repeat(64)}`, 'not sha256: followed by 64'],
    [`linux/arm99=${d('a')}`, 'unknown architecture "arm99"']
  ])('refuses %s', (line, message) => {
    expect(() => parseDigests([line])).toThrow(message);
  });
  it('finds missing, duplicated and unexpected legs', () => {
    const expected = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];
    const c = checkCompleteness(expected, [
      {platform: 'linux/amd64', digest: d('a')},
      {platform: 'linux/arm64', digest: d('b')},
      {platform: 'linux/arm64', digest: d('c')},
      {platform: 'linux/s390x', digest: d('e')}
    ]);
    expect(c.sources).toEqual([{platform: 'linux/amd64', digest: d('a')}]);
    expect(describeIncomplete(c)).toBe(
      'no digest for linux/arm/v7; more than one digest for linux/arm64; digests for unrequested linux/s390x'
    );
    expect(describeIncomplete(checkCompleteness(['linux/amd64'], [{platform: 'linux/amd64', digest: d('a')}]))).toBe(
      ''
    );
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

describe('platform legs', () => {
  const leg = {mode: 'platform', platforms: 'linux/arm64', tags: 'localhost:5000/app:1,localhost:5000/app:latest'};
  it('pushes to the handoff tags with OCI media types', () => {
    const c = config(leg);
    expect(outputArgs(c)).toEqual([
      '--output',
      'type=image,"name=localhost:5000/app:1-linux-arm64,localhost:5000/app:latest-linux-arm64",oci-mediatypes=true,push=true'
    ]);
    expect(buildArgs(c, {builder: 'b', metadataFile: '/m', secretFiles: {}})).not.toContain('--tag');
    expect(refsToVerify(c, d('a'))).toEqual([
      'localhost:5000/app:1-linux-arm64',
      'localhost:5000/app:latest-linux-arm64'
    ]);
  });
  it('pushes by digest to the tags names without handoff', () => {
    const c = config({...leg, handoff: 'none'});
    expect(outputArgs(c)).toEqual([
      '--output',
      'type=image,"name=localhost:5000/app",push-by-digest=true,name-canonical=true,oci-mediatypes=true,push=true'
    ]);
    expect(refsToVerify(c, d('a'))).toEqual([`localhost:5000/app@${d('a')}`]);
  });
});

describe('plan mode', () => {
  it('maps platforms to the default runners and marks 32-bit arm for QEMU', () => {
    expect(planMatrix(['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/s390x'], {}).include).toEqual([
      {platform: 'linux/amd64', 'platform-slug': 'linux-amd64', runner: 'ubuntu-24.04', qemu: false},
      {platform: 'linux/arm64', 'platform-slug': 'linux-arm64', runner: 'ubuntu-24.04-arm', qemu: false},
      {platform: 'linux/arm/v7', 'platform-slug': 'linux-arm-v7', runner: 'ubuntu-24.04-arm', qemu: true},
      {platform: 'linux/s390x', 'platform-slug': 'linux-s390x', runner: 'ubuntu-24.04', qemu: true}
    ]);
  });
  it('takes arch and platform keys, the more specific winning, and self-hosted label lists', () => {
    const map = parseRunnerMap(['arm=["self-hosted","armv7"]', 'linux/arm/v6=pi-zero', 's390x=mainframe']);
    expect(
      planMatrix(['linux/arm/v7', 'linux/arm/v6', 'linux/s390x'], map).include.map(l => [l.runner, l.qemu])
    ).toEqual([
      [['self-hosted', 'armv7'], false],
      ['pi-zero', false],
      ['mainframe', false]
    ]);
  });
  it.each([
    ['arm64', 'is not arch=runner-label'],
    ['arm64=', 'is not arch=runner-label'],
    ['arm64=[oops', 'not a JSON list of labels'],
    ['linux/arm99=x', 'unknown architecture']
  ])('refuses runner-map line %s', (line, message) => {
    expect(() => parseRunnerMap([line])).toThrow(message);
  });
});
