import * as core from '@actions/core';
import type {Docker} from '../docker/cli.js';
import {planMatrix} from '../model/matrix.js';
import type {MergeResult} from '../model/results.js';
import type {Config} from '../model/types.js';
import {reportBakeMerge} from '../runner/bake-summary.js';
import {readDefinition} from './bake.js';
import {runMerge} from './merge.js';

/**
 * A bake definition across a matrix: `mode: plan` lists a leg per target × platform (on the runner-map's runners),
 * each leg is `mode: platform` with `targets` and `platforms` from its matrix entry (modes/bake.ts), and
 * `mode: merge` makes each target's index from its legs, all or nothing per target.
 */

/** `mode: plan` with a definition: the matrix `{include: [{target, platform, platform-slug, runner, qemu}]}`. */
export async function runBakePlan(docker: Docker, config: Config): Promise<void> {
  const planned = await readDefinition(docker, config);
  const include = planned.flatMap(({target}) => {
    if (!target.platforms.length)
      throw new Error(
        `Target ${target.name} names no platforms: a matrix needs them (platforms in the definition, or set: *.platform=…)`
      );
    return planMatrix(target.platforms, config.runnerMap).include.map(leg => ({target: target.name, ...leg}));
  });
  for (const leg of include)
    core.info(
      `${leg.target.padEnd(16)} ${leg.platform.padEnd(16)} ${JSON.stringify(leg.runner)}${leg.qemu ? ' (QEMU)' : ''}`
    );
  core.setOutput('matrix', JSON.stringify({include}));
}

/**
 * `mode: merge` with a definition: per target, its legs (by handoff, the target's name in each record) into one
 * index under the target's tags, verified; a target whose legs are incomplete publishes nothing.
 */
export async function runBakeMerge(docker: Docker, config: Config, tempDir: string): Promise<void> {
  const planned = await readDefinition(docker, config);
  const merged: {name: string; merge: MergeResult}[] = [];
  for (const {target, config: c} of planned) {
    core.info(`target ${target.name}: ${target.platforms.join(', ')} → ${target.tags.join(', ')}`);
    const merge = await runMerge(
      docker,
      {...c, mode: 'merge', target: target.name, annotations: config.annotations},
      tempDir
    ).catch((e: unknown) => {
      throw new Error(`Target ${target.name}: ${e instanceof Error ? e.message : String(e)}`);
    });
    merged.push({name: target.name, merge});
  }
  await reportBakeMerge(merged);
}
