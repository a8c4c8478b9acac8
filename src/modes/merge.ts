import * as core from '@actions/core';
import type {Docker} from '../docker/cli.js';
import {CommandError} from '../docker/exec.js';
import {createIndex, readManifest} from '../docker/imagetools.js';
import {
  checkCompleteness,
  describeIncomplete,
  handoffTag,
  nameOf,
  platformManifestDigest,
  type DigestEntry
} from '../model/legs.js';
import type {MergedLeg as Leg, MergeResult, VerifyResult} from '../model/results.js';
import type {Config} from '../model/types.js';
import {downloadRecords, flavourOf} from '../runner/artifacts.js';
import {verifyPushed} from './verify.js';
import {reportMerge} from '../runner/summary.js';
import {makeTempDir} from '../runner/temp.js';
import {signVerified} from './sign-lazy.js';

/** `mode: merge`: the legs' digests into one index under every tag, refused unless every platform is there. */

/** Finds the legs: from the `digests` input, the legs' artifacts, or their handoff tags. Missing legs are left out. */
async function findLegs(docker: Docker, config: Config, tempDir: string): Promise<DigestEntry[]> {
  if (config.digests.length) return config.digests;
  if (config.handoff === 'artifact')
    return downloadRecords(
      {image: nameOf(config.tags[0]), target: config.target, flavour: flavourOf(config.tags)},
      config.platforms,
      tempDir
    );
  const found = await Promise.all(
    config.platforms.map(async platform => {
      const tag = handoffTag(config.tags[0], platform);
      try {
        return [{platform, digest: (await readManifest(docker, tag)).digest}];
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
async function resolveLegs(docker: Docker, entries: DigestEntry[], repository: string): Promise<Leg[]> {
  return Promise.all(
    entries.map(async ({platform, digest}) => {
      const source = `${repository}@${digest}`;
      const manifestDigest = platformManifestDigest(await readManifest(docker, source), platform);
      if (!manifestDigest)
        throw new Error(`Merge refused: ${source} is not a single ${platform} image; check the leg's platform`);
      core.info(`${platform.padEnd(16)} ${source}`);
      return {platform, digest, manifestDigest, source};
    })
  );
}

/** Refuses to publish when a platform is missing or doubled (unless allow-partial and nothing is doubled). */
function checkLegs(config: Config, entries: DigestEntry[]): DigestEntry[] {
  const completeness = checkCompleteness(config.platforms, entries);
  const problem = describeIncomplete(completeness);
  if (problem && !(config.allowPartial && completeness.sources.length && !completeness.duplicated.length)) {
    throw new Error(
      `Merge refused: ${problem}; no tag was created. Re-run the failed leg${completeness.missing.length ? ', or set allow-partial to publish without it' : ''}`
    );
  }
  if (problem) core.warning(`Publishing a partial index (allow-partial): ${problem}`);
  return completeness.sources;
}

/** Verifies the index and that it lists each leg's manifest byte for byte. */
async function verifyIndex(docker: Docker, config: Config, legs: Leg[]): Promise<VerifyResult> {
  const result = await verifyPushed(
    docker,
    config.tags,
    legs.map(l => l.platform),
    ''
  );
  const merged = result.checks[0].found;
  const changed = legs.filter(l => merged.get(l.platform)?.[0] !== l.manifestDigest);
  if (changed.length) {
    throw new Error(
      `Verify failed: the index lists ${changed.map(l => `${l.platform} at ${merged.get(l.platform)?.[0]}, not the leg's ${l.manifestDigest}`).join('; ')}`
    );
  }
  return result;
}

/** merge mode: every expected platform must have exactly one leg; then one index with all tags, verified. */
export async function runMerge(docker: Docker, config: Config, tempDir: string): Promise<MergeResult> {
  const repository = nameOf(config.tags[0]);
  const entries = await core.group('Collect legs', () => findLegs(docker, config, tempDir));
  const sources = checkLegs(config, entries);
  const legs = await core.group('Resolve legs', () => resolveLegs(docker, sources, repository));
  await core.group('Create index', () =>
    createIndex(
      docker,
      config.tags,
      config.annotations,
      legs.map(l => l.source)
    )
  );
  const verify = await core.group('Verify', () => verifyIndex(docker, config, legs));
  return {legs, platforms: legs.map(l => l.platform), verify};
}

/** merge mode as a step: the index made and verified, then signed where asked (its digest, with `all` the legs'), and reported. */
export async function runMergeMode(docker: Docker, config: Config): Promise<void> {
  const tempDir = makeTempDir();
  const merged = await runMerge(docker, config, tempDir);
  const verified = {
    digest: merged.verify.checks[0].manifest.digest,
    platformDigests: merged.legs.map(l => l.manifestDigest)
  };
  await reportMerge(merged, await signVerified(docker, config, verified, tempDir));
}
