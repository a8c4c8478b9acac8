import * as core from '@actions/core';
import type {Docker} from '../docker/cli.js';
import {CommandError, lastLine} from '../docker/exec.js';
import {AUTH_FAILURE, DiagnosedError} from '../docker/failures.js';
import {readManifest} from '../docker/imagetools.js';
import type {VerifyResult} from '../model/results.js';
import type {Config, Platform, RemoteManifest} from '../model/types.js';
import {checkManifest, checkPassed, describeFailures, formatTable} from '../model/verification.js';
import {reportVerify} from '../runner/summary.js';

/** Reading pushed references back: the proof every build and merge ends with, and `mode: verify` on its own. */

/**
 * Reads every reference back from the registry and proves it lists each expected platform once and points at
 * `builtDigest`; with no built digest (verify mode, merge) the references must at least agree with the first.
 */
export async function verifyPushed(
  docker: Docker,
  refs: string[],
  expected: Platform[],
  builtDigest: string
): Promise<VerifyResult> {
  const manifests = await Promise.all(refs.map(ref => readBack(docker, ref, builtDigest !== '')));
  const reference = builtDigest || manifests[0].digest;
  const checks = manifests.map((m, i) => checkManifest(refs[i], m, expected, reference));
  const table = formatTable(expected, checks, reference);
  core.info(table);
  if (!checks.every(checkPassed)) {
    throw new Error(
      `Verify failed: ${describeFailures(checks, reference)}. The registry does not hold what ${builtDigest ? 'this step built' : 'was expected'}: ` +
        'another job may have pushed the same tag meanwhile; give each job its own tags, or re-run'
    );
  }
  core.info(`Verified ${refs.length} reference(s): ${expected.join(', ')} present once each, all at ${reference}`);
  return {checks, table};
}

/**
 * Reads one reference back. Credentials that may push but not pull (a push-only token) make the read fail after a
 * push that went through: said as such, with the way to skip the read-back.
 */
async function readBack(docker: Docker, ref: string, pushedHere: boolean): Promise<RemoteManifest> {
  try {
    return await readManifest(docker, ref);
  } catch (e) {
    if (!(pushedHere && e instanceof CommandError && AUTH_FAILURE.test(lastLine(e.stderr)))) throw e;
    throw new DiagnosedError(
      'Verify could not read back',
      `Pushed, but ${ref} could not be read back to verify it: ${lastLine(e.stderr).replace(/^ERROR: /, '')}; give the step's credentials pull access, or set verify: false to skip the read-back`
    );
  }
}

/** verify mode: existing tags against the expected platforms (and digest), no build. */
export async function runVerify(docker: Docker, config: Config): Promise<void> {
  const result = await core.group('Verify', () =>
    verifyPushed(docker, config.tags, config.platforms, config.expectDigest)
  );
  await reportVerify(result);
}
