import {createHash} from 'node:crypto';
import {platformOfDescriptor} from '../model/platform.js';
import type {ManifestEntry, RemoteManifest} from '../model/types.js';
import type {Docker} from './cli.js';
import type {RetryPolicy} from './exec.js';
import {readBackRetry, networkRetry} from './retry.js';

/** `docker buildx imagetools`: reading a manifest back as raw bytes, and creating an index from pushed manifests. */

/** argv that reads one reference's manifest as the registry holds it, byte for byte. */
export function inspectRawArgs(ref: string): string[] {
  return ['buildx', 'imagetools', 'inspect', '--raw', ref];
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

/**
 * `imagetools inspect --raw`, by default retried through read-after-write lag (a just-pushed manifest can take a
 * moment); reads of what this step did not push pass `networkRetry`.
 */
export async function readManifest(
  docker: Docker,
  ref: string,
  retry: RetryPolicy = readBackRetry(docker.budget)
): Promise<RemoteManifest> {
  const {stdout} = await docker.run(inspectRawArgs(ref), {silent: true, retry});
  return parseRawManifest(stdout);
}

/** Annotations on a merged index: an unqualified `key=value` means the index itself. */
export function indexAnnotation(annotation: string): string {
  return /^[a-z-]+(\[[^\]]*\])?:/.test(annotation.split('=')[0]) ? annotation : `index:${annotation}`;
}

/** argv of `imagetools create`: every tag, the index annotations, then the sources by digest. */
export function imagetoolsCreateArgs(tags: string[], annotations: string[], sources: string[]): string[] {
  return [
    'buildx',
    'imagetools',
    'create',
    ...tags.flatMap(t => ['--tag', t]),
    ...annotations.flatMap(a => ['--annotation', indexAnnotation(a)]),
    ...sources
  ];
}

/** Pushes one index of `sources` under every tag. */
export async function createIndex(
  docker: Docker,
  tags: string[],
  annotations: string[],
  sources: string[]
): Promise<void> {
  await docker.run(imagetoolsCreateArgs(tags, annotations, sources), {retry: networkRetry(docker.budget)});
}
