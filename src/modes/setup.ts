import * as core from '@actions/core';
import {inspectBuilder, reportBuilder, useBuilder} from '../docker/builder.js';
import type {Docker} from '../docker/cli.js';
import {endpointEnv} from '../docker/context.js';
import type {Config} from '../model/types.js';
import {reportSetup} from '../runner/summary.js';
import {makeTempDir} from '../runner/temp.js';
import {daemonEndpoint, planStage} from './build.js';
import {setUpBuilder} from './builder-setup.js';
import {ensureEmulators} from './emulators.js';

/**
 * `mode: setup`: setup-qemu-action's and setup-buildx-action's job alone, for workflows that run their own
 * `docker buildx build` / `bake` commands in later steps. The build mode's stages in its order, but the emulators
 * go before the builder boots (BuildKit lists the platforms it can run when it starts, so an emulator registered
 * after the boot is missing from the builder's platforms), then the boot, `buildx use`, the outputs.
 */
export async function runSetup(docker: Docker, config: Config): Promise<void> {
  if (config.buildxVersion !== 'auto')
    core.warning(
      `Input buildx-version installs buildx for this step only: in setup mode the later steps run the runner's buildx; install ${config.buildxVersion} in the job to run it there`
    );
  const daemonEnv = endpointEnv(daemonEndpoint(config));
  const {plan, replan, view, host} = await planStage(docker.withEnv(daemonEnv), config, true);
  const emulators = (p: typeof plan) =>
    core.group('Set up QEMU', () =>
      ensureEmulators(docker.withEnv(daemonEnv), p, {image: config.qemuImage, view, host})
    );
  const qemu = await emulators(plan);
  const tempDir = makeTempDir();
  const ready = await core.group('Set up builder', () =>
    setUpBuilder(docker, config, {tempDir, plan, dockerfile: '', replan, host})
  );
  // a node that would not start (node-fallback: qemu) moved its platforms to QEMU: their emulators too
  if (ready.plan !== plan) qemu.installed.push(...(await emulators(ready.plan)).installed);
  const builder = await core.group('Boot the builder', async () =>
    reportBuilder(await inspectBuilder(ready.docker, ready.name, config.driver !== 'docker'))
  );
  if (config.use) {
    await useBuilder(ready.docker, ready.name);
    core.info(`Builder ${ready.name} is the current builder: later docker buildx commands build on it`);
  }
  await reportSetup({builder, installed: qemu.installed, use: config.use});
}
