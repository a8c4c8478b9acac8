import {normalizePlatform} from '../model/platform.js';
import {OLDEST_BUILDX} from '../model/versions.js';
import {lastLine} from './exec.js';
import {cacheExportError} from './progress.js';

/**
 * What a failed command's stderr says: whether the failure passes on its own (the retry policy's question), and
 * for a failed build, what happened, on which platform or image, and the fix, as one line for one annotation.
 */

/** Network and registry errors that pass on their own: 5xx, 429, resets, refusals, timeouts. */
export const TRANSIENT =
  /i\/o timeout|TLS handshake timeout|connection reset|connection refused|use of closed network connection|broken pipe|unexpected EOF|: EOF$|toomanyrequests|Too Many Requests|\b429\b|\b50[0234]\b|Service Unavailable|Bad Gateway|temporary failure/i;
/** Node's network error codes in the words the docker CLI prints for them, which TRANSIENT knows. */
const TRANSPORT_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'i/o timeout',
  UND_ERR_SOCKET: 'unexpected EOF'
};

/**
 * An HTTP call's network failure (its code, on the error or its cause) said as the CLI says it, so the one retry
 * policy reads it as it reads a command's stderr; undefined when the error carries no network failure.
 */
export function transportReason(e: unknown): string | undefined {
  const cause = (e as {cause?: {code?: string; message?: string}}).cause;
  const code = cause?.code ?? (e as {code?: string}).code;
  const words = code
    ? (TRANSPORT_WORDS[code] ?? code)
    : /socket hang up/.test(cause?.message ?? '')
      ? 'connection reset'
      : undefined;
  return words ? `${(e as Error).message}: ${words}` : undefined;
}

/** Never worth a retry: the credentials are wrong, and repeating only adds to the registry's count. */
export const AUTH_FAILURE = /\b(?:401|403)\b|unauthorized|denied|authentication required|insufficient_scope/i;

/** A daemon that did not answer at its address: nothing listening, TLS refused, or a name that does not resolve. */
export const UNREACHABLE = /context deadline exceeded|connection refused|tls: |x509: |no such host/;

/** A build that failed only because pushing its result hit a registry error that passes: worth building again. */
export function isTransientPushFailure(stderr: string): boolean {
  const line = lastLine(stderr);
  return (
    /failed to push|failed commit on ref|failed to copy/.test(line) && TRANSIENT.test(line) && !AUTH_FAILURE.test(line)
  );
}

/**
 * A build that failed before any step because booting the builder could not pull its BuildKit image, for a
 * reason that passes: the build boots a fresh builder itself (one call fewer), so its retry covers the pull.
 */
export function isTransientBootFailure(stderr: string): boolean {
  const line = lastLine(stderr);
  return /> \[internal\] booting buildkit:/.test(stderr) && TRANSIENT.test(line) && !AUTH_FAILURE.test(line);
}

/** What a build that is worth building again failed at, or undefined. */
export function transientBuildFailure(stderr: string): 'Push' | 'Builder boot' | undefined {
  if (isTransientBootFailure(stderr)) return 'Builder boot';
  return isTransientPushFailure(stderr) ? 'Push' : undefined;
}

export interface Diagnosis {
  /** The annotation's title. */
  title: string;
  /** One line: what, why, the fix. */
  message: string;
}

/** An error already diagnosed: run.ts shows it as one annotation with its title. */
export class DiagnosedError extends Error {
  constructor(
    readonly title: string,
    message: string
  ) {
    super(message);
  }
}

