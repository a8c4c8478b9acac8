import {createHash} from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import {requiredVersions} from './cache.js';
import {docker} from './exec.js';
import {parseBuildxVersion, versionAtLeast} from './parsers.js';
import {saveState, StateKey} from './state.js';
import type {BuilderInfo, CacheConfig, Config} from './types.js';

/**
 * Which buildx runs the build: the installed one when it is new enough, else a pinned release downloaded through
 * @actions/tool-cache, checked against the release's checksums file, and put in front of the docker CLI for this
 * step only (a DOCKER_CONFIG of our own that links back to the user's config, credentials and builders).
 */

/** The release installed when the installed buildx is too old (tested against the gha cache API v2). */
export const PINNED_BUILDX = '0.36.0';

const TOOL = 'docker-buildx';

/** `buildx-v0.36.0.linux-arm-v7`: the release asset for this OS and CPU, as buildx names them. */
export function releaseAsset(
  version: string,
  platform: string = process.platform,
  arch: string = process.arch
): string {
  const cpu: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm-v7',
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64'
  };
  if (!cpu[arch]) throw new Error(`buildx has no release for the CPU ${arch}`);
  return `buildx-v${version}.${platform === 'win32' ? 'windows' : platform}-${cpu[arch]}${platform === 'win32' ? '.exe' : ''}`;
}

/** URLs of one release's asset and checksums file, under `buildx-url`. */
export function releaseUrls(base: string, version: string, asset: string): {binary: string; checksums: string} {
  return {binary: `${base}/v${version}/${asset}`, checksums: `${base}/v${version}/checksums.txt`};
}

/** `checksums.txt` lines `<sha256> *<file>` (or two spaces) → file → sha256. */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)$/.exec(line.trim());
    if (m) sums.set(m[2], m[1]);
  }
  return sums;
}

/** Throws unless the file's sha256 is the one the checksums file lists for `asset`. */
export function verifyChecksum(file: string, asset: string, checksums: Map<string, string>, from: string): void {
  const expected = checksums.get(asset);
  if (!expected) {
    throw new Error(
      `The checksums file of ${from} lists no ${asset}: the release layout is not buildx's; nothing was installed`
    );
  }
  const actual = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  if (actual !== expected) {
    throw new Error(
      `${asset} from ${from} does not match its checksum (expected sha256 ${expected}, got ${actual}): the download is corrupt or was altered; nothing was installed`
    );
  }
}

export type BuildxChoice = {action: 'use-installed'} | {action: 'install'; version: string};

/**
 * What to do about buildx, from the installed version, `buildx-version` and what the cache needs. An explicit
 * version is installed unless it is the installed one; auto keeps the installed one when it is new enough and
 * installs the pinned release when `cache: gha` asked for more. (An auto-chosen gha cache falls back instead: see
 * fallbackCache.)
 */
export function chooseBuildx(installed: string, wanted: string, cache: CacheConfig): BuildxChoice {
  if (wanted !== 'auto') return installed === wanted ? {action: 'use-installed'} : {action: 'install', version: wanted};
  const needs = requiredVersions(cache);
  if (!needs || versionAtLeast(installed, needs.buildx) !== false) return {action: 'use-installed'};
  return {action: 'install', version: PINNED_BUILDX};
}

/** A BuildKit version known to be older than `min`; an unreadable one, or Debian's v0.0.0, is unknown, not old. */
function olderBuildkit(version: string, min: string): boolean {
  return !/^v?0\.0\.0\b/.test(version) && versionAtLeast(version, min) === false;
}

/** When the gha cache API v2 needs a newer BuildKit than a pinned buildkit-image: the versions and the fix. */
export function checkBuildkitFor(cache: CacheConfig, buildkitImage: string): string {
  const needs = requiredVersions(cache);
  const tag = /:(v?[\d.]+)(?:@|$)/.exec(buildkitImage)?.[1] ?? '';
  if (!needs || !olderBuildkit(tag, needs.buildkit)) return '';
  return `The GitHub cache service v2 needs BuildKit ${needs.buildkit} or newer, and buildkit-image is ${buildkitImage}: set buildkit-image to moby/buildkit:v0.29.0 (the default) or use cache: registry`;
}

/**
 * For a builder the action did not create (driver docker, input builder): its nodes whose BuildKit is too old for
 * the gha cache API v2, as the versions and the fix. Debian-built engines report v0.0.0: unknown, not too old.
 */
export function checkNodesBuildkitFor(cache: CacheConfig, info: BuilderInfo): string {
  const needs = requiredVersions(cache);
  if (!needs) return '';
  const old = info.nodes.filter(n => olderBuildkit(n.buildkitVersion, needs.buildkit));
  if (!old.length) return '';
  const which = old.map(n => `${n.name} runs BuildKit ${n.buildkitVersion}`).join(', ');
  return `The GitHub cache service v2 needs BuildKit ${needs.buildkit} or newer, and on builder ${info.name} ${which}: update that engine or builder, use driver docker-container (it runs buildkit-image), or use cache: registry`;
}

