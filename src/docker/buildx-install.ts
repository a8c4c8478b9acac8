import {createHash} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import {parseVersion} from '../model/versions.js';
import type {Docker} from './cli.js';
import {userDockerConfig} from './context.js';

/**
 * Which buildx runs the build: the installed one when it is new enough, else a pinned release downloaded through
 * @actions/tool-cache, checked against the release's checksums file, and put in front of the docker CLI for this
 * step only (a DOCKER_CONFIG of our own that links back to the user's config, credentials and builders).
 */

const TOOL = 'docker-buildx';

/** The version in `docker buildx version` (`github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3`). */
export function parseBuildxVersion(output: string): string {
  const word = output.trim().split(/\s+/)[1] ?? '';
  if (!parseVersion(word)) throw new Error(`cannot read the buildx version from "${output.trim().slice(0, 80)}"`);
  return word.replace(/^v/, '');
}

export async function installedBuildx(docker: Docker): Promise<string> {
  return parseBuildxVersion((await docker.run(['buildx', 'version'], {silent: true})).stdout);
}

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
