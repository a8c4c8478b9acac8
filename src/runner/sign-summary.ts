import * as core from '@actions/core';
import type {SignResult} from '../model/results.js';

/** The signing outputs and the summary's signature table (see modes/sign.ts). */

/** `signed`, `signatures` (signed digest → signature manifest digest) and `verify-commands` (one line each). */
export function setSignOutputs(results: SignResult[]): void {
  core.setOutput('signed', String(results.length > 0));
  core.setOutput('signatures', JSON.stringify(Object.fromEntries(results.map(r => [r.digest, r.signature]))));
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