/** An auto-chosen gha cache on a buildx too old for the runner's cache API: registry when pushing, else none. */
export function fallbackCache(cache: CacheConfig, installed: string, canUseRegistry: boolean): CacheConfig | undefined {
  const needs = requiredVersions(cache);
  if (cache.requested !== 'auto' || !needs || versionAtLeast(installed, needs.buildx) !== false) return undefined;
  return {...cache, backend: canUseRegistry ? 'registry' : 'none'};
}

export async function installedBuildx(): Promise<string> {
  return parseBuildxVersion((await docker(['buildx', 'version'], {silent: true})).stdout);
}

/** Downloads (or finds in the tool cache) buildx `version`, checked against the release's checksums. */
export async function fetchBuildx(version: string, baseUrl: string): Promise<string> {
  const tc = await import('@actions/tool-cache');
  const cached = tc.find(TOOL, version);
  if (cached) {
    core.info(`buildx ${version} is in the tool cache: ${cached}`);
    return path.join(cached, TOOL);
  }
  const asset = releaseAsset(version);
  const urls = releaseUrls(baseUrl, version, asset);
  core.info(`Downloading buildx ${version}: ${urls.binary}`);
  const sums = await tc.downloadTool(urls.checksums);
  const binary = await tc.downloadTool(urls.binary);
  try {
    verifyChecksum(binary, asset, parseChecksums(fs.readFileSync(sums, 'utf8')), urls.checksums);
    fs.chmodSync(binary, 0o755);
    const dir = await tc.cacheFile(binary, TOOL, TOOL, version);
    core.info(`buildx ${version} verified (sha256) and kept in the tool cache: ${dir}`);
    return path.join(dir, TOOL);
  } finally {
    fs.rmSync(binary, {force: true});
    fs.rmSync(sums, {force: true});
  }
}

/**
 * A docker config dir for this step: every entry of the user's config dir linked in (config.json with its
 * credentials, contexts, buildx's builders), plus cli-plugins/docker-buildx pointing at `binary`. The user's own
 * config is not touched; post removes the dir with the step's temp dir.
 */
export function pluginConfigDir(binary: string, tempDir: string, userDir: string = userDockerConfig()): string {
  const dir = path.join(tempDir, 'docker-config');
  fs.mkdirSync(path.join(dir, 'cli-plugins'), {recursive: true, mode: 0o700});
  // builders made in this step must stay visible to the user's buildx, so buildx's state dir is theirs
  fs.mkdirSync(path.join(userDir, 'buildx'), {recursive: true});
  for (const entry of fs.readdirSync(userDir)) {
    if (entry !== 'cli-plugins') fs.symlinkSync(path.join(userDir, entry), path.join(dir, entry));
  }
  const userPlugins = path.join(userDir, 'cli-plugins');
  for (const plugin of fs.existsSync(userPlugins) ? fs.readdirSync(userPlugins) : []) {
    if (plugin !== TOOL) fs.symlinkSync(path.join(userPlugins, plugin), path.join(dir, 'cli-plugins', plugin));
  }
  fs.symlinkSync(binary, path.join(dir, 'cli-plugins', TOOL));
  return dir;
}

function userDockerConfig(): string {
  return process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/**
 * Makes sure the buildx that runs is one the build can use; returns the cache config to build with (an auto gha
 * cache may fall back). Throws with the versions and the fix when nothing fits.
 */
export async function ensureBuildx(config: Config, tempDir: string): Promise<CacheConfig> {
  const buildkitProblem = checkBuildkitFor(config.cache, config.buildkitImage);
  if (buildkitProblem && config.cache.requested === 'gha') throw new Error(buildkitProblem);
  const installed = await installedBuildx();
  const fallback = fallbackCache(config.cache, installed, config.push && config.cache.ref !== '');
  if (fallback && config.buildxVersion === 'auto') {
    core.warning(
      `The runner's cache service is API v2, which needs buildx 0.21+ and this runner has buildx ${installed}: using cache ${fallback.backend} instead; set cache: gha to install buildx ${PINNED_BUILDX}`
    );
    return fallback;
  }
  const choice = chooseBuildx(installed, config.buildxVersion, config.cache);
  if (choice.action === 'use-installed') {
    core.info(`buildx ${installed}`);
    return config.cache;
  }
  const binary = await fetchBuildx(choice.version, config.buildxUrl);
  const dir = pluginConfigDir(binary, tempDir);
  process.env.DOCKER_CONFIG = dir;
  saveState(StateKey.DockerConfig, dir);
  core.info(`buildx ${choice.version} runs for this step (was ${installed}); your docker config is unchanged`);
  return config.cache;
}
