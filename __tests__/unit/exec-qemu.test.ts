import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {CommandError, Exec, matching, stepped, type RunResult} from '../../src/exec.js';
import {TRANSIENT} from '../../src/retry.js';
import {planPlatforms} from '../../src/plan.js';
import {ensureEmulators, readBinfmt} from '../../src/qemu.js';
import {fixture} from '../helpers.js';

const result = (exitCode: number, stderr = '', stdout = ''): RunResult => ({exitCode, stdout, stderr});
const fast = {attempts: 3, delayMs: stepped([0]), retryOn: matching(TRANSIENT)};

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Exec.run: one retry policy', () => {
  it('retries a transient registry error, then succeeds', async () => {
    const once = jest
      .spyOn(Exec, 'once')
      .mockResolvedValueOnce(result(1, 'ERROR: failed to do request: dial tcp: i/o timeout'))
      .mockResolvedValueOnce(result(0, '', 'ok'));
    await expect(Exec.run('docker', ['buildx', 'imagetools', 'inspect'], {retry: fast})).resolves.toMatchObject({
      stdout: 'ok'
    });
    expect(once).toHaveBeenCalledTimes(2);
  });
  it('fails at once on an error that will not pass, with the CLI line that says why', async () => {
    const once = jest.spyOn(Exec, 'once').mockResolvedValue(result(1, fixture('buildx-0.13-build-failed.log')));
    const run = Exec.run('docker', ['buildx', 'build', '--builder', 'b'], {retry: fast});
    await expect(run).rejects.toBeInstanceOf(CommandError);
    await expect(run).rejects.toThrow(
      'docker buildx build failed (exit 1): ERROR: failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3'
    );
    expect(once).toHaveBeenCalledTimes(1);
  });
  it('gives up after the last attempt', async () => {
    const once = jest.spyOn(Exec, 'once').mockResolvedValue(result(1, '503 Service Unavailable'));
    await expect(Exec.run('docker', ['pull'], {retry: fast})).rejects.toThrow('503 Service Unavailable');
    expect(once).toHaveBeenCalledTimes(3);
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
    await expect(ensureEmulators(plan, 'bin/fmt:1', dir)).resolves.toEqual({
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
    await expect(ensureEmulators(plan, 'bin/fmt:1', dir)).resolves.toMatchObject({installed: []});
    expect(once).not.toHaveBeenCalled();
  });
  it('fails, naming the emulator and the fix, when the installer ran but registered nothing', async () => {
    const dir = binfmtDir({});
    jest.spyOn(Exec, 'once').mockResolvedValue(result(0));
    const plan = planPlatforms(['linux/s390x'], 'x64', readBinfmt(dir), 'auto');
    await expect(ensureEmulators(plan, 'bin/fmt:1', dir)).rejects.toThrow(
      'QEMU install ran but qemu-s390x is still not registered with the F flag: check that bin/fmt:1 is a binfmt installer'
    );
  });
});

describe('build retry classification (buildx 0.13 push errors captured through the fault proxy)', () => {
  it('retries a push that hit 503, never one that hit 401, nor a failed build step', async () => {
    const {isTransientPushFailure} = await import('../../src/build.js');
    const {backoffMs} = await import('../../src/retry.js');
    expect(isTransientPushFailure(fixture('buildx-0.13-push-503.txt'))).toBe(true);
    expect(isTransientPushFailure(fixture('buildx-0.13-push-401.txt'))).toBe(false);
    expect(isTransientPushFailure(fixture('buildx-0.13-build-failed.log'))).toBe(false);
    // exponential with jitter between half and all of the step
    expect([1, 2, 3].map(a => backoffMs(a, 1000, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map(a => backoffMs(a, 1000, () => 1))).toEqual([1000, 2000, 4000]);
  });
});
