import {createHash} from 'node:crypto';
import {normalizePlatform, platformOfDescriptor} from './platform.js';
import type {BinfmtEntry, BuilderInfo, BuilderNode, BuildMetadata, ManifestEntry, RemoteManifest} from './types.js';

/** Every parser of CLI and kernel output lives here; each is tested on fixtures captured from the real tools. */

/** Parses one /proc/sys/fs/binfmt_misc/<name> file (`enabled`, `interpreter …`, `flags: POF`, …). */
export function parseBinfmtEntry(name: string, text: string): BinfmtEntry {
  const lines = text.split('\n').map(l => l.trim());
  const field = (prefix: string): string =>
    lines
      .find(l => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim() ?? '';
  return {name, enabled: lines[0] === 'enabled', interpreter: field('interpreter'), flags: field('flags:')};
}

/** Parses `docker buildx inspect NAME` (the text form; buildx 0.13 has no JSON output for it). */
export function parseBuildxInspect(text: string): BuilderInfo {
  const info: BuilderInfo = {name: '', driver: '', nodes: []};
  let node: BuilderNode | undefined;
  let inNodes = false;
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value] = m;
    if (key === 'Nodes') {
      inNodes = true;
    } else if (!inNodes && key === 'Name') {
      info.name = value;
    } else if (!inNodes && key === 'Driver') {
      info.driver = value;
    } else if (inNodes && key === 'Name') {
      node = {name: value, endpoint: '', status: '', buildkitVersion: '', platforms: []};
      info.nodes.push(node);
    } else if (node && key === 'Endpoint') {
      node.endpoint = value;
    } else if (node && key === 'Status') {
      node.status = value;
    } else if (node && key === 'BuildKit version') {
      node.buildkitVersion = value;
    } else if (node && key === 'Platforms') {
      // a `*` marks platforms pinned with --platform; strip it
      node.platforms = value
        .split(',')
        .map(p => p.trim().replace(/\*$/, ''))
        .filter(Boolean)
        .map(p => safeNormalize(p));
    }
  }
  if (!info.name) throw new Error('buildx inspect printed no builder name: unexpected output');
  return info;
}

function safeNormalize(p: string): string {
  try {
    return normalizePlatform(p);
  } catch {
    return p;
  }
}

const LIST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json'
];

interface RawDescriptor {
  mediaType?: string;
  digest?: string;
  platform?: {os?: string; architecture?: string; variant?: string};
  annotations?: Record<string, string>;
}

/**
 * Parses `imagetools inspect --raw REF`: an OCI index, a Docker manifest list, or a single image manifest.
 * The digest is the sha256 of the exact bytes, which is what the registry addresses them by.
 */
export function parseRawManifest(raw: string): RemoteManifest {
  let doc: {mediaType?: string; manifests?: RawDescriptor[]; config?: unknown};
  try {
    doc = JSON.parse(raw) as typeof doc;
  } catch {
    throw new Error(`imagetools inspect --raw did not print JSON: ${raw.slice(0, 80)}`);
  }
  const digest = `sha256:${createHash('sha256').update(raw, 'utf8').digest('hex')}`;
  const mediaType = doc.mediaType ?? (doc.manifests ? LIST_TYPES[0] : 'application/vnd.oci.image.manifest.v1+json');
  const isList = LIST_TYPES.includes(mediaType) || Array.isArray(doc.manifests);
  const entries: ManifestEntry[] = (doc.manifests ?? []).map(d => ({
    digest: d.digest ?? '',
    mediaType: d.mediaType ?? '',
    platform: platformOfDescriptor(d.platform ?? {}),
    attestation: d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
  }));
  return {digest, mediaType, isList, entries};
}

