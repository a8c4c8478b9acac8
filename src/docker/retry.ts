import * as core from '@actions/core';
import {lastLine, type RetryPolicy} from './exec.js';
import {AUTH_FAILURE, TRANSIENT} from './failures.js';

/**
 * The one retry policy of every registry-facing command (the push inside the build, imagetools create and
 * inspect, the preflight reads, the binfmt and BuildKit pulls): only failures that pass on their own are retried,
 * with exponential backoff and jitter, within the budget of the `retries` and `retry-backoff` inputs. A 429 waits
 * as long as the registry's Retry-After says, read from the registry itself (the CLI's error line drops the header).
 */

/** How many retries a registry-facing command gets and the first wait: the `retries` and `retry-backoff` inputs. */
export interface RetryBudget {
  retries: number;
  backoffMs: number;
}

/** Exponential backoff with jitter: base · 2^(attempt-1), scaled by 0.5–1 so parallel jobs spread out. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2));
}

/** `Retry-After` as seconds or an HTTP date → milliseconds from `now` (never negative); undefined when unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The registry origin a CLI error names (`… PUT request to http://host:5000/v2/…: 429 …`), or ''. */
export function registryOrigin(stderr: string): string {
  const url = /(https?:\/\/[^/\s"']+)\/v2\//.exec(lastLine(stderr))?.[1];
  return url ?? '';
}

const MAX_RETRY_AFTER_MS = 300_000;

/**
 * For a 429, asks the registry how long to wait: a rate-limited client gets 429 on every request, so a GET of
 * `/v2/` returns the same Retry-After the failed request did. Capped at 5 minutes; undefined when not a 429 or
 * the registry no longer limits (then the usual backoff applies).
 */
export async function retryAfterFromRegistry(stderr: string): Promise<number | undefined> {
  if (!/\b429\b|Too Many Requests|toomanyrequests/i.test(lastLine(stderr))) return undefined;
  const origin = registryOrigin(stderr);
  if (!origin) return undefined;
  try {
    const res = await fetch(`${origin}/v2/`, {signal: AbortSignal.timeout(5000)});
    await res.body?.cancel();
    if (res.status !== 429) return undefined;
    const ms = parseRetryAfter(res.headers.get('Retry-After'));
    return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
  } catch {
    return undefined;
  }
}

/** A registry policy: the budget's attempts and backoff, `retryOn` to pick the failures, 429s as the registry asks. */
export function registryRetry(
  budget: RetryBudget,
  retryOn: (stderr: string) => boolean,
  announce?: RetryPolicy['announce']
): RetryPolicy {
  return {
    attempts: budget.retries + 1,
    delayMs: attempt => backoffMs(attempt, budget.backoffMs),
    retryOn: stderr => retryOn(stderr) && !AUTH_FAILURE.test(lastLine(stderr)),
    waitFor: retryAfterFromRegistry,
    announce:
      announce ??
      ((reason, wait, attempt) =>
        core.info(`${reason}; retry ${attempt}/${budget.retries} in ${(wait / 1000).toFixed(1)} s`))
  };
}

/** Registry reads and writes outside the build: transient errors only. */
export const networkRetry = (budget: RetryBudget): RetryPolicy =>
  registryRetry(budget, stderr => TRANSIENT.test(stderr));

/** Reads of what was just pushed: also MANIFEST_UNKNOWN / not found, which a registry may answer for a moment. */
export const readBackRetry = (budget: RetryBudget): RetryPolicy =>
  registryRetry(budget, stderr => TRANSIENT.test(stderr) || /not found|MANIFEST_UNKNOWN/i.test(stderr));
