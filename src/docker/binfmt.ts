import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import {emulatorFor} from '../model/platform.js';
import {usableEmulator} from '../model/strategy.js';
import type {BinfmtEntry, Plan} from '../model/types.js';
import type {Docker} from './cli.js';
import {networkRetry} from './retry.js';

/** QEMU in the kernel's binfmt_misc: reading what is registered, and the binfmt installer image that adds the rest. */

const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';

/** Parses one /proc/sys/fs/binfmt_misc/<name> file (`enabled`, `interpreter …`, `flags: POF`, …). */
export function parseBinfmtEntry(name: string, text: string): BinfmtEntry {
  const lines = text.split('\n').map(l => l.trim());
  const field = (prefix: string): string =>
    lines
      .find(l => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim() ?? '';
  return {name, enabled: lines[0] === 'enabled', interpreter: field('interpreter'), flags: field('flags:')};
}

/** Reads the registered binfmt_misc entries; none when binfmt_misc is not mounted. */
export function readBinfmt(dir = BINFMT_DIR): BinfmtEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter(n => n !== 'register' && n !== 'status')
    .flatMap(n => {
      try {
        return [parseBinfmtEntry(n, fs.readFileSync(path.join(dir, n), 'utf8'))];
      } catch {
        return [];
      }
    });
}

/** `docker run --privileged --rm IMAGE --install LIST`: the binfmt image registers its static QEMU with the F flag. */
export function binfmtInstallArgs(image: string, install: string[]): string[] {
  return ['run', '--privileged', '--rm', image, '--install', install.join(',')];
}

export interface QemuReport {
  alreadyRegistered: string[];
  installed: string[];
  emulated: string[];
}

/** Installs the emulators the plan lists as missing, then checks the kernel really has them. */
export async function ensureEmulators(
  docker: Docker,
  plan: Plan,
  image: string,
  dir = BINFMT_DIR
): Promise<QemuReport> {
  const emulated = plan.platforms.filter(p => p.strategy === 'qemu').map(p => p.platform);
  const before = readBinfmt(dir).filter(usableEmulator);
  const alreadyRegistered = before.map(e => e.name).filter(n => n.startsWith('qemu-'));
  core.info(`Registered emulators: ${alreadyRegistered.join(', ') || 'none'}`);
  if (plan.install.length === 0) {
    core.info(emulated.length ? 'Every emulator needed is registered: nothing to install' : 'No platform needs QEMU');
    return {alreadyRegistered, installed: [], emulated};
  }
  core.info(`Installing QEMU for ${plan.install.join(', ')} with ${image}`);
  await docker.run(binfmtInstallArgs(image, plan.install), {retry: networkRetry(docker.budget)});
  const after = new Map(readBinfmt(dir).map(e => [e.name, e]));
  const wanted = plan.platforms.filter(
    p => p.strategy === 'qemu' && plan.install.includes(emulatorFor(p.platform)!.install)
  );
  const broken = wanted.filter(p => !usableEmulator(after.get(p.emulator!)));
  if (broken.length) {
    throw new Error(
      `QEMU install ran but ${broken.map(p => p.emulator).join(', ')} is still not registered with the F flag: ` +
        `check that ${image} is a binfmt installer and that the runner allows --privileged`
    );
  }
  const installed = [...new Set(wanted.map(p => p.emulator!))];
  core.info(`Installed: ${installed.join(', ')}`);
  return {alreadyRegistered, installed, emulated};
}