/** Parses buildx's `--metadata-file` JSON. */
export function parseMetadata(text: string): BuildMetadata {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const descriptor = (raw['containerimage.descriptor'] ?? {}) as {mediaType?: string; digest?: string};
  const str = (key: string): string => {
    const value = raw[key];
    return typeof value === 'string' ? value : '';
  };
  const names = str('image.name');
  return {
    digest: str('containerimage.digest') || descriptor.digest || '',
    imageId: str('containerimage.config.digest'),
    mediaType: descriptor.mediaType ?? '',
    imageNames: names ? names.split(',') : [],
    buildRef: str('buildx.build.ref'),
    raw
  };
}

/** `0.13.1+ds1`, `v0.36.0`, `v0.13-debian-docker.io-26.1.5` → [major, minor, patch]; undefined when none. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+~][\w.+~-]*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** The version in `docker buildx version` (`github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3`). */
export function parseBuildxVersion(output: string): string {
  const word = output.trim().split(/\s+/)[1] ?? '';
  if (!parseVersion(word)) throw new Error(`cannot read the buildx version from "${output.trim().slice(0, 80)}"`);
  return word.replace(/^v/, '');
}

/** True when `version` is at least `min`; an unreadable version counts as unknown (undefined). */
export function versionAtLeast(version: string, min: string): boolean | undefined {
  const v = parseVersion(version);
  const m = parseVersion(min)!;
  if (!v) return undefined;
  for (let i = 0; i < 3; i++) if (v[i] !== m[i]) return v[i] > m[i];
  return true;
}

/** Cached build steps of one platform, from the build's own progress record. */
export interface CacheUsage {
  cached: number;
  steps: number;
}

const STEP_NAME = /^#(\d+) \[([^\]]+)\] (\S+)/;
const STEP_STATUS = /^#(\d+) (CACHED|DONE|ERROR)\b/;

/**
 * Counts, per platform, the Dockerfile steps (RUN, COPY, ADD, …; FROM is only a lookup) that BuildKit's plain
 * progress marked CACHED. Step names carry `[<platform> [stage] i/n]` in multi-platform builds and `[[stage] i/n]`
 * in single-platform ones; a step without a platform counts for every requested platform. A cross stage
 * (`linux/amd64->arm64`) counts for its target.
 */
export function parseCacheUsage(lines: string[], platforms: string[]): Map<string, CacheUsage> {
  const stepPlatforms = new Map<string, string[]>();
  const status = new Map<string, string>();
  for (const line of lines) {
    const named = STEP_NAME.exec(line);
    if (named && !stepPlatforms.has(named[1])) {
      const [, id, bracket, instruction] = named;
      const words = bracket.split(' ');
      if (!/^\d+\/\d+$/.test(words[words.length - 1]) || instruction === 'FROM') continue;
      const first = words.length > 1 && words[0].includes('/') ? words[0] : '';
      stepPlatforms.set(id, first ? [stepTarget(first)] : platforms);
      continue;
    }
    const state = STEP_STATUS.exec(line);
    if (state && stepPlatforms.has(state[1])) status.set(state[1], state[2]);
  }
  const usage = new Map<string, CacheUsage>(platforms.map(p => [p, {cached: 0, steps: 0}]));
  for (const [id, list] of stepPlatforms) {
    for (const p of list) {
      const u = usage.get(p) ?? {cached: 0, steps: 0};
      u.steps++;
      if (status.get(id) === 'CACHED') u.cached++;
      usage.set(p, u);
    }
  }
  return usage;
}

/** `linux/amd64->arm64` → `linux/arm64`; a plain platform as it is. */
function stepTarget(word: string): string {
  const arrow = word.indexOf('->');
  if (arrow < 0) return normalizePlatform(word);
  return normalizePlatform(`${word.split('/')[0]}/${word.slice(arrow + 2)}`);
}

/** The error of a cache export that failed (and was ignored, or the build would have failed), or ''. */
export function cacheExportError(lines: string[]): string {
  const exporting = new Set<string>();
  for (const line of lines) {
    const named = /^#(\d+) exporting cache\b/.exec(line);
    if (named) exporting.add(named[1]);
    const error = /^#(\d+) ERROR: (.*)$/.exec(line);
    if (error && exporting.has(error[1])) return error[2];
  }
  return '';
}
