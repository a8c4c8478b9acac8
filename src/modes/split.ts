import * as path from 'node:path';
import * as core from '@actions/core';
import {runBuild, type BuildPaths, type BuildResult} from '../docker/build.js';
import type {Docker} from '../docker/cli.js';
import {createIndex, readManifest} from '../docker/imagetools.js';
import type {CacheUsage} from '../docker/progress.js';
import {buildVariant, cacheSpecs} from '../model/cache-names.js';
import type {ExportGroup} from '../model/export-groups.js';
import {repositoryOf} from '../model/legs.js';
import type {BuildMetadata, CacheConfig, Config, Platform, RemoteManifest} from '../model/types.js';

/**
 * Build mode on a multi-node builder with a cache: one build per node, each its own cache export, then one
 * index. In a single multi-node build every node exports its cache to the same scope or ref and the last node to
 * finish replaces the others' (measured in the lab: after a prune only the last node's platforms hit). Built
 * apart, each node's export has a name of its own (its platform set) and every node hits next time.
 */

/** Index-level annotations go on the assembled index; the rest are already on each node's manifests. */
function indexAnnotations(annotations: string[]): string[] {
  return annotations.filter(a => /^index(\[[^\]]*\])?:/.test(a));
}

export interface SplitResult extends BuildResult {
  /** Build time per platform: the time of the node build that made it. */
  platformSeconds: Map<Platform, number>;
}

/** The assembled index as build metadata: its digest, the tags, and each node build's own metadata. */
function indexMetadata(index: RemoteManifest, tags: string[], builds: BuildResult[]): BuildMetadata {
  return {
    digest: index.digest,
    imageId: '',
    mediaType: index.mediaType,
    imageNames: tags,
    buildRef: '',
    raw: {'containerimage.digest': index.digest, 'image.name': tags.join(','), nodes: builds.map(b => b.metadata.raw)}
  };
}

/** Builds each group by digest in parallel, then tags one index of them all. */
export async function runSplitBuild(
  docker: Docker,
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
        docker,
        config,
        {
          ...paths,
          metadataFile: path.join(path.dirname(paths.metadataFile), `metadata-${i + 1}.json`),
          cache: cacheSpecs(cache, {
            image: repository,
            target: config.target,
            variant: buildVariant(config.file, config.buildArgs, process.env),
            platforms: g.platforms,
            perExport: true
          })
        },
        {part: {platforms: g.platforms, repository}}
      )
    )
  );
  const sources = builds.map(b => `${repository}@${b.metadata.digest}`);
  await createIndex(docker, config.tags, indexAnnotations(config.annotations), sources);
  const index = await readManifest(docker, config.tags[0]);
  const cacheUsage = new Map<Platform, CacheUsage>();
  const platformSeconds = new Map<Platform, number>();
  builds.forEach((b, i) => {
    for (const [p, u] of b.cache) cacheUsage.set(p, u);
    for (const p of groups[i].platforms) platformSeconds.set(p, b.seconds);
  });
  const seconds = (Date.now() - started) / 1000;
  return {metadata: indexMetadata(index, config.tags, builds), seconds, cache: cacheUsage, platformSeconds};
}
