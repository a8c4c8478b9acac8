import * as actionsExec from '@actions/exec';
import * as core from '@actions/core';

/** The one seam between the action and the outside world: every external command goes through `Exec.run` (docker's through `Docker.run`, see cli.ts). */
export interface RunOptions {
  /** Capture output without echoing it (for anything parsed). Long commands stream instead. */
  silent?: boolean;
  /** Data for stdin: the only way a secret reaches a command. */
  input?: Buffer;
  /** Retry policy for transient failures; none by default. */
  retry?: RetryPolicy;
  /** Called with each line the command writes to stderr (where buildx writes its progress). */
  onStderrLine?: (line: string) => void;
  /** Variables added to the action's environment for this command (e.g. the cache service for buildx). */
  env?: Record<string, string>;
  /** The working directory (bake reads its definition files from it). */
  cwd?: string;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A command that exited non-zero, with the last line it printed on stderr (the CLI's own reason). */
export class CommandError extends Error {
  constructor(
    readonly command: string[],
    readonly exitCode: number,
    readonly stderr: string,
    readonly stdout = ''
  ) {
    super(`${command.slice(0, 3).join(' ')} failed (exit ${exitCode}): ${lastLine(stderr) || 'no error output'}`);
  }
}

/** The line of a failed command's stderr that says why: the last error line, else docker's own, else the last. */
export function lastLine(text: string): string {
  // the docker CLI ends a failure with a pointer to --help, and the engine may add warnings: neither says why
  const lines = text
    .trim()
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !/^Run '.+ --help' for more information$/.test(l) && !/^WARNING:/.test(l));
  return (
    lines.findLast(l => /^ERROR:|error/i.test(l)) ?? lines.findLast(l => /^docker: /.test(l)) ?? lines.at(-1) ?? ''
  );
}

/** When to try a command again: the attempts, the waits between them, and which errors are worth it. */
export interface RetryPolicy {
  attempts: number;
  /** The wait after failed attempt `attempt` (1-based). */
  delayMs: (attempt: number) => number;
  /** Whether a failure, by its stderr, is worth another attempt. */
  retryOn: (stderr: string) => boolean;
  /** How a retry is announced; an info line by default. */
  announce?: (reason: string, waitMs: number, attempt: number) => void;
  /** A wait the failure itself asks for (a registry's Retry-After), instead of `delayMs`. */
  waitFor?: (stderr: string) => Promise<number | undefined>;
}

/** Fixed waits, the last one repeated. */
export const stepped =
  (delays: number[]) =>
  (attempt: number): number =>
    delays[Math.min(attempt - 1, delays.length - 1)] ?? 1000;

export const matching =
  (pattern: RegExp) =>
  (stderr: string): boolean =>
    pattern.test(stderr);

const NO_RETRY: RetryPolicy = {attempts: 1, delayMs: stepped([]), retryOn: () => false};

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Runs `attempt` under a retry policy: a failure whose reason (`reasonOf`: the stderr of a command, the status line
 * of an HTTP call) the policy retries waits and tries again, within its attempts; any other failure is thrown.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  label: string,
  attempt: () => Promise<T>,
  reasonOf: (e: unknown) => string | undefined
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const reason = reasonOf(e);
      if (reason === undefined || !policy.retryOn(reason) || n >= policy.attempts) throw e;
      const asked = await policy.waitFor?.(reason);
      const wait = asked ?? policy.delayMs(n);
      const why = lastLine(reason) + (asked !== undefined ? ' (the registry asks to wait: Retry-After)' : '');
      if (policy.announce) policy.announce(why, wait, n);
      else core.info(`${label}: ${why}; retry ${n + 1}/${policy.attempts} in ${wait} ms`);
      await sleep(wait);
    }
  }
}

export const Exec = {
  async run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
    const once = async () => {
      const result = await Exec.once(command, args, options);
      if (result.exitCode !== 0)
        throw new CommandError([command, ...args], result.exitCode, result.stderr, result.stdout);
      return result;
    };
    return withRetry(options.retry ?? NO_RETRY, `${command} ${args.slice(0, 3).join(' ')}`, once, e =>
      e instanceof CommandError ? e.stderr : undefined
    );
  },

  async once(command: string, args: string[], options: RunOptions): Promise<RunResult> {
    core.debug(`exec: ${command} ${args.join(' ')}`);
    return actionsExec.getExecOutput(command, args, {
      ignoreReturnCode: true,
      silent: options.silent ?? false,
      input: options.input,
      ...(options.cwd ? {cwd: options.cwd} : {}),
      env: options.env ? ({...process.env, ...options.env} as Record<string, string>) : undefined,
      listeners: options.onStderrLine ? {errline: options.onStderrLine} : undefined
    });
  }
};
