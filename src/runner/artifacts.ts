import {createHash} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import {platformSlug, type DigestEntry} from '../model/legs.js';
import type {Platform} from '../model/types.js';

/**
 * `handoff: artifact`: each leg uploads a tiny JSON record as a workflow artifact; the merge downloads exactly
 * the names it expects. @actions/artifact is loaded only here, on first use, so other runs never pay for it.
 */

/** The record a leg leaves for the merge. */
export interface HandoffRecord {
  image: string;
  target: string;
  platform: Platform;
  digest: string;
  /** What tells apart legs of one image built differently in one run: their tags ('' for legs that push by images). */
  flavour: string;
}

/**
 * `xbuild-<hash8>-<image>-<target>-<os-arch-variant>`. The hash of (image, target, platform) comes first, so two
 * different legs differ within the first 15 characters and no name is a prefix of another; the rest is for
 * people. Characters artifact names refuse (`/ : " < > | * ? \`) become `_`.
 */
export function artifactName(image: string, target: string, platform: Platform, flavour = ''): string {
  const key = `${image}\0${target}\0${platform}${flavour ? `\0${flavour}` : ''}`;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const readable = `${image}-${target || 'default'}-${platformSlug(platform)}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return `xbuild-${hash}-${readable}`;
}

function parseRecord(text: string, expected: {image: string; platform: Platform}): DigestEntry {
  const r = JSON.parse(text) as Partial<HandoffRecord>;
  if (r.platform !== expected.platform || !/^sha256:[0-9a-f]{64}$/.test(r.digest ?? '')) {
    throw new Error(`handoff record for ${expected.platform} of ${expected.image} is not valid: ${text.slice(0, 120)}`);
  }
  return {platform: r.platform, digest: r.digest!};
}

/** A leg's flavour: its tags, in one order (legs that push by `images` alone have none). */
export function flavourOf(tags: string[]): string {
  return [...new Set(tags)].sort().join(',');
}

/**
 * Uploads a leg's record; returns the artifact name. Artifact names are per run, not per attempt: a re-run attempt
 * (GITHUB_RUN_ATTEMPT > 1) first deletes the record an earlier attempt left, as upload-artifact's `overwrite` does,
 * or the service refuses the name. The first attempt skips that lookup.
 */
export async function uploadRecord(record: HandoffRecord, dir: string, attempt = 1): Promise<string> {
  const {DefaultArtifactClient, ArtifactNotFoundError} = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const name = artifactName(record.image, record.target, record.platform, record.flavour);
  if (attempt > 1) {
    try {
      await client.deleteArtifact(name);
      core.info(`Re-run attempt ${attempt}: replaced the record an earlier attempt left as ${name}`);
    } catch (e) {
      if (!(e instanceof ArtifactNotFoundError)) throw e;
    }
  }
  const file = path.join(dir, 'handoff.json');
  fs.writeFileSync(file, JSON.stringify(record), {mode: 0o600});
  await client.uploadArtifact(name, [file], dir, {retentionDays: 1});
  core.info(`Handed ${record.platform} ${record.digest} to the merge as artifact ${name}`);
  return name;
}

/**
 * Downloads the expected legs' records; a leg with no artifact is left out (the completeness check names it). The
 * legs of this flavour (the same tags) are looked for first, then legs that pushed by `images` alone.
 */
export async function downloadRecords(
  leg: {image: string; target: string; flavour: string},
  platforms: Platform[],
  dir: string
): Promise<DigestEntry[]> {
  const {DefaultArtifactClient, ArtifactNotFoundError} = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const found: DigestEntry[] = [];
  for (const platform of platforms) {
    const names = [...new Set([leg.flavour, ''])].map(f => artifactName(leg.image, leg.target, platform, f));
    for (const name of names) {
      try {
        const {artifact} = await client.getArtifact(name);
        const into = path.join(dir, name);
        await client.downloadArtifact(artifact.id, {path: into});
        found.push(parseRecord(fs.readFileSync(path.join(into, 'handoff.json'), 'utf8'), {image: leg.image, platform}));
        core.info(`${platform.padEnd(16)} artifact ${name}`);
        break;
      } catch (e) {
        if (!(e instanceof ArtifactNotFoundError)) throw e;
        core.info(`${platform}: no artifact ${name}`);
      }
    }
  }
  return found;
}
