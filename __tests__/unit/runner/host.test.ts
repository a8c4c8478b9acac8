import {spawnSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {amd64Level} from '../../../src/model/platform.js';
import {cpuFlags, probeBinary386, probeHost} from '../../../src/runner/host.js';
import {fixture} from '../../helpers.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'host-test-'));

describe('cpuFlags', () => {
  it("reads the first CPU's flags from /proc/cpuinfo as Linux 6.18 prints it (an AVX-512 EPYC: x86-64-v4)", () => {
    const flags = cpuFlags(fixture('linux-6.18-cpuinfo-x86_64-firecracker.txt'));
    expect(flags).toContain('avx2');
    expect(flags).toContain('sse4_2');
    expect(amd64Level(flags)).toBe(4);
  });
  it('has no flags where the file has none', () => expect(cpuFlags('processor\t: 0\n')).toEqual([]));
});

describe('the i386 probe binary', () => {
  it('is a 91-byte static i386 ELF that exits 0 under the lab QEMU, whatever this kernel runs', () => {
    const qemu = ['/tmp/lab/root-forky/usr/bin/qemu-i386', '/tmp/lab/root/usr/bin/qemu-i386'].find(f =>
      fs.existsSync(f)
    );
    expect(qemu).toBeDefined();
    const dir = tmp();
    const file = path.join(dir, 'i386');
    fs.writeFileSync(file, probeBinary386(), {mode: 0o700});
    expect(fs.statSync(file).size).toBe(91);
    const run = spawnSync(qemu!, [file]);
    expect(run.status).toBe(0);
    fs.rmSync(dir, {recursive: true});
  });
});

describe('probeHost', () => {
  it('measures this machine: its CPU level from the flags, i386 as the kernel answers, and leaves no file', () => {
    const base = tmp();
    const probe = probeHost(base, '/proc/cpuinfo');
    expect(probe?.amd64Level).toBe(amd64Level(cpuFlags(fs.readFileSync('/proc/cpuinfo', 'utf8'))));
    // the kernel's own answer, asked directly: an i386 binary runs or is refused (ENOEXEC)
    fs.writeFileSync(path.join(base, 'again'), probeBinary386(), {mode: 0o700});
    const again = spawnSync(path.join(base, 'again'), {stdio: 'ignore'});
    expect(probe?.runs386).toBe(again.status === 0);
    fs.rmSync(path.join(base, 'again'));
    expect(fs.readdirSync(base)).toEqual([]);
    fs.rmSync(base, {recursive: true});
  });
  it('is undefined where there is no cpuinfo to read', () => {
    const base = tmp();
    expect(probeHost(base, path.join(base, 'no-such-cpuinfo'))).toBeUndefined();
    fs.rmSync(base, {recursive: true});
  });
});
