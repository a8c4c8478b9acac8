import {describe, expect, it} from '@jest/globals';
import {
  emulatorFor,
  hostNativePlatforms,
  normalizePlatform,
  parsePlatformList,
  fallbackPlatforms
} from '../../../src/model/platform.js';
describe('normalizePlatform', () => {
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['Linux/AMD64', 'linux/amd64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/arm/v6', 'linux/arm/v6'],
    ['linux/i386', 'linux/386'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    [' linux/s390x ', 'linux/s390x']
  ])('%s → %s', (input, expected) => {
    expect(normalizePlatform(input)).toBe(expected);
  });

  it.each([
    ['linux', 'is not a platform'],
    ['linux/arm/v7/x', 'is not a platform'],
    ['linux//v7', 'is not a platform'],
    ['lunix/amd64', 'unknown OS "lunix"'],
    ['linux/amd65', 'unknown architecture "amd65"'],
    ['linux/amd64/v9', 'unknown variant "v9" for amd64'],
    ['linux/s390x/v1', 's390x takes no variant']
  ])('refuses %s', (input, message) => {
    expect(() => normalizePlatform(input)).toThrow(message);
  });
});

describe('parsePlatformList', () => {
  it('keeps order and refuses duplicates after normalisation', () => {
    expect(parsePlatformList(['linux/amd64', 'linux/arm64'])).toEqual(['linux/amd64', 'linux/arm64']);
    expect(() => parsePlatformList(['linux/amd64', 'linux/x86_64'])).toThrow(
      '"linux/amd64" and "linux/x86_64" are the same platform (linux/amd64)'
    );
  });
});

describe('emulators and hosts', () => {
  it('maps platforms to the binfmt installer name and binfmt_misc entry', () => {
    expect(emulatorFor('linux/arm64')).toEqual({install: 'arm64', binfmt: 'qemu-aarch64'});
    expect(emulatorFor('linux/arm/v7')).toEqual({install: 'arm', binfmt: 'qemu-arm'});
    expect(emulatorFor('linux/ppc64')).toBeUndefined();
  });
  it('knows what an x64 and an arm64 host run natively', () => {
    expect(hostNativePlatforms('x64')).toContain('linux/386');
    expect(hostNativePlatforms('arm64')).toEqual(['linux/arm64']);
  });
});

describe("containerd's platform fallback (what BuildKit picks from a base image)", () => {
  it.each([
    ['linux/arm/v8', ['linux/arm/v8', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5']],
    ['linux/arm/v6', ['linux/arm/v6', 'linux/arm/v5']],
    ['linux/amd64/v3', ['linux/amd64/v3', 'linux/amd64/v2', 'linux/amd64']],
    ['linux/amd64', ['linux/amd64']],
    ['linux/arm64', ['linux/arm64']],
    ['linux/s390x', ['linux/s390x']]
  ])('%s → %j', (platform, fallbacks) => expect(fallbackPlatforms(platform)).toEqual(fallbacks));
});
