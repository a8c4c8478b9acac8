import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '@actions/core';
import type {Docker} from '../docker/cli.js';
import {readManifest} from '../docker/imagetools.js';
import {networkRetry} from '../docker/retry.js';
import {parseStages, reachableStages, runsOnTarget, targetBaseImages, type Stage} from '../model/dockerfile.js';
import {fallbackPlatforms} from '../model/platform.js';
import {formatColumns} from '../model/table.js';
import type {Config, Platform} from '../model/types.js';

/**
 * Before a long build: which stages run on the target platform, and does every external base image of those
 * stages publish every requested platform? A miss fails in seconds instead of inside the build.
 */

const PREFLIGHT_TIMEOUT_MS = 20_000;

export interface BaseCheck {
  image: string;
  stages: string[];
  /** The platforms the image publishes; undefined when it was not checked. */
  published?: Platform[];
  notChecked?: string;
}

/** `KEY=value` build-arg lines as a map. */
/** `KEY=value` build-arg lines as a map, as buildx reads them: a later key wins, a bare name reads the environment. */
function buildArgMap(lines: string[], env: Record<string, string | undefined>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq > 0) map[line.slice(0, eq)] = line.slice(eq + 1);
    else if (env[line] !== undefined) map[line] = env[line];
  }
  return map;
}

/** What the base gives for a platform as BuildKit picks it: the platform itself, or a variant it falls back to. */
function servedAs(b: BaseCheck, p: Platform): Platform | undefined {
  return fallbackPlatforms(p).find(q => b.published?.includes(q));
}

/** The base × platform table and the platforms each base lacks (no variant BuildKit would fall back to either). */
export function missingPlatforms(bases: BaseCheck[], platforms: Platform[]): {image: string; missing: Platform[]}[] {
  return bases
    .filter(b => b.published)
    .map(b => ({image: b.image, missing: platforms.filter(p => !servedAs(b, p))}))
    .filter(m => m.missing.length);
}

function baseCell(b: BaseCheck, p: Platform): string {
  if (!b.published) return 'not checked';
  const as = servedAs(b, p);
  return !as ? 'MISSING' : as === p ? 'present' : `as ${as}`;
}

export function formatBaseTable(bases: BaseCheck[], platforms: Platform[]): string {
  const header = ['base image', ...platforms];
  const rows = bases.map(b => [b.image, ...platforms.map(p => baseCell(b, p))]);
  return formatColumns(header, rows);
}

function describeStage(s: Stage): string {
  const name = s.name || `#${s.index}`;
  const from = s.fromStage !== undefined ? `stage ${s.base}` : s.base || s.baseText;
  if (s.platform === 'build')
    return `stage ${name} (FROM ${from}): --platform=$BUILDPLATFORM, runs natively (cross-compiling)`;
  if (s.platform === 'fixed') return `stage ${name} (FROM ${from}): fixed platform ${s.fixedPlatform ?? '?'}`;
  return `stage ${name} (FROM ${from}): runs on each target platform${s.hasRun ? ', with RUN steps' : ', no RUN step'}`;
}

/** Reads one base image's platform list; failures and timeouts become "not checked", never errors. */
async function inspectBase(docker: Docker, image: string): Promise<Pick<BaseCheck, 'published' | 'notChecked'>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${PREFLIGHT_TIMEOUT_MS / 1000} s`)), PREFLIGHT_TIMEOUT_MS);
  });
  try {
    const manifest = await Promise.race([readManifest(docker, image, networkRetry(docker.budget)), timeout]);
    if (!manifest.isList) return {notChecked: 'a single-platform image (no list to read platforms from)'};
    return {published: manifest.entries.filter(e => !e.attestation).map(e => e.platform)};
  } catch (e) {
    return {notChecked: e instanceof Error ? e.message.split('\n')[0] : String(e)};
  } finally {
    clearTimeout(timer);
  }
}

export interface DockerfileReport {
  stages: Stage[];
  /** False when no stage that runs on the target platform has a RUN step: nothing needs the target CPU. */
  targetRuns: boolean;
  bases: {image: string; stages: string[]; unresolved: boolean}[];
}

/** The local Dockerfile's text; undefined when there is none to read (remote context, stdin). */
/** Where the build reads its Dockerfile: the file input, else the context's Dockerfile. */
export const dockerfilePath = (config: Config): string => config.file || path.join(config.context, 'Dockerfile');

export function readDockerfile(config: Config): string | undefined {
  try {
    return fs.readFileSync(dockerfilePath(config), 'utf8');
  } catch {
    return undefined;
  }
}

/** The Dockerfile's stages as the build will run them (each logged). */
export function readDockerfileStages(config: Config, text: string): DockerfileReport {
  const stages = reachableStages(parseStages(text, buildArgMap(config.buildArgs, process.env)), config.target);
  for (const s of stages) core.info(describeStage(s));
  return {stages, targetRuns: runsOnTarget(stages), bases: targetBaseImages(stages)};
}

/** Reads every base image's platform list in parallel. Silent, so it can run beside other steps. */
export function inspectBases(docker: Docker, report: DockerfileReport): Promise<BaseCheck[]> {
  return Promise.all(
    report.bases.map(async b =>
      b.unresolved
        ? {image: b.image, stages: b.stages, notChecked: 'its name depends on an ARG with no value'}
        : {image: b.image, stages: b.stages, ...(await inspectBase(docker, b.image))}
    )
  );
}

/** Logs the base × platform table and fails, naming each base and what it lacks, when one misses a platform. */
export function checkBases(bases: BaseCheck[], platforms: Platform[]): void {
  if (bases.length) core.info(formatBaseTable(bases, platforms));
  for (const b of bases.filter(x => x.notChecked)) core.info(`${b.image}: not checked (${b.notChecked})`);
  const missing = missingPlatforms(bases, platforms);
  if (missing.length) {
    throw new Error(
      `Preflight: ${missing.map(m => `${m.image} does not publish ${m.missing.join(', ')}`).join('; ')}: drop the platform or pick a base that publishes it`
    );
  }
}
