import * as core from '@actions/core';
import {docker, TRANSIENT, type RetryPolicy} from './exec.js';
import {parseRawManifest} from './parsers.js';
import type {Config, Platform, RemoteManifest} from './types.js';

/** A just-pushed manifest can take a moment to show (registry read-after-write lag): retry "not found" too. */
export const VERIFY_RETRY: RetryPolicy = {
  attempts: 4,
  delaysMs: [500, 1500, 3000],
  retryOn: new RegExp(`${TRANSIENT.source}|not found|MANIFEST_UNKNOWN`, 'i')
};

export function inspectRawArgs(ref: string): string[] {
  return ['buildx', 'imagetools', 'inspect', '--raw', ref];
}

/** What verify reads back: every tag, or each pushed-by-digest name at the built digest. */
export function refsToVerify(config: Config, builtDigest: string): string[] {
  return config.images.length ? config.images.map(i => `${i}@${builtDigest}`) : config.tags;
}

export interface RefCheck {
  ref: string;
  manifest: RemoteManifest;
  /** platform → manifest digests found for it (more than one is a duplicate). */
  found: Map<Platform, string[]>;
  missing: Platform[];
  unexpected: Platform[];
  duplicated: Platform[];
  digestMatches: boolean;
}

/** Compares one pushed manifest with what was asked for and built. Attestation manifests are not platforms. */
export function checkManifest(
  ref: string,
  manifest: RemoteManifest,
  expected: Platform[],
  builtDigest: string
): RefCheck {
  const found = new Map<Platform, string[]>();
  for (const entry of manifest.entries) {
    if (entry.attestation) continue;
    found.set(entry.platform, [...(found.get(entry.platform) ?? []), entry.digest]);
  }
  return {
    ref,
    manifest,
    found,
    missing: expected.filter(p => !found.has(p)),
    unexpected: [...found.keys()].filter(p => !expected.includes(p)),
    duplicated: [...found.entries()].filter(([, d]) => d.length > 1).map(([p]) => p),
    digestMatches: !builtDigest || manifest.digest === builtDigest
  };
}

export function checkPassed(c: RefCheck): boolean {
  return c.manifest.isList && !c.missing.length && !c.unexpected.length && !c.duplicated.length && c.digestMatches;
}

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

/** The expected-vs-found table: one row per platform, one column per reference, then the list digest. */
export function formatTable(expected: Platform[], checks: RefCheck[], builtDigest: string): string {
  const platforms = [...new Set([...expected, ...checks.flatMap(c => [...c.found.keys()])])];
  const header = ['platform', 'expected', ...checks.map(c => c.ref)];
  const rows = platforms.map(p => [
    p,
    expected.includes(p) ? 'yes' : 'no',
    ...checks.map(c => {
      const digests = c.found.get(p);
      if (!digests) return c.manifest.isList ? 'MISSING' : 'not a list';
      return digests.length > 1 ? `DUPLICATE x${digests.length}` : short(digests[0]);
    })
  ]);
  rows.push([
    'list digest',
    builtDigest ? short(builtDigest) : '-',
    ...checks.map(c => `${short(c.manifest.digest)}${c.digestMatches ? '' : ' (DIFFERS)'}`)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** One line saying what is wrong with each failed reference. */
export function describeFailures(checks: RefCheck[], builtDigest: string): string {
  return checks
    .filter(c => !checkPassed(c))
    .map(c => {
      const parts: string[] = [];
      if (!c.manifest.isList) parts.push(`is a single-platform manifest (${c.manifest.mediaType}), not a list`);
      else {
        if (c.missing.length) parts.push(`lacks ${c.missing.join(', ')}`);
        if (c.unexpected.length) parts.push(`has unrequested ${c.unexpected.join(', ')}`);
        if (c.duplicated.length) parts.push(`lists ${c.duplicated.join(', ')} more than once`);
      }
      if (!c.digestMatches) parts.push(`points at ${c.manifest.digest}, not the built ${builtDigest}`);
      return `${c.ref} ${parts.join(', ')}`;
    })
    .join('; ');
}

export interface VerifyResult {
  checks: RefCheck[];
  table: string;
}

/** Reads every pushed reference back from the registry and proves it holds exactly what was built. */
export async function verifyPushed(refs: string[], expected: Platform[], builtDigest: string): Promise<VerifyResult> {
  const checks = await Promise.all(
    refs.map(async ref => {
      const {stdout} = await docker(inspectRawArgs(ref), {silent: true, retry: VERIFY_RETRY});
      return checkManifest(ref, parseRawManifest(stdout), expected, builtDigest);
    })
  );
  const table = formatTable(expected, checks, builtDigest);
  core.info(table);
  if (!checks.every(checkPassed)) {
    throw new VerifyError(
      `Verify failed: ${describeFailures(checks, builtDigest)}. The registry does not hold what this step built: ` +
        'another job may have pushed the same tag meanwhile; give each job its own tags, or re-run',
      table
    );
  }
  core.info(`Verified ${refs.length} reference(s): ${expected.join(', ')} present once each, all at ${builtDigest}`);
  return {checks, table};
}

export class VerifyError extends Error {
  constructor(
    message: string,
    readonly table: string
  ) {
    super(message);
  }
}
