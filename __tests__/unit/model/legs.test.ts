import {describe, expect, it} from '@jest/globals';
import {parseDigests} from '../../../src/inputs/matrix.js';
import {checkCompleteness, describeIncomplete, handoffTag, platformSlug} from '../../../src/model/legs.js';
const d = (c: string): string => `sha256:${c.repeat(64)}`;

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
