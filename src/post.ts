import * as fs from 'node:fs';
import * as core from '@actions/core';
import {removeBuilder} from './docker/builder.js';
import {Docker} from './docker/cli.js';
import {contextRemoveArgs} from './docker/context.js';
import {runnerDiscardedWithJob} from './model/runtime.js';
import {loadState, StateKey} from './runner/state.js';

/** The docker main used: with the ssh wrapper first on PATH and the step's own docker config, where main had them. */
function dockerOfMain(): Docker {
  const env: Record<string, string> = {};
  const sshBin = loadState(StateKey.SshBin);
  if (sshBin) env.PATH = `${sshBin}:${process.env.PATH ?? ''}`;
  // the builder was made by the buildx this step installed, under its own docker config
  const dockerConfig = loadState(StateKey.DockerConfig);
  if (dockerConfig) env.DOCKER_CONFIG = dockerConfig;
  return new Docker({retries: 0, backoffMs: 1000}, env);
}

async function removeOwnBuilder(docker: Docker): Promise<void> {
  const builder = loadState(StateKey.Builder);
  if (!builder) return;
  if (loadState(StateKey.Cleanup) === 'false') {
    core.info(`Keeping builder ${builder} (cleanup: false)`);
    return;
  }
  // `buildx rm` is the post step's only docker call and ~0.17 s of it (dockerd 28.5, buildx 0.29): on a machine that
  // is discarded with the job it removes nothing that would outlive the job
  if (loadState(StateKey.BuilderOnRunner) === 'true' && runnerDiscardedWithJob(process.env)) {
    core.info(`Builder ${builder} goes with this GitHub-hosted runner's machine at the end of the job: not removed`);
    return;
  }
  try {
    await removeBuilder(docker, builder);
    core.info(`Removed builder ${builder}`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!/no builder .* found/.test(message)) core.warning(`Could not remove builder ${builder}: ${message}`);
  }
}

/** Removes what main created: the builder (unless cleanup is false), docker contexts and temp dirs. Only warns. */
export async function post(): Promise<void> {
  const docker = dockerOfMain();
  await removeOwnBuilder(docker);
  for (const context of JSON.parse(loadState(StateKey.Contexts) || '[]') as string[]) {
    await docker
      .run(contextRemoveArgs(context), {silent: true})
      .catch((e: Error) => core.warning(`Could not remove docker context ${context}: ${e.message}`));
  }
  for (const dir of [loadState(StateKey.TempDir), loadState(StateKey.CacheDir)].filter(Boolean)) {
    try {
      fs.rmSync(dir, {recursive: true, force: true});
    } catch (e) {
      core.warning(`Could not remove ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
