import * as core from '@actions/core';
import type {Docker} from '../docker/cli.js';
import {smokeArgs, smokeRemoveArgs} from '../docker/container.js';
import {CommandError, lastLine} from '../docker/exec.js';
import type {SmokeResult} from '../model/results.js';
import type {Platform} from '../model/types.js';

/**
 * The smoke run: emulation proves an image starts, native testing proves the rest. After the push, the given
 * command runs in each platform's image, pulled by its own manifest digest (through QEMU where the runner is not
 * native). Not by the index digest: on the classic image store the second platform pulled by one index digest
 * fails ("cannot overwrite digest", dockerd 28.5), as the first pull named that digest already.
 */

/** What one platform's run pulls: the repository at the platform's manifest digest. */
export interface SmokeTarget {
  platform: Platform;
  image: string;
}

const tail = (text: string, lines = 5): string => text.trim().split('\n').slice(-lines).join(' | ');

/** One platform's run: passed, failed with the command's output and the CLI's reason, or stopped at its time limit. */
async function smokeOne(
  docker: Docker,
  platform: Platform,
  image: string,
  command: string[],
  timeoutSeconds: number
): Promise<SmokeResult> {
  const name = `xbuild-smoke-${process.pid}-${platform.replaceAll('/', '-')}`;
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(resolve => {
    timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000);
  });
  // the command's own output is stdout; on failure the CLI's last error line says why
  const run = docker.run(smokeArgs(name, platform, image, command), {silent: true}).then(
    r => ({ok: true, output: r.stdout}),
    (e: unknown) => ({
      ok: false,
      output:
        e instanceof CommandError
          ? `exit ${e.exitCode}: ${[e.stdout.trim(), lastLine(e.stderr)].filter(Boolean).join(' | ')}`
          : String(e)
    })
  );
  const outcome = await Promise.race([run, timeout]);
  clearTimeout(timer);
  const seconds = (Date.now() - started) / 1000;
  if (outcome !== 'timeout') return {platform, seconds, ...outcome};
  await docker.run(smokeRemoveArgs(name), {silent: true}).catch(() => undefined);
  return {platform, ok: false, seconds, output: `no exit within ${timeoutSeconds} s`};
}

/** Runs the command in each platform's image, one at a time; fails naming the first platform that did not pass. */
export async function runSmoke(
  docker: Docker,
  targets: SmokeTarget[],
  command: string[],
  timeoutSeconds: number
): Promise<SmokeResult[]> {
  const results: SmokeResult[] = [];
  for (const {platform, image} of targets) {
    const r = await smokeOne(docker, platform, image, command, timeoutSeconds);
    results.push(r);
    core.info(
      `${platform.padEnd(16)} ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds.toFixed(1)} s: ${tail(r.output, 1)}`
    );
  }
  const failed = results.find(r => !r.ok);
  if (failed) {
    throw new Error(`Smoke run failed on ${failed.platform} (${command.join(' ')}): ${tail(failed.output)}`);
  }
  return results;
}
