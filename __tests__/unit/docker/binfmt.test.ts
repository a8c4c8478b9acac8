import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {binfmtInstallArgs, ensureEmulators, parseBinfmtEntry, readBinfmt} from '../../../src/docker/binfmt.js';
import {Exec, type RunResult} from '../../../src/docker/exec.js';
import {Docker} from '../../../src/docker/cli.js';
import {planPlatforms} from '../../../src/model/strategy.js';
import {fixture} from '../../helpers.js';

const docker = new Docker({retries: 3, backoffMs: 2000});
const result = (exitCode: number, stderr = '', stdout = ''): RunResult => ({exitCode, stdout, stderr});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('binfmt installer argv', () => {
  it('runs the binfmt image privileged with the install list', () => {
    expect(binfmtInstallArgs('tonistiigi/binfmt:qemu-v10.2.3-68', ['arm64', 's390x'])).toEqual([
      'run',
      '--privileged',
      '--rm',
      'tonistiigi/binfmt:qemu-v10.2.3-68',
      '--install',
      'arm64,s390x'
    ]);
  });
});

describe('ensureEmulators', () => {
  const binfmtDir = (entries: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binfmt-'));
    fs.writeFileSync(path.join(dir, 'status'), 'enabled\n');
    for (const [name, text] of Object.entries(entries)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it('runs the installer for the missing emulator only and checks the kernel took it', async () => {
    const dir = binfmtDir({'qemu-aarch64': fixture('binfmt-qemu-aarch64.txt')});
    const plan = planPlatforms(['linux/amd64', 'linux/arm64', 'linux/arm/v7'], 'x64', readBinfmt(dir), 'auto');
    const once = jest.spyOn(Exec, 'once').mockImplementation(() => {
      fs.writeFileSync(path.join(dir, 'qemu-arm'), fixture('binfmt-qemu-arm.txt'));
      return Promise.resolve(result(0));
    });
    await expect(ensureEmulators(docker, plan, 'bin/fmt:1', dir)).resolves.toEqual({
      alreadyRegistered: ['qemu-aarch64'],
      installed: ['qemu-arm'],
      emulated: ['linux/arm64', 'linux/arm/v7']
    });
    expect(once).toHaveBeenCalledWith(
      'docker',
      ['run', '--privileged', '--rm', 'bin/fmt:1', '--install', 'arm'],
      expect.anything()
    );
  });
  it('runs nothing when every emulator is there', async () => {
    const dir = binfmtDir({'qemu-aarch64': fixture('binfmt-qemu-aarch64.txt')});
    const once = jest.spyOn(Exec, 'once');
    const plan = planPlatforms(['linux/arm64'], 'x64', readBinfmt(dir), 'auto');
    await expect(ensureEmulators(docker, plan, 'bin/fmt:1', dir)).resolves.toMatchObject({installed: []});
    expect(once).not.toHaveBeenCalled();
  });
  it('fails, naming the emulator and the fix, when the installer ran but registered nothing', async () => {
    const dir = binfmtDir({});
    jest.spyOn(Exec, 'once').mockResolvedValue(result(0));
    const plan = planPlatforms(['linux/s390x'], 'x64', readBinfmt(dir), 'auto');
    await expect(ensureEmulators(docker, plan, 'bin/fmt:1', dir)).rejects.toThrow(
      'QEMU install ran but qemu-s390x is still not registered with the F flag: check that bin/fmt:1 is a binfmt installer'
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
    expect(parseBinfmtEntry('qemu-x', 'disabled\ninterpreter /q\nflags: \n').enabled).toBe(false);
  });
});
