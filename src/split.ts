import * as path from 'node:path';
import * as core from '@actions/core';
import {cacheSpecs} from './cache.js';
import {runBuild, type BuildPaths, type BuildResult} from './build.js';
import {docker} from './exec.js';
import {networkRetry} from './retry.js';
import {imagetoolsCreateArgs, repositoryOf} from './matrix.js';
import type {CacheUsage} from './parsers.js';
import type {CacheConfig, Config, Plan, Platform} from './types.js';
import {readManifest} from './verify.js';

/**
 * Build mode on a multi-node builder with a cache: one build per node, each its own cache export, then one
 * index. In a single multi-node build every node exports its cache to the same scope or ref and the last node to
 * finish replaces the others' (measured in the lab: after a prune only the last node's platforms hit). Built
 * apart, each node's export has a name of its own (its platform set) and every node hits next time.
 */

/** The platforms one node builds: node 0 ('') takes everything not routed to a named node. */
export interface ExportGroup {
  node: string;
  platforms: Platform[];
}

export function exportGroups(plan: Plan): ExportGroup[] {
  const groups = new Map<string, Platform[]>();
  for (const p of plan.platforms) {
    const node = p.strategy === 'node' ? (p.node ?? '') : '';
    groups.set(node, [...(groups.get(node) ?? []), p.platform]);
  }
  return [...groups].map(([node, platforms]) => ({node, platforms}));
}

/**
 * Split when more than one node builds, the cache is one the action names (gha or registry; raw cache-to is the
 * user's own layout), and the result is a tagged push the action can assemble with imagetools.
 */
export function shouldSplit(config: Config, cache: CacheConfig, groups: ExportGroup[]): boolean {
  return (
    groups.length > 1 &&
    (cache.backend === 'gha' || cache.backend === 'registry') &&
    !config.cacheTo.length &&
    config.mode === 'build' &&
    config.push &&
    config.tags.length > 0 &&
    !config.outputs.length
  );
}

/** Index-level annotations go on the assembled index; the rest are already on each node's manifests. */
function indexAnnotations(annotations: string[]): string[] {
  return annotations.filter(a => /^index(\[[^\]]*\])?:/.test(a));
}

export interface SplitResult extends BuildResult {
  /** Build time per platform: the time of the node build that made it. */
  platformSeconds: Map<Platform, number>;
}

/** Builds each group by digest in parallel, then tags one index of them all. */
export async function runSplitBuild(
  config: Config,
  cache: CacheConfig,
  groups: ExportGroup[],
  paths: BuildPaths
): Promise<SplitResult> {
  const started = Date.now();
  const repository = repositoryOf(config);
  core.info(
    `One build per node, so each node's cache export keeps its own name: ${groups.map(g => `${g.node || 'node 0'} (${g.platforms.join(', ')})`).join('; ')}`
  );
  const builds = await Promise.all(
    groups.map((g, i) =>
      runBuild(
        {...config, platforms: g.platforms, tags: [], images: [repository]},
        {
          ...paths,
          metadataFile: path.join(path.dirname(paths.metadataFile), `metadata-${i + 1}.json`),
          cache: cacheSpecs(cache, {image: repository, target: config.target, platforms: g.platforms, perExport: true})
        }
      )
    )
  );
  const sources = builds.map(b => `${repository}@${b.metadata.digest}`);
  await docker(imagetoolsCreateArgs(config.tags, indexAnnotations(config.annotations), sources), {
    retry: networkRetry()
  });
  const index = await readManifest(config.tags[0]);
  const cacheUsage = new Map<Platform, CacheUsage>();
  const platformSeconds = new Map<Platform, number>();
  builds.forEach((b, i) => {
    for (const [p, u] of b.cache) cacheUsage.set(p, u);
    for (const p of groups[i].platforms) platformSeconds.set(p, b.seconds);
  });
  return {
    metadata: {
      digest: index.digest,
      imageId: '',
      mediaType: index.mediaType,
      imageNames: config.tags,
      buildRef: '',
      raw: {
        'containerimage.digest': index.digest,
        'image.name': config.tags.join(','),
        nodes: builds.map(b => b.metadata.raw)
      }
    },
    seconds: (Date.now() - started) / 1000,
    cache: cacheUsage,
    platformSeconds
  };
}
