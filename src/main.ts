import * as core from '@actions/core';
import {Docker} from './docker/cli.js';
import {readConfig} from './inputs/read.js';
import {secretValues} from './model/secrets.js';
import {runBakeMode} from './modes/bake.js';
import {runBakeMerge, runBakePlan} from './modes/bake-matrix.js';
import {runBuildMode} from './modes/build.js';
import {runMergeMode} from './modes/merge.js';
import {runPlan} from './modes/plan.js';
import {runSetup} from './modes/setup.js';
import {runVerify} from './modes/verify.js';
import {saveState, StateKey} from './runner/state.js';
import {makeTempDir} from './runner/temp.js';

/**
 * The main step: every input read and checked before anything runs, the secrets masked before the first command,
 * then the mode. The one Docker made here carries the retry budget and is passed to every stage.
 */
export async function main(): Promise<void> {
  saveState(StateKey.IsPost, 'true');
  const config = readConfig(name => core.getInput(name));
  for (const value of secretValues(config, process.env)) core.setSecret(value);
  for (const warning of config.warnings) core.warning(warning);
  saveState(StateKey.Cleanup, String(config.cleanup));
  const docker = new Docker({retries: config.retries, backoffMs: config.retryBackoffMs});
  if (config.bake.given) {
    if (config.mode === 'plan') return runBakePlan(docker, config);
    if (config.mode === 'merge') return runBakeMerge(docker, config, makeTempDir());
    return runBakeMode(docker, config);
  }
  switch (config.mode) {
    case 'plan':
      return runPlan(config);
    case 'verify':
      return runVerify(docker, config);
    case 'setup':
      return runSetup(docker, config);
    case 'merge':
      return runMergeMode(docker, config);
    default:
      return runBuildMode(docker, config);
  }
}
