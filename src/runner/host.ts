import {spawnSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {amd64Level, type HostProbe} from '../model/platform.js';

/**
 * What the runner's own kernel and CPU run, measured as BuildKit measures it: a tiny binary executed per
 * architecture in doubt (here i386: x86_64 kernels built without IA32 emulation, as some microVM kernels are, refuse
 * it with ENOEXEC) and the CPU's flags for the amd64 variants. ~3 ms, no docker call.
 */

/**
 * A complete i386 ELF executable of 91 bytes: the ELF header, one loadable segment at 0x08048000, and
 * `xor ebx,ebx; xor eax,eax; inc eax; int 0x80` (exit(0)) at its entry.
 */
const ELF_386_EXIT0 = Buffer.from(
  '7f454c46010101000000000000000000' + // e_ident: ELF, 32-bit, little-endian, version 1
    '02000300010000005480040834000000' + // ET_EXEC, EM_386, version, entry 0x08048054, phoff 52
    '00000000000000003400200001000000' + // shoff, flags, ehsize 52, phentsize 32, phnum 1, shentsize
    '00000000' + // shnum, shstrndx
    '01000000000000000080040800800408' + // PT_LOAD, offset 0, vaddr, paddr 0x08048000
    '5b0000005b0000000500000000100000' + // filesz, memsz 91, R+X, align 0x1000
    '31db31c040cd80', // exit(0)
  'hex'
);

/** The i386 probe binary, for tests that run it under an emulator. */
export const probeBinary386 = (): Buffer => Buffer.from(ELF_386_EXIT0);

/** Runs the i386 probe: true when it exits 0, false on ENOEXEC, undefined when nothing could be executed here. */
function runs386(base: string): boolean | undefined {
  let dir = '';
  try {
    dir = fs.mkdtempSync(path.join(base, 'xbuild-probe-'));
    const file = path.join(dir, 'i386');
    fs.writeFileSync(file, ELF_386_EXIT0, {mode: 0o700});
    const run = spawnSync(file, [], {timeout: 10_000, stdio: 'ignore'});
    const code = run.error && 'code' in run.error ? run.error.code : undefined;
    if (code === 'ENOEXEC') return false;
    return run.error ? undefined : run.status === 0;
  } catch {
    return undefined;
  } finally {
    if (dir) fs.rmSync(dir, {recursive: true, force: true});
  }
}

/** The flags line of /proc/cpuinfo, split (the first CPU's: every core of one machine has the same). */
export function cpuFlags(cpuinfo: string): string[] {
  return /^flags\s*:(.*)$/m.exec(cpuinfo)?.[1].trim().split(/\s+/) ?? [];
}

/** Measures the runner's machine; undefined off linux/x64 (nothing in doubt there: one native architecture). */
export function probeHost(
  base = process.env.RUNNER_TEMP || os.tmpdir(),
  cpuinfo = '/proc/cpuinfo'
): HostProbe | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let flags: string[] = [];
  try {
    flags = cpuFlags(fs.readFileSync(cpuinfo, 'utf8'));
  } catch {
    return undefined;
  }
  fs.mkdirSync(base, {recursive: true});
  return {runs386: runs386(base), amd64Level: amd64Level(flags)};
}
