import * as fs from 'node:fs';
import * as path from 'node:path';
import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {readBinfmt} from '../../../src/docker/binfmt.js';
import {Docker} from '../../../src/docker/cli.js';
import {Exec, type RunResult} from '../../../src/docker/exec.js';
import {ensureEmulators, readEmulators} from '../../../src/modes/emulators.js';
import {planPlatforms} from '../../../src/model/strategy.js';
import {binfmtDir, fixture} from '../../helpers.js';

const docker = new Docker({retries: 3, backoffMs: 2000});
const result = (exitCode: number, stderr = '', stdout = ''): RunResult => ({exitCode, stdout, stderr});
const LOCAL = 'unix:///var/run/docker.sock';
const IMAGE = 'bin/fmt:1';
/** The one installer run that replaces a riscv64 entry: uninstall first, then install. */
const REPLACE_RISCV = ['run', '--privileged', '--rm', IMAGE, '--uninstall', 'qemu-riscv64', '--install', 'riscv64'];

afterEach(() => {
  jest.restoreAllMocks();
});

describe('ensureEmulators, the daemon on this kernel (binfmt_misc read here)', () => {
  const local = (dir: string) => ({image: IMAGE, view: {entries: readBinfmt(dir), remote: ''}, host: LOCAL, dir});

  it('runs the installer for the missing emulator only and checks the kernel took it', async () => {
    const dir = binfmtDir({'qemu-aarch64': fixture('binfmt-qemu-aarch64.txt')});
    const plan = planPlatforms(['linux/amd64', 'linux/arm64', 'linux/arm/v7'], 'x64', readBinfmt(dir), 'auto');
    const once = jest.spyOn(Exec, 'once').mockImplementation(() => {
      fs.writeFileSync(path.join(dir, 'qemu-arm'), fixture('binfmt-qemu-arm.txt'));
      return Promise.resolve(result(0));
    });
    await expect(ensureEmulators(docker, plan, local(dir))).resolves.toEqual({
      alreadyRegistered: ['qemu-aarch64'],
      installed: ['qemu-arm'],
      emulated: ['linux/arm64', 'linux/arm/v7']
    });
    expect(once).toHaveBeenCalledWith(
      'docker',
      ['run', '--privileged', '--rm', IMAGE, '--install', 'arm'],
      expect.anything()
    );
  });
  it('runs nothing when every emulator is there', async () => {
    const dir = binfmtDir({'qemu-aarch64': fixture('binfmt-qemu-aarch64.txt')});
    const once = jest.spyOn(Exec, 'once');
    const plan = planPlatforms(['linux/arm64'], 'x64', readBinfmt(dir), 'auto');
    await expect(ensureEmulators(docker, plan, local(dir))).resolves.toMatchObject({installed: []});
    expect(once).not.toHaveBeenCalled();
  });
  it('replaces a distro entry without F (uninstall, then install, in one run) and names it', async () => {
    const dir = binfmtDir({'qemu-riscv64': fixture('binfmt-qemu-riscv64-distro-noF.txt')});
    const plan = planPlatforms(['linux/riscv64'], 'x64', readBinfmt(dir), 'auto');
    expect(plan.install).toEqual(['riscv64']);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const once = jest.spyOn(Exec, 'once').mockImplementation(() => {
      fs.writeFileSync(path.join(dir, 'qemu-riscv64'), 'enabled\ninterpreter /usr/bin/qemu-riscv64\nflags: OCF\n');
      return Promise.resolve(result(0));
    });
    await expect(ensureEmulators(docker, plan, local(dir))).resolves.toMatchObject({installed: ['qemu-riscv64']});
    expect(once.mock.calls[0][1]).toEqual(REPLACE_RISCV);
    const log = write.mock.calls.map(c => String(c[0])).join('');
    expect(log).toContain(
      '::warning title=QEMU entries replaced::Replacing qemu-riscv64 (/usr/libexec/qemu-binfmt/riscv64-binfmt-P, flags "P"): registered without the F flag'
    );
  });
  it('fails, naming the emulator, what the installer said, and the fix, when the kernel did not take it', async () => {
    const dir = binfmtDir({});
    const stderr = fixture('binfmt-lab-install-riscv64-already.stderr.txt');
    jest.spyOn(Exec, 'once').mockResolvedValue(result(0, stderr));
    const plan = planPlatforms(['linux/s390x'], 'x64', readBinfmt(dir), 'auto');
    await expect(ensureEmulators(docker, plan, local(dir))).rejects.toThrow(
      'QEMU install ran but qemu-s390x is still not registered with the F flag (the installer said: installing: riscv64 qemu-riscv64 already registered): check that bin/fmt:1 is a binfmt installer and that the runner allows --privileged'
    );
  });
  it('rootless Docker: says why the kernel cannot be changed from there and what to do', async () => {
    const dir = binfmtDir({});
    jest
      .spyOn(Exec, 'once')
      .mockResolvedValue(
        result(0, 'error: cannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc: operation not permitted')
      );
    const plan = planPlatforms(['linux/arm64'], 'x64', [], 'auto');
    const at = {...local(dir), host: 'unix:///run/user/1001/docker.sock'};
    await expect(ensureEmulators(docker, plan, at)).rejects.toThrow(
      /rootless Docker cannot register emulators: binfmt_misc belongs to the host kernel and only root on the host writes it/
    );
  });
});

describe('the daemon on another kernel, or a step without binfmt_misc: asked through the binfmt image', () => {
  it('reads the status the image prints, and installs only what its kernel lacks', async () => {
    const status = fixture('binfmt-lab-install-riscv64-already.json');
    const once = jest.spyOn(Exec, 'once').mockResolvedValue(result(0, '', status));
    const view = await readEmulators(docker, IMAGE, 'tcp://dind:2376', true);
    expect(view.remote).toBe("docker is reached at tcp://dind:2376, another machine's kernel");
    expect(once.mock.calls[0][1]).toEqual(['run', '--privileged', '--rm', IMAGE]);
    const plan = planPlatforms(['linux/arm64', 'linux/riscv64'], 'x64', view.entries, 'auto');
    expect(plan.install).toEqual(['riscv64']);
    // the install's own status says the kernel took it: no local read
    once.mockResolvedValue(result(0, '', fixture('binfmt-lab-status-all.json')));
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const report = await ensureEmulators(docker, plan, {image: IMAGE, view, host: 'tcp://dind:2376'});
    expect(report).toEqual({
      alreadyRegistered: ['qemu-aarch64', 'qemu-arm', 'qemu-ppc64le', 'qemu-s390x'],
      installed: ['qemu-riscv64'],
      emulated: ['linux/arm64', 'linux/riscv64']
    });
    expect(once.mock.calls[1][1]).toEqual(REPLACE_RISCV);
  });
  it('asks nothing when no platform needs QEMU', async () => {
    const once = jest.spyOn(Exec, 'once');
    await expect(readEmulators(docker, IMAGE, 'tcp://dind:2376', false)).resolves.toMatchObject({entries: []});
    expect(once).not.toHaveBeenCalled();
  });
});