/** The step of the first line matching `pattern`, and the platform its name carries (`[linux/arm64 2/3]`). */
function failingStep(lines: string[], pattern: RegExp): {platform: string; name: string} | undefined {
  const hit = lines.find(l => pattern.test(l));
  const id = hit && /^#(\d+) /.exec(hit)?.[1];
  if (!id) return hit ? {platform: '', name: ''} : undefined;
  const name = lines.find(l => l.startsWith(`#${id} [`)) ?? '';
  const word = /^#\d+ \[(\S+)/.exec(name)?.[1] ?? '';
  let platform = '';
  try {
    platform = word.includes('/') && !/^\d+\/\d+$/.test(word) ? normalizePlatform(word.replace(/->.*$/, '')) : '';
  } catch {
    platform = '';
  }
  return {platform, name: name.replace(/^#\d+ /, '')};
}

const on = (platform: string, single: string): string => platform || single || 'a platform';

type Rule = (lines: string[], last: string, single: string) => Diagnosis | undefined;

const RULES: Rule[] = [
  lines => {
    const error = cacheExportError(lines);
    return error
      ? {
          title: 'Cache export failed',
          message: `the image was built, but saving its cache failed (${error}): check the cache's registry or service, or set cache-ignore-error: true to warn instead`
        }
      : undefined;
  },
  (lines, _last, single) => {
    const step = failingStep(lines, /exec format error/);
    if (!step) return undefined;
    return {
      title: 'exec format error',
      message: `${on(step.platform, single)}: a binary ran on a platform it was not built for${step.name ? ` in ${step.name}` : ''} (no emulator or node for its architecture, or a binary of another platform copied into this stage): add the platform's emulator (qemu: true) or a native node, or copy the binary built for the target`
    };
  },
  (lines, last, single) => {
    if (
      !/no match for platform in manifest/.test(last) &&
      !lines.some(l => /no match for platform in manifest/.test(l))
    )
      return undefined;
    const step = failingStep(lines, /no match for platform in manifest/);
    const image =
      /failed to solve: (\S+?): (?:failed to resolve source metadata|no match)/.exec(last)?.[1] ??
      /load metadata for (\S+)/.exec(step?.name ?? '')?.[1] ??
      'a base image';
    return {
      title: 'Base image lacks a platform',
      message: `${image} publishes no ${step?.platform || single || 'image for one of the requested platforms'}: drop the platform, or pick a base (or tag) that publishes it; preflight: true finds this before the build`
    };
  },
  (lines, _last, single) => {
    const step = failingStep(lines, /qemu: uncaught target signal|Segmentation fault|signal 11|SIGSEGV/i);
    if (!step) return undefined;
    return {
      title: 'QEMU crashed',
      message: `${on(step.platform, single)}: the emulator crashed (signal 11) while running ${step.name || 'a RUN step'}: pin another qemu-image, or build the platform on a native node (input nodes) or runner (mode plan)`
    };
  },
  (_lines, last) =>
    /\b(?:401|403)\b|unauthorized|authentication required|insufficient_scope|denied/i.test(last)
      ? {
          title: 'Registry refused the credentials',
          message: `${last.replace(/^ERROR: /, '')}: log in to the registry (docker/login-action) before this step, with push rights to the repository`
        }
      : undefined,
  (_lines, last) => {
    // a flag the action passes that this buildx predates: older than the oldest it supports
    const flag = /unknown flag: (--[\w-]+)/.exec(last)?.[1];
    return flag
      ? {
          title: 'buildx too old',
          message: `this buildx does not know ${flag}: the oldest buildx the action supports is ${OLDEST_BUILDX} (beside Docker 26.1); set buildx-version: latest to run the tested release for this step, or update Docker`
        }
      : undefined;
  },
  (_lines, last) => {
    // --call's requests (lint, outline, targets, subrequests) came with BuildKit 0.15 and its Dockerfile frontend
    const request = /unsupported request (frontend\.\w+|subrequests\.\w+)/.exec(last)?.[1];
    return request
      ? {
          title: "The builder's BuildKit is too old for call",
          message: `the builder's BuildKit does not know ${request}, which call needs (BuildKit 0.15 or newer): set buildkit-image to a newer BuildKit, or drop call`
        }
      : undefined;
  },
  (_lines, last) =>
    /failed to (?:do request|resolve).*connect: connection refused/.test(last)
      ? {
          title: 'Registry unreachable',
          message: `${last.replace(/^ERROR: /, '')}: BuildKit could not reach the registry; a registry on localhost needs driver-opts network=host`
        }
      : undefined,
  (lines, last) =>
    /No space left on device/i.test(last) || lines.some(l => /No space left on device/i.test(l))
      ? {
          title: 'Out of disk',
          message: `${last.replace(/^ERROR: /, '')}: the runner is out of disk; free space or prune the builder cache`
        }
      : undefined,
  (_lines, last) =>
    /booting buildkit|failed to (?:boot|bootstrap)|error while booting/i.test(last)
      ? {
          title: 'Builder did not start',
          message: `${last.replace(/^ERROR: /, '')}: check that buildkit-image can be pulled and driver-opts are right`
        }
      : undefined
];

/** The diagnosis of a failed build, or undefined when the failure is the build's own (a failing RUN). */
export function diagnose(stderr: string, platforms: string[]): Diagnosis | undefined {
  const lines = stderr.split('\n');
  const last = lastLine(stderr);
  const single = platforms.length === 1 ? platforms[0] : '';
  for (const rule of RULES) {
    const d = rule(lines, last, single);
    if (d) return d;
  }
  return undefined;
}
