import * as core from '@actions/core';
import {CommandError, docker, lastLine} from './exec.js';
import type {Platform} from './types.js';

/**
 * The smoke run: emulation proves an image starts, native testing proves the rest. After the push, the given
 * command runs in each platform's image, pulled by digest (through QEMU where the runner is not native).
 */

export class SmokeError extends Error {}

/** Splits a command line into argv the way a shell would for plain words and quotes (no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | '' = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new SmokeError(`Input smoke: unbalanced ${quote} quote in "${text}"`);
  if (inWord) words.push(word);
  return words;
}

/** argv of the smoke run for one platform: a named, removed container of the pushed image by digest. */
export function smokeArgs(name: string, platform: Platform, image: string, command: string[]): string[] {
  return ['run', '--rm', '--quiet', '--name', name, '--pull', 'always', '--platform', platform, image, ...command];
}

/** argv that stops a smoke container that ran past its time. */
export function smokeRemoveArgs(name: string): string[] {
  return ['rm', '--force', name];
}

export interface SmokeResult {
  platform: Platform;
  ok: boolean;
  seconds: number;
  output: string;
}

const tail = (text: string, lines = 5): string => text.trim().split('\n').slice(-lines).join(' | ');

/** Runs the command in each platform's image, one at a time; fails naming the first platform that did not pass. */
export async function runSmoke(
  platforms: Platform[],
  image: string,
  command: string[],
  timeoutSeconds: number
): Promise<SmokeResult[]> {
  const results: SmokeResult[] = [];
  for (const platform of platforms) {
    const name = `xbuild-smoke-${process.pid}-${platform.replaceAll('/', '-')}`;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(resolve => {
      timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000);
    });
    // the command's own output is stdout; on failure the CLI's last error line says why
    const run = docker(smokeArgs(name, platform, image, command), {silent: true}).then(
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
    if (outcome === 'timeout') {
      await docker(smokeRemoveArgs(name), {silent: true}).catch(() => undefined);
      results.push({platform, ok: false, seconds, output: `no exit within ${timeoutSeconds} s`});
    } else {
      results.push({platform, seconds, ...outcome});
    }
    const r = results[results.length - 1];
    core.info(`${platform.padEnd(16)} ${r.ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s: ${tail(r.output, 1)}`);
  }
  const failed = results.find(r => !r.ok);
  if (failed) {
    throw new SmokeError(`Smoke run failed on ${failed.platform} (${command.join(' ')}): ${tail(failed.output)}`);
  }
  return results;
}
