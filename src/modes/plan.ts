import * as core from '@actions/core';
import {planMatrix} from '../model/matrix.js';
import {onGithubCom} from '../model/runtime.js';
import type {Config} from '../model/types.js';

/** `mode: plan`: the matrix for the legs, one per platform with its runner; nothing runs. */
export function runPlan(config: Config): void {
  const matrix = planMatrix(config.platforms, config.runnerMap);
  for (const leg of matrix.include)
    core.info(`${leg.platform.padEnd(16)} ${JSON.stringify(leg.runner)}${leg.qemu ? ' (QEMU)' : ''}`);
  core.setOutput('matrix', JSON.stringify(matrix));
  if (!onGithubCom(process.env) && !Object.keys(config.runnerMap).length) {
    core.warning(
      `The default runner labels (ubuntu-24.04, ubuntu-24.04-arm) are GitHub-hosted ones, which ${process.env.GITHUB_SERVER_URL} may not have: map the architectures to your runners with runner-map`
    );
  }
}
