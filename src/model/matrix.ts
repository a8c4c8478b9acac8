import {archOf} from './platform.js';
import {platformSlug} from './legs.js';
import type {Platform} from './types.js';

/** `mode: plan`: the matrix of legs, one per platform, each on a runner that builds it natively where one exists. */

/** Runner labels by architecture; GitHub's hosted arm64 runners serve arm64, and 32-bit arm through QEMU. */
const DEFAULT_RUNNERS: Record<string, string> = {
  amd64: 'ubuntu-24.04',
  '386': 'ubuntu-24.04',
  arm64: 'ubuntu-24.04-arm',
  arm: 'ubuntu-24.04-arm'
};

export interface MatrixLeg {
  platform: Platform;
  'platform-slug': string;
  runner: string | string[];
  /** True when the leg's runner is not native for it and must emulate (e.g. arm/v7 on an arm64 runner). */
  qemu: boolean;
}

/** The `plan` mode output: `{include: [...]}` for `strategy.matrix`, one leg per platform. */
export function planMatrix(platforms: Platform[], runnerMap: Record<string, string>): {include: MatrixLeg[]} {
  return {
    include: platforms.map(platform => {
      const arch = archOf(platform);
      const explicit = runnerMap[platform] ?? runnerMap[arch];
      const label = explicit ?? DEFAULT_RUNNERS[arch] ?? DEFAULT_RUNNERS.amd64;
      const runner = label.startsWith('[') ? (JSON.parse(label) as string[]) : label;
      // a runner the user mapped is taken as native; of the defaults only amd64, 386 and arm64 are
      const qemu = explicit === undefined && !['amd64', '386', 'arm64'].includes(arch);
      return {platform, 'platform-slug': platformSlug(platform), runner, qemu};
    })
  };
}
