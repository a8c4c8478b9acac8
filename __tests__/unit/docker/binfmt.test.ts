import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {
  binfmtArgs,
  entriesFromStatus,
  localReadIsNotDaemons,
  parseBinfmtEntry,
  parseBinfmtStatus,
  readBinfmt
} from '../../../src/docker/binfmt.js';
import {binfmtDir, fixture} from '../../helpers.js';

describe('binfmt image argv', () => {
  it('installs, replaces (uninstall first, in the same run) and reads the status', () => {
    const image = 'tonistiigi/binfmt:qemu-v10.2.3-68';
    expect(binfmtArgs(image, {install: ['arm64', 's390x']})).toEqual([
      'run',
      '--privileged',
      '--rm',
      image,
      '--install',
      'arm64,s390x'
    ]);
    expect(binfmtArgs(image, {install: ['riscv64'], uninstall: ['qemu-riscv64']})).toEqual([
      'run',
      '--privileged',
      '--rm',
      image,
      '--uninstall',
      'qemu-riscv64',
      '--install',
      'riscv64'
    ]);
    expect(binfmtArgs(image)).toEqual(['run', '--privileged', '--rm', image]);
  });
});

describe('the binfmt status (what the daemon kernel runs in a container)', () => {
  it('every emulator registered: each usable', () => {
    const status = parseBinfmtStatus(fixture('binfmt-lab-status-all.json'))!;
    expect(status.emulators).toEqual(['qemu-aarch64', 'qemu-arm', 'qemu-ppc64le', 'qemu-riscv64', 'qemu-s390x']);
    expect(entriesFromStatus(status).every(e => e.enabled && e.flags === 'F')).toBe(true);
  });
  it('a distro entry without F is registered but runs in no container: not usable', () => {
    // the installer refused the existing name (its log, on stderr) and printed the status
    const status = parseBinfmtStatus(fixture('binfmt-lab-install-riscv64-already.json'))!;
    expect(status.supported).not.toContain('linux/riscv64');
    const riscv = entriesFromStatus(status).find(e => e.name === 'qemu-riscv64');
    expect(riscv).toEqual({name: 'qemu-riscv64', enabled: true, interpreter: '', flags: ''});
    expect(entriesFromStatus(status).find(e => e.name === 'qemu-arm')?.flags).toBe('F');
  });
  it('no status printed (a failed mount, another image): undefined', () => {
    expect(parseBinfmtStatus('')).toBeUndefined();
    expect(parseBinfmtStatus('error: cannot mount binfmt_misc filesystem')).toBeUndefined();
  });
});

describe('whose binfmt_misc the step reads', () => {
  const mounted = binfmtDir({});
  it("a local unix socket with binfmt_misc mounted here: the daemon's (kernel-wide)", () => {
    expect(localReadIsNotDaemons('unix:///var/run/docker.sock', mounted)).toBe('');
  });
  it('another kernel, Docker Desktop, or a step without binfmt_misc mounted: ask the daemon', () => {
    expect(localReadIsNotDaemons('tcp://dind:2376', mounted)).toBe(
      "docker is reached at tcp://dind:2376, another machine's kernel"
    );
    expect(localReadIsNotDaemons('ssh://me@host', mounted)).toMatch(/another machine's kernel/);
    expect(localReadIsNotDaemons('unix:///home/me/.docker/desktop/docker.sock', mounted)).toMatch(/Docker Desktop/);
    expect(localReadIsNotDaemons('unix:///var/run/docker.sock', path.join(mounted, 'none'))).toMatch(
      /binfmt_misc is not mounted at .* where this step runs \(a container, or another mount namespace\)/
    );
  });
});

describe('parseBinfmtEntry (from /proc/sys/fs/binfmt_misc)', () => {
  it('reads state, interpreter and flags', () => {
    expect(parseBinfmtEntry('qemu-arm', fixture('binfmt-qemu-arm.txt'))).toEqual({
      name: 'qemu-arm',
      enabled: true,
      interpreter: '/tmp/lab/root/usr/libexec/qemu-binfmt/arm-binfmt-P',
      flags: 'POF'
    });
    expect(parseBinfmtEntry('qemu-riscv64', fixture('binfmt-qemu-riscv64-distro-noF.txt'))).toMatchObject({
      interpreter: '/usr/libexec/qemu-binfmt/riscv64-binfmt-P',
      flags: 'P'
    });
    expect(parseBinfmtEntry('qemu-x', 'disabled\ninterpreter /q\nflags: \n').enabled).toBe(false);
  });
  it('reads every entry of a dir, none when it is not mounted', () => {
    const dir = binfmtDir({'qemu-arm': fixture('binfmt-qemu-arm.txt')});
    expect(readBinfmt(dir).map(e => e.name)).toEqual(['qemu-arm']);
    expect(readBinfmt(path.join(dir, 'missing'))).toEqual([]);
  });
});
