import * as core from '@actions/core';
import type {Docker} from '../docker/cli.js';
import {readManifest} from '../docker/imagetools.js';
import type {Config, Platform} from '../model/types.js';
import {checkManifest, checkPassed, describeFailures, formatTable, type RefCheck} from '../model/verification.js';
import {reportVerify} from '../runner/summary.js';

/** Reading pushed references back: the proof every build and merge ends with, and `mode: verify` on its own. */

export interface VerifyResult {
  checks: RefCheck[];
  table: string;
}

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
  const manifests = await Promise.all(refs.map(ref => readManifest(docker, ref)));
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

/** verify mode: existing tags against the expected platforms (and digest), no build. */
export async function runVerify(docker: Docker, config: Config): Promise<void> {
  const result = await core.group('Verify', () =>
    verifyPushed(docker, config.tags, config.platforms, config.expectDigest)
  );
  await reportVerify(result);
}
