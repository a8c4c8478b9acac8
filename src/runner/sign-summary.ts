import * as core from '@actions/core';
import type {SignResult} from '../model/results.js';

/** The signing outputs and the summary's signature table (see modes/sign.ts). */

/** A digest → referrer map of the signatures (or the provenances) among the results. */
const referrers = (results: SignResult[], provenance: boolean): string =>
  JSON.stringify(
    Object.fromEntries(results.filter(r => (r.kind === 'provenance') === provenance).map(r => [r.digest, r.signature]))
  );

/**
 * `signed`, `signatures` (signed digest → signature manifest digest), `attestations` (attested digest → provenance
 * manifest digest) and `verify-commands` (one line each).
 */
export function setSignOutputs(results: SignResult[]): void {
  core.setOutput('signed', String(results.length > 0));
  core.setOutput('signatures', referrers(results, false));
  core.setOutput('attestations', referrers(results, true));
  core.setOutput('verify-commands', results.flatMap(r => r.verify).join('\n'));
}

/** The signature of each signed digest, checked in the registry, and how to verify it. */
export function addSignTable(results: SignResult[]): void {
  if (!results.length) return;
  const header = ['Signed digest', 'Of', 'Signature (referrer)', 'Checked'].map(data => ({data, header: true}));
  core.summary
    .addHeading('Signatures', 4)
    .addTable([header, ...results.map(r => [r.digest, r.kind, r.signature, 'verified in the registry'])])
    .addCodeBlock(results.flatMap(r => r.verify).join('\n'), 'sh');
}
