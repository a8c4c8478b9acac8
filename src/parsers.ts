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
