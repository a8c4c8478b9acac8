import * as core from '@actions/core';
import {
  binfmtArgs,
  daemonBinfmt,
  entriesFromStatus,
  localReadIsNotDaemons,
  parseBinfmtStatus,
  readBinfmt
} from '../docker/binfmt.js';
import type {Docker} from '../docker/cli.js';
import {networkRetry} from '../docker/retry.js';
import {emulatorFor} from '../model/platform.js';
import {usableEmulator} from '../model/strategy.js';
import type {BinfmtEntry, Plan} from '../model/types.js';

/** The QEMU stage of build mode: the daemon's emulators read, the missing ones installed, unusable ones replaced. */

export interface EmulatorView {
  entries: BinfmtEntry[];
  /** '' when read where the step runs (it is the daemon's kernel), else why the daemon was asked instead. */
  remote: string;
}

export interface QemuReport {
  alreadyRegistered: string[];
  installed: string[];
  emulated: string[];
}

/**
 * The daemon's emulators: read from the step's own binfmt_misc where that is the daemon's (no docker call), else,
 * when some platform needs QEMU, asked of the daemon's kernel through the binfmt image.
 */
export async function readEmulators(
  docker: Docker,
  image: string,
  host: string,
  needsQemu: boolean,
  dir?: string
): Promise<EmulatorView> {
  const remote = localReadIsNotDaemons(host, dir);
  if (!remote) return {entries: readBinfmt(dir), remote};
  if (!needsQemu) return {entries: [], remote};
  core.info(`Asking the daemon's kernel for its emulators with ${image}: ${remote}`);
  return {entries: await daemonBinfmt(docker, image), remote};
}

/** Why an install left an emulator unusable, with what to do: rootless Docker cannot write the kernel's binfmt_misc. */
function installFailure(image: string, missing: string[], stderr: string, host: string): Error {
  const said = stderr
    .split('\n')
    .map(l => l.trim())
    .find(l => /error|cannot|EPERM|denied|not permitted|already registered/i.test(l));
  const saidPart = said ? ` (the installer said: ${said})` : '';
  const rootless = /\/run\/user\/\d+\//.test(host) || /rootless/i.test(stderr);
  const fix = rootless
    ? 'rootless Docker cannot register emulators: binfmt_misc belongs to the host kernel and only root on the host ' +
      `writes it. Have root run \`docker run --privileged --rm ${image} --install <archs>\` once with rootful Docker ` +
      '(entries with the F flag serve rootless builds too), or build these platforms on native nodes'
    : `check that ${image} is a binfmt installer and that the runner allows --privileged`;
  return new Error(
    `QEMU install ran but ${missing.join(', ')} is still not registered with the F flag${saidPart}: ${fix}`
  );
}

/** Entries the build needs that are registered but unusable in containers (no F flag: a distro's qemu-user-binfmt). */
function staleEntries(view: EmulatorView, needed: string[]): BinfmtEntry[] {
  const stale = view.entries.filter(e => needed.includes(e.name) && !usableEmulator(e));
  if (stale.length) {
    const what = stale
      .map(e => `${e.name}${e.interpreter ? ` (${e.interpreter}, flags "${e.flags}")` : ''}`)
      .join(', ');
    core.warning(
      `Replacing ${what}: registered without the F flag (as Debian and Ubuntu's qemu-user-binfmt register them), so ` +
        'build containers cannot start the interpreter. The replacement registers a static QEMU with the F flag',
      {title: 'QEMU entries replaced'}
    );
  }
  return stale;
}

/** Installs the emulators the plan lists as missing (replacing unusable entries), then checks the kernel has them. */
export async function ensureEmulators(
  docker: Docker,
  plan: Plan,
  at: {image: string; view: EmulatorView; host: string; dir?: string}
): Promise<QemuReport> {
  const emulated = plan.platforms.filter(p => p.strategy === 'qemu').map(p => p.platform);
  const alreadyRegistered = at.view.entries
    .filter(usableEmulator)
    .map(e => e.name)
    .filter(n => n.startsWith('qemu-'));
  core.info(
    `Registered emulators${at.view.remote ? " (the daemon's)" : ''}: ${alreadyRegistered.join(', ') || 'none'}`
  );
  if (plan.install.length === 0) {
    core.info(emulated.length ? 'Every emulator needed is registered: nothing to install' : 'No platform needs QEMU');
    return {alreadyRegistered, installed: [], emulated};
  }
  const wanted = plan.platforms.filter(
    p => p.strategy === 'qemu' && plan.install.includes(emulatorFor(p.platform)!.install)
  );
  const stale = staleEntries(at.view, [...new Set(wanted.map(p => p.emulator!))]);
  core.info(`Installing QEMU for ${plan.install.join(', ')} with ${at.image}`);
  const change = {install: plan.install, uninstall: stale.map(e => e.name)};
  const run = await docker.run(binfmtArgs(at.image, change), {retry: networkRetry(docker.budget)});
  const status = parseBinfmtStatus(run.stdout);
  const after = at.view.remote ? (status ? entriesFromStatus(status) : []) : readBinfmt(at.dir);
  const byName = new Map(after.map(e => [e.name, e]));
  const broken = wanted.filter(p => !usableEmulator(byName.get(p.emulator!)));
  if (broken.length) throw installFailure(at.image, [...new Set(broken.map(p => p.emulator!))], run.stderr, at.host);
  const installed = [...new Set(wanted.map(p => p.emulator!))];
  core.info(`Installed: ${installed.join(', ')}`);
  return {alreadyRegistered, installed, emulated};
}
