import * as fs from 'node:fs';
import * as path from 'node:path';
import {emulatorFor, normalizePlatform} from '../model/platform.js';
import type {BinfmtEntry} from '../model/types.js';
import type {Docker} from './cli.js';
import {networkRetry} from './retry.js';

/**
 * QEMU in the daemon's kernel: binfmt_misc read where the step runs when that is the daemon's, else asked of the
 * daemon through the binfmt image (a privileged container sees the kernel's binfmt_misc, F flags included), and
 * the installer that adds what is missing and replaces entries build containers cannot use.
 */

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

/**
 * Why the step's own binfmt_misc is not the daemon's ('' when it is). binfmt_misc is kernel-wide, so any mount of
 * it on the daemon's kernel shows the daemon's entries: that is so when docker is reached on a local unix socket
 * (not Docker Desktop's, whose engine runs in a VM) and binfmt_misc is mounted where the step runs. A runner in a
 * container, or a step in another mount namespace, usually has no binfmt_misc mounted; a tcp:// or ssh:// daemon
 * has a kernel of its own.
 */
export function localReadIsNotDaemons(host: string, dir = BINFMT_DIR): string {
  if (!host.startsWith('unix://')) return `docker is reached at ${host || 'an unknown host'}, another machine's kernel`;
  if (/\/\.docker\/(?:desktop|run)\//.test(host)) return `${host} is Docker Desktop's engine, in a VM`;
  if (!fs.existsSync(path.join(dir, 'register')))
    return `binfmt_misc is not mounted at ${dir} where this step runs (a container, or another mount namespace)`;
  return '';
}

/** argv of the binfmt image: `--uninstall` entries, then `--install` emulators; with neither, it prints its status. */
export function binfmtArgs(image: string, change: {install?: string[]; uninstall?: string[]} = {}): string[] {
  return [
    'run',
    '--privileged',
    '--rm',
    image,
    ...(change.uninstall?.length ? ['--uninstall', change.uninstall.join(',')] : []),
    ...(change.install?.length ? ['--install', change.install.join(',')] : [])
  ];
}

export interface BinfmtStatus {
  /** Platforms a container runs (the image ran a test binary of each). */
  supported: string[];
  /** Enabled binfmt_misc entries. */
  emulators: string[];
}

/** The status the binfmt image prints on stdout after any change (its log goes to stderr); undefined without one. */
export function parseBinfmtStatus(stdout: string): BinfmtStatus | undefined {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  try {
    const status = JSON.parse(stdout.slice(start)) as Partial<BinfmtStatus>;
    return {supported: status.supported ?? [], emulators: status.emulators ?? []};
  } catch {
    return undefined;
  }
}

/**
 * The daemon's entries as the plan reads them: each enabled emulator, flagged F when a container runs its platform
 * (the image proved it in its own container, which only an F entry or an interpreter inside that image passes).
 */
export function entriesFromStatus(status: BinfmtStatus): BinfmtEntry[] {
  const runs = new Set(
    status.supported.flatMap(p => {
      try {
        return [emulatorFor(normalizePlatform(p))?.binfmt];
      } catch {
        return [];
      }
    })
  );
  return status.emulators.map(name => ({name, enabled: true, interpreter: '', flags: runs.has(name) ? 'F' : ''}));
}

/** The daemon's emulators, asked of its kernel through the binfmt image. */
export async function daemonBinfmt(docker: Docker, image: string): Promise<BinfmtEntry[]> {
  const {stdout} = await docker.run(binfmtArgs(image), {silent: true, retry: networkRetry(docker.budget)});
  const status = parseBinfmtStatus(stdout);
  if (!status) throw new Error(`${image} printed no binfmt status: is it a binfmt installer image?`);
  return entriesFromStatus(status);
}
