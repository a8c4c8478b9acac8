import {archOf, emulatorFor, hostNativePlatforms, type HostProbe} from './platform.js';
import type {BinfmtEntry, Plan, Platform, QemuMode} from './types.js';

/** The machine whose kernel runs the builds: Node's `process.arch`, and what was measured of it (if it was). */
export interface Host {
  arch: string;
  probe?: HostProbe;
}

/** An emulator works inside build containers only when enabled and registered with the F (fix-binary) flag. */
export function usableEmulator(entry: BinfmtEntry | undefined): boolean {
  return !!entry && entry.enabled && entry.flags.includes('F');
}

/**
 * Decides, for each requested platform, whether the host runs it natively or QEMU emulates it,
 * and which emulators must be installed first. Pure: the caller reads the host and binfmt_misc.
 */
export function planPlatforms(
  platforms: Platform[],
  host: string | Host,
  binfmt: BinfmtEntry[],
  qemu: QemuMode,
  nodes: {name: string; platforms: Platform[]}[] = [],
  targetRuns = true
): Plan {
  const {arch: nodeArch, probe} = typeof host === 'string' ? {arch: host} : host;
  const registered = new Map(binfmt.map(e => [e.name, e]));
  // binfmt_misc is asked before the kernel's own loader: an enabled qemu-i386 entry runs i386 even on a kernel
  // that could, so linux/386 is then emulated (through that entry) whatever the probe saw
  const native = new Set(
    hostNativePlatforms(nodeArch, probe).filter(p => !(p === 'linux/386' && registered.get('qemu-i386')?.enabled))
  );
  const own = archOf(hostNativePlatforms(nodeArch)[0] ?? '');
  const plan: Plan = {platforms: [], install: []};
  for (const platform of platforms) {
    // a node the user listed for a platform serves it, even one the runner could run (it asked for that machine)
    const node = nodes.find(n => n.platforms.includes(platform));
    if (node) {
      plan.platforms.push({platform, strategy: 'node', node: node.name});
      continue;
    }
    if (native.has(platform)) {
      plan.platforms.push({platform, strategy: 'native'});
      continue;
    }
    // a variant of the host's own architecture above what its CPU implements (amd64/v4 on a v3 CPU): no emulator is
    // registered for the host's own architecture (it would take every native binary), so BuildKit runs it natively
    if (archOf(platform) === own) {
      plan.platforms.push({platform, strategy: 'native'});
      const level = probe && nodeArch === 'x64' ? ` (it implements x86-64-v${probe.amd64Level})` : '';
      (plan.warnings ??= []).push(
        `${platform} needs CPU features this runner's CPU may lack${level}: RUN steps ` +
          'run natively and stop with "illegal instruction" where a binary uses them; build it on a runner or node whose CPU has them'
      );
      continue;
    }
    // nothing executes on the target CPU (cross-compiling Dockerfile): no emulator needed
    if (!targetRuns) {
      plan.platforms.push({platform, strategy: 'cross'});
      continue;
    }
    const emulator = emulatorFor(platform);
    if (!emulator)
      throw new Error(`${platform} runs neither natively on this ${nodeArch} host nor under QEMU: drop it`);
    plan.platforms.push({platform, strategy: 'qemu', emulator: emulator.binfmt});
    const missing = !usableEmulator(registered.get(emulator.binfmt));
    if (qemu === 'false' && missing) {
      throw new Error(
        `${platform} needs the QEMU emulator ${emulator.binfmt}, which is not registered, and qemu is false: set qemu to auto or drop ${platform}`
      );
    }
    if ((missing && qemu === 'auto') || qemu === 'true') {
      if (!plan.install.includes(emulator.install)) plan.install.push(emulator.install);
    }
  }
  return plan;
}
