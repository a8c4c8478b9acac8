import {emulatorFor, hostNativePlatforms} from './platform.js';
import type {BinfmtEntry, Plan, Platform, QemuMode} from './types.js';

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
  nodeArch: string,
  binfmt: BinfmtEntry[],
  qemu: QemuMode,
  nodes: {name: string; platforms: Platform[]}[] = [],
  targetRuns = true
): Plan {
  const native = new Set(hostNativePlatforms(nodeArch));
  const registered = new Map(binfmt.map(e => [e.name, e]));
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
