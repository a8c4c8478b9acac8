import {describe, expect, it} from '@jest/globals';
import {
  emulatorFor,
  amd64Level,
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
  it('knows what an x64 and an arm64 host run natively: unmeasured, i386 and amd64 up to v3 are assumed', () => {
    expect(hostNativePlatforms('x64')).toEqual(['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/386']);
    expect(hostNativePlatforms('arm64')).toEqual(['linux/arm64']);
  });
  it('on a measured x64 host, linux/386 only where an i386 binary ran and the amd64 variants up to the CPU level', () => {
    expect(hostNativePlatforms('x64', {runs386: false, amd64Level: 3})).toEqual([
      'linux/amd64',
      'linux/amd64/v2',
      'linux/amd64/v3'
    ]);
    expect(hostNativePlatforms('x64', {runs386: true, amd64Level: 1})).toEqual(['linux/amd64', 'linux/386']);
    expect(hostNativePlatforms('x64', {runs386: true, amd64Level: 4})).toContain('linux/amd64/v4');
    // a probe that could not execute anything (noexec temp) leaves i386 assumed
    expect(hostNativePlatforms('x64', {amd64Level: 2})).toEqual(['linux/amd64', 'linux/amd64/v2', 'linux/386']);
  });
  it('reads the x86-64 level from CPU flags: each level needs all of its flags and the levels below', () => {
    const v2 = ['cx16', 'lahf_lm', 'popcnt', 'pni', 'sse4_1', 'sse4_2', 'ssse3'];
    const v3 = ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe', 'xsave'];
    const v4 = ['avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl'];
    expect(amd64Level(['fpu', 'sse2'])).toBe(1);
    expect(amd64Level(v2)).toBe(2);
    expect(amd64Level([...v2, ...v3.filter(f => f !== 'avx2')])).toBe(2);
    expect(amd64Level([...v2, ...v3])).toBe(3);
    expect(amd64Level([...v3, ...v4])).toBe(1);
    expect(amd64Level([...v2, ...v3, ...v4])).toBe(4);
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
