import {describe, expect, it} from '@jest/globals';
import {planPlatforms} from '../../../src/model/strategy.js';
import {type BinfmtEntry} from '../../../src/model/types.js';
const entry = (name: string, flags = 'POF', enabled = true): BinfmtEntry => ({name, enabled, flags, interpreter: '/q'});
const registered = [entry('qemu-aarch64'), entry('qemu-arm')];

describe('planPlatforms', () => {
  it('runs amd64 natively and emulates the rest, installing nothing already registered', () => {
    const plan = planPlatforms(['linux/amd64', 'linux/arm64', 'linux/arm/v7'], 'x64', registered, 'auto');
    expect(plan.platforms).toEqual([
      {platform: 'linux/amd64', strategy: 'native'},
      {platform: 'linux/arm64', strategy: 'qemu', emulator: 'qemu-aarch64'},
      {platform: 'linux/arm/v7', strategy: 'qemu', emulator: 'qemu-arm'}
    ]);
    expect(plan.install).toEqual([]);
  });
  it('installs only the missing emulators, once each', () => {
    const plan = planPlatforms(
      ['linux/arm64', 'linux/s390x', 'linux/arm/v6', 'linux/arm/v7'],
      'x64',
      [entry('qemu-aarch64')],
      'auto'
    );
    expect(plan.install).toEqual(['s390x', 'arm']);
  });
  it('counts an entry without the F flag, or disabled, as missing (it cannot run inside build containers)', () => {
    const plan = planPlatforms(
      ['linux/arm64', 'linux/arm/v7'],
      'x64',
      [entry('qemu-aarch64', 'OC'), entry('qemu-arm', 'POF', false)],
      'auto'
    );
    expect(plan.install).toEqual(['arm64', 'arm']);
  });
  it('reinstalls every emulated platform with qemu: true', () => {
    expect(planPlatforms(['linux/amd64', 'linux/arm64'], 'x64', registered, 'true').install).toEqual(['arm64']);
  });
  it('uses registered emulators with qemu: false, and fails before building when one is missing', () => {
    expect(planPlatforms(['linux/arm64'], 'x64', registered, 'false').install).toEqual([]);
    expect(() => planPlatforms(['linux/s390x'], 'x64', registered, 'false')).toThrow(
      'linux/s390x needs the QEMU emulator qemu-s390x, which is not registered, and qemu is false'
    );
  });
  it('on an arm64 host, runs arm64 natively and emulates amd64', () => {
    const plan = planPlatforms(['linux/amd64', 'linux/arm64'], 'arm64', [], 'auto');
    expect(plan.platforms.map(p => p.strategy)).toEqual(['qemu', 'native']);
    expect(plan.install).toEqual(['amd64']);
  });
  it('refuses a platform nothing can serve, naming it', () => {
    expect(() => planPlatforms(['linux/ppc64'], 'x64', [], 'auto')).toThrow('linux/ppc64 runs neither natively');
  });
});

describe('planning with nodes', () => {
  const nodes = [{name: 'arm', platforms: ['linux/arm64', 'linux/arm/v7']}];
  it('sends the node its platforms and installs no emulator for them', () => {
    const plan = planPlatforms(['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/s390x'], 'x64', [], 'auto', nodes);
    expect(plan.platforms.map(p => [p.platform, p.strategy, p.node ?? p.emulator ?? ''])).toEqual([
      ['linux/amd64', 'native', ''],
      ['linux/arm64', 'node', 'arm'],
      ['linux/arm/v7', 'node', 'arm'],
      ['linux/s390x', 'qemu', 'qemu-s390x']
    ]);
    expect(plan.install).toEqual(['s390x']);
  });
  it('lets a listed node take even a platform the runner could run', () => {
    expect(
      planPlatforms(['linux/amd64'], 'x64', [], 'auto', [{name: 'big', platforms: ['linux/amd64']}]).platforms[0]
    ).toEqual({
      platform: 'linux/amd64',
      strategy: 'node',
      node: 'big'
    });
  });
  it('with qemu: false, a platform neither native nor on a node fails before anything runs', () => {
    expect(() => planPlatforms(['linux/s390x'], 'x64', [], 'false', nodes)).toThrow(
      'linux/s390x needs the QEMU emulator qemu-s390x'
    );
  });

  describe('on a measured x64 host', () => {
    const noIa32 = {arch: 'x64', probe: {runs386: false, amd64Level: 3}};
    it('linux/386 on a kernel without IA32 emulation gets qemu-i386 installed', () => {
      const plan = planPlatforms(['linux/amd64', 'linux/386'], noIa32, [], 'auto');
      expect(plan).toEqual({
        platforms: [
          {platform: 'linux/amd64', strategy: 'native'},
          {platform: 'linux/386', strategy: 'qemu', emulator: 'qemu-i386'}
        ],
        install: ['386']
      });
    });
    it('linux/386 where an i386 binary ran is native, and nothing is installed', () => {
      const plan = planPlatforms(['linux/386'], {arch: 'x64', probe: {runs386: true, amd64Level: 3}}, [], 'auto');
      expect(plan).toEqual({platforms: [{platform: 'linux/386', strategy: 'native'}], install: []});
    });
    it('an enabled qemu-i386 entry runs i386 whatever the kernel could: emulated through it, nothing installed', () => {
      const host = {arch: 'x64', probe: {runs386: true, amd64Level: 3}};
      const plan = planPlatforms(['linux/386'], host, [entry('qemu-i386', 'POCF')], 'auto');
      expect(plan).toEqual({
        platforms: [{platform: 'linux/386', strategy: 'qemu', emulator: 'qemu-i386'}],
        install: []
      });
    });
    it('qemu false with i386 neither native nor registered is refused with the fix', () => {
      expect(() => planPlatforms(['linux/386'], noIa32, [], 'false')).toThrow(
        'linux/386 needs the QEMU emulator qemu-i386, which is not registered, and qemu is false'
      );
    });
    it('an amd64 variant above the CPU level builds natively (no emulator for the own architecture), with a warning', () => {
      const plan = planPlatforms(['linux/amd64/v3', 'linux/amd64/v4'], noIa32, [], 'auto');
      expect(plan.platforms).toEqual([
        {platform: 'linux/amd64/v3', strategy: 'native'},
        {platform: 'linux/amd64/v4', strategy: 'native'}
      ]);
      expect(plan.install).toEqual([]);
      expect(plan.warnings).toEqual([
        "linux/amd64/v4 needs CPU features this runner's CPU may lack (it implements x86-64-v3): RUN steps run " +
          'natively and stop with "illegal instruction" where a binary uses them; build it on a runner or node whose CPU has them'
      ]);
    });
    it('arm64/v9 on an arm64 host is its own architecture too: no qemu-aarch64 over the native binaries', () => {
      const plan = planPlatforms(['linux/arm64/v9'], 'arm64', [], 'auto');
      expect(plan.install).toEqual([]);
      expect(plan.platforms).toEqual([{platform: 'linux/arm64/v9', strategy: 'native'}]);
      expect(plan.warnings).toHaveLength(1);
    });
  });
});
