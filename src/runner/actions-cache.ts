import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import {localCacheKey} from '../model/cache-names.js';
import {cacheModeReads, cacheModeWrites} from '../model/runtime.js';
import type {CacheServiceMode, Platform} from '../model/types.js';
import {saveState, StateKey} from './state.js';

/**
 * `cache: local`: BuildKit reads its cache from a directory and writes a fresh one beside it; @actions/cache
 * restores the directory before the build and saves it after. The new directory replaces the old one (BuildKit's
 * local export keeps every blob it ever wrote in `dest` otherwise), so the saved cache is one build's worth.
 * @actions/cache is loaded only here, on first use.
 */

export interface LocalCache {
  /** The restored cache BuildKit reads (src) and the dir it writes (dest). */
  src: string;
  dest: string;
  key: string;
  restoreKeys: string[];
  /** The key that was restored ('' on a miss). */
  restoredKey: string;
  /** The job's cache mode: saved only where it writes (not read, not none). */
  mode: CacheServiceMode;
}

/** The cache dirs live at a fixed path per key prefix: @actions/cache versions entries by their paths. */
function localCacheDirs(prefix: string): {src: string; dest: string} {
  const base = path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'xbuild-cache', prefix.replace(/-$/, ''));
  return {src: base, dest: `${base}-new`};
}

export async function restoreLocalCache(
  image: string,
  target: string,
  platforms: Platform[],
  dockerfile: string,
  mode: CacheServiceMode = 'read-write'
): Promise<LocalCache> {
  const run = `${process.env.GITHUB_RUN_ID ?? Date.now()}-${process.env.GITHUB_RUN_ATTEMPT ?? 1}`;
  const {key, restoreKeys} = localCacheKey(image, target, platforms, dockerfile, run);
  const dirs = localCacheDirs(restoreKeys[restoreKeys.length - 1]);
  for (const dir of [dirs.src, dirs.dest]) fs.rmSync(dir, {recursive: true, force: true});
  fs.mkdirSync(dirs.src, {recursive: true});
  saveState(StateKey.CacheDir, path.dirname(dirs.src));
  if (!cacheModeReads(mode)) {
    core.info(`The job's cache mode is ${mode}: the local cache is not restored`);
    return {...dirs, key, restoreKeys, restoredKey: '', mode};
  }
  const cache = await import('@actions/cache');
  const restoredKey = (await cache.restoreCache([dirs.src], key, restoreKeys)) ?? '';
  core.info(restoredKey ? `Restored the local cache ${restoredKey}` : `No local cache yet for ${restoreKeys[0]}*`);
  return {...dirs, key, restoreKeys, restoredKey, mode};
}

interface OciIndex {
  manifests?: {mediaType?: string; digest: string}[];
  /** An image manifest's: BuildKit 0.2x writes the cache as one (its config the cache config), 0.13 as an index. */
  config?: {mediaType?: string; digest: string};
  layers?: {digest: string}[];
}

/**
 * What a BuildKit local cache holds, independent of order: its layer blobs and its record (cache key) digests,
 * sorted; '' when the dir holds no cache. The cache config itself is no fingerprint: a multi-platform build writes
 * the same layers and records in a different order each run (seen: two 3-platform runs, every step cached, two
 * config digests that differ only in layer and record order).
 */
export function cacheFingerprint(dir: string): string {
  const blob = <T>(digest: string): T =>
    JSON.parse(fs.readFileSync(path.join(dir, 'blobs', ...digest.split(':')), 'utf8')) as T;
  try {
    const top = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as OciIndex;
    const cache = blob<OciIndex>(top.manifests![0].digest);
    // 0.13: an index of the layers and the cache config; 0.25: an image manifest, the cache config its config (read
    // as an index, every 0.25 cache looked empty, so alike, and a changed build was never saved)
    const parts = cache.manifests ?? [];
    const config = cache.config ?? parts.find(m => m.mediaType === 'application/vnd.buildkit.cacheconfig.v0');
    const records = config ? (blob<{records?: {digest: string}[]}>(config.digest).records ?? []) : [];
    const layers = (cache.layers ?? parts.filter(m => m !== config)).map(m => m.digest);
    return JSON.stringify({layers: layers.sort(), records: records.map(r => r.digest).sort()});
  } catch {
    return '';
  }
}

/**
 * Rotates the new dir into place and saves it under this run's key; a failure warns (the image is built). A cache
 * holding what the restored one holds is not saved again: every entry counts against the repository's quota.
 */
export async function saveLocalCache(local: LocalCache): Promise<void> {
  if (!cacheModeWrites(local.mode)) {
    core.info(`The job's cache mode is ${local.mode}: the local cache is not saved`);
    return;
  }
  const written = cacheFingerprint(local.dest);
  if (!written) {
    core.warning(`The build wrote no local cache to ${local.dest}: nothing to save`);
    return;
  }
  if (local.restoredKey && written === cacheFingerprint(local.src)) {
    core.info(`The local cache is unchanged since ${local.restoredKey}: not saved again`);
    return;
  }
  fs.rmSync(local.src, {recursive: true, force: true});
  fs.renameSync(local.dest, local.src);
  try {
    const cache = await import('@actions/cache');
    // @actions/cache warns itself when the service refuses the entry (a write denied by the job's cache policy, a
    // key another job holds) and returns -1 instead of throwing
    const id = await cache.saveCache([local.src], local.key);
    core.info(
      id === -1
        ? `The local cache ${local.key} was not saved: the service refused it (the warning above)`
        : `Saved the local cache as ${local.key}`
    );
  } catch (e) {
    core.warning(`Could not save the local cache ${local.key}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
