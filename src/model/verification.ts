import {formatColumns} from './table.js';
import type {Platform, RemoteManifest} from './types.js';

/** What verify proves of a reference read back from the registry: each platform once, nothing else, the built digest. */

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
  // a bare image manifest is a valid result for one platform (a leg with provenance off); its digest is checked below
  if (!manifest.isList && expected.length === 1) found.set(expected[0], [manifest.digest]);
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
  return (
    (c.manifest.isList || c.found.size === 1) &&
    !c.missing.length &&
    !c.unexpected.length &&
    !c.duplicated.length &&
    c.digestMatches
  );
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
  return formatColumns(header, rows);
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
