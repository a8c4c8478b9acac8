import * as core from '@actions/core';
import {CommandError, docker} from './exec.js';
import {networkRetry} from './retry.js';
import {downloadRecords} from './handoff.js';
import {
  checkCompleteness,
  describeIncomplete,
  handoffTag,
  imagetoolsCreateArgs,
  nameOf,
  type DigestEntry
} from './matrix.js';
import type {Config, Platform, RemoteManifest} from './types.js';
import {readManifest, verifyPushed, type VerifyResult} from './verify.js';

/** One leg as the merge finds it: its platform, what it pushed, and the platform manifest inside. */
export interface Leg {
  platform: Platform;
  /** The leg's pushed digest (an index with its attestation, or a bare manifest). */
  digest: string;
  /** The image manifest for the platform, which the merged index must list byte for byte. */
  manifestDigest: string;
  source: string;
}

/** The digest of the image manifest for `platform` inside what a leg pushed. */
export function platformManifestDigest(manifest: RemoteManifest, platform: Platform): string | undefined {
  if (!manifest.isList) return manifest.digest;
  const entries = manifest.entries.filter(e => !e.attestation);
  if (entries.length !== 1 || entries[0].platform !== platform) return undefined;
  return entries[0].digest;
}

/** Finds the legs: from the `digests` input, the legs' artifacts, or their handoff tags. Missing legs are left out. */
async function findLegs(config: Config, tempDir: string): Promise<DigestEntry[]> {
  if (config.digests.length) return config.digests;
  if (config.handoff === 'artifact')
    return downloadRecords(nameOf(config.tags[0]), config.target, config.platforms, tempDir);
  const found = await Promise.all(
    config.platforms.map(async platform => {
      const tag = handoffTag(config.tags[0], platform);
      try {
        return [{platform, digest: (await readManifest(tag)).digest}];
      } catch (e) {
        if (e instanceof CommandError && /not found|MANIFEST_UNKNOWN/i.test(e.stderr)) {
          core.info(`${platform}: no leg at ${tag}`);
          return [];
        }
        throw e;
      }
    })
  );
  return found.flat();
}

/** Reads each leg by digest and checks it holds exactly its platform. */
async function resolveLegs(entries: DigestEntry[], repository: string): Promise<Leg[]> {
  return Promise.all(
    entries.map(async ({platform, digest}) => {
      const source = `${repository}@${digest}`;
      const manifestDigest = platformManifestDigest(await readManifest(source), platform);
      if (!manifestDigest)
        throw new Error(`Merge refused: ${source} is not a single ${platform} image; check the leg's platform`);
      core.info(`${platform.padEnd(16)} ${source}`);
      return {platform, digest, manifestDigest, source};
    })
  );
}

export interface MergeResult {
  legs: Leg[];
  platforms: Platform[];
  verify: VerifyResult;
}

/** merge mode: every expected platform must have exactly one leg; then one index with all tags, verified. */
export async function runMerge(config: Config, tempDir: string): Promise<MergeResult> {
  const repository = nameOf(config.tags[0]);
  const entries = await core.group('Collect legs', () => findLegs(config, tempDir));
  const completeness = checkCompleteness(config.platforms, entries);
  const problem = describeIncomplete(completeness);
  if (problem && !(config.allowPartial && completeness.sources.length && !completeness.duplicated.length)) {
    throw new Error(
      `Merge refused: ${problem}; no tag was created. Re-run the failed leg${completeness.missing.length ? ', or set allow-partial to publish without it' : ''}`
    );
  }
  if (problem) core.warning(`Publishing a partial index (allow-partial): ${problem}`);
  const platforms = completeness.sources.map(s => s.platform);
  const legs = await core.group('Resolve legs', () => resolveLegs(completeness.sources, repository));
  await core.group('Create index', () =>
    docker(
      imagetoolsCreateArgs(
        config.tags,
        config.annotations,
        legs.map(l => l.source)
      ),
      {retry: networkRetry()}
    )
  );
  const verify = await core.group('Verify', async () => {
    const result = await verifyPushed(config.tags, platforms, '');
    const merged = result.checks[0].found;
    const changed = legs.filter(l => merged.get(l.platform)?.[0] !== l.manifestDigest);
    if (changed.length) {
      throw new Error(
        `Verify failed: the index lists ${changed.map(l => `${l.platform} at ${merged.get(l.platform)?.[0]}, not the leg's ${l.manifestDigest}`).join('; ')}`
      );
    }
    return result;
  });
  return {legs, platforms, verify};
}
