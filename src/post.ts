import * as fs from 'node:fs';
import * as core from '@actions/core';
import {removeBuilder} from './builder.js';
import {docker} from './exec.js';
import {contextRemoveArgs} from './nodes.js';
import {loadState, StateKey} from './state.js';

/** Removes what main created: the builder (unless cleanup is false) and the temp dir. Only warns, never fails. */
export async function post(): Promise<void> {
  const sshBin = loadState(StateKey.SshBin);
  if (sshBin) process.env.PATH = `${sshBin}:${process.env.PATH ?? ''}`;
  // the builder was made by the buildx this step installed, under its own docker config
  const dockerConfig = loadState(StateKey.DockerConfig);
  if (dockerConfig) process.env.DOCKER_CONFIG = dockerConfig;
  const builder = loadState(StateKey.Builder);
  const keep = loadState(StateKey.Cleanup) === 'false';
  if (builder && !keep) {
    try {
      await removeBuilder(builder);
      core.info(`Removed builder ${builder}`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!/no builder .* found/.test(message)) core.warning(`Could not remove builder ${builder}: ${message}`);
    }
  } else if (builder) {
    core.info(`Keeping builder ${builder} (cleanup: false)`);
  }
  for (const context of JSON.parse(loadState(StateKey.Contexts) || '[]') as string[]) {
    await docker(contextRemoveArgs(context), {silent: true}).catch((e: Error) =>
      core.warning(`Could not remove docker context ${context}: ${e.message}`)
    );
  }
  for (const dir of [loadState(StateKey.TempDir), loadState(StateKey.CacheDir)].filter(Boolean)) {
    try {
      fs.rmSync(dir, {recursive: true, force: true});
    } catch (e) {
      core.warning(`Could not remove ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
