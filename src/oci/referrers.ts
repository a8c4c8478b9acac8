import {sha256, type Descriptor, type Registry} from './registry.js';

/**
 * Artifacts that refer to a manifest (OCI 1.1 `subject`), written and found as cosign 3 does: the referrer manifest
 * by digest, listed by the registry's referrers API, or where the registry has none (distribution 2.8, and GHCR,
 * GAR and ECR at the time of writing) in the `sha256-<hex>` fallback index the OCI spec names.
 */

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
];
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY = {type: 'application/vnd.oci.empty.v1+json', bytes: Buffer.from('{}')};

/** The fallback tag of a digest: `sha256-<hex>`. */
export const fallbackTag = (digest: string): string => digest.replace(':', '-');

/** The descriptor of a manifest the registry holds (its media type and size, for a `subject`). */
export async function describe(registry: Registry, digest: string): Promise<Descriptor> {
  const found = await registry.manifest(digest, MANIFEST_TYPES);
  if (!found) throw new Error(`${registry.name}@${digest} is not in the registry`);
  return {mediaType: found.mediaType, digest, size: found.bytes.length};
}

/** The referrer manifest of one artifact (config empty, the artifact its one layer), as cosign and @sigstore/oci write it. */
export function referrerManifest(
  subject: Descriptor,
  artifact: Descriptor,
  annotations: Record<string, string>
): Buffer {
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: artifact.mediaType,
    config: {mediaType: EMPTY.type, digest: sha256(EMPTY.bytes), size: EMPTY.bytes.length},
    layers: [artifact],
    subject: {mediaType: subject.mediaType, digest: subject.digest, size: subject.size},
    annotations
  };
  return Buffer.from(JSON.stringify(manifest));
}

/** Adds an entry to the fallback index (read, add, put back: one writer at a time, since registries ignore If-Match). */
async function addToFallback(registry: Registry, subject: string, entry: Descriptor): Promise<void> {
  const tag = fallbackTag(subject);
  const found = await registry.manifest(tag, [OCI_INDEX]);
  const index = found ? (JSON.parse(found.bytes.toString('utf8')) as {manifests?: Descriptor[]}) : {};
  const manifests = (index.manifests ?? []).filter(m => m.digest !== entry.digest);
  const updated = {schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, entry]};
  await registry.putManifest(tag, Buffer.from(JSON.stringify(updated)), OCI_INDEX);
}

/** Attaches `bytes` as an artifact referring to `subject`; returns the referrer manifest's digest. */
export async function attach(
  registry: Registry,
  subject: Descriptor,
  artifact: {bytes: Buffer; mediaType: string; annotations: Record<string, string>}
): Promise<string> {
  await registry.putBlob(EMPTY.bytes, EMPTY.type);
  const layer = await registry.putBlob(artifact.bytes, artifact.mediaType);
  const manifest = referrerManifest(subject, layer, artifact.annotations);
  const {digest, subjectTaken} = await registry.putManifest(sha256(manifest), manifest, OCI_MANIFEST);
  if (!subjectTaken)
    await addToFallback(registry, subject.digest, {
      mediaType: OCI_MANIFEST,
      digest,
      size: manifest.length,
      artifactType: artifact.mediaType,
      annotations: artifact.annotations
    });
  return digest;
}

/** One artifact found referring to a digest: its referrer manifest's digest and the artifact's bytes. */
export interface Referrer {
  digest: string;
  annotations: Record<string, string>;
  bytes: Buffer;
  /** The subject the referrer manifest itself names (it must be the digest asked about). */
  subject: string;
}

/** The artifacts of `artifactType` that refer to `digest`: from the referrers API, else the fallback index. */
export async function findReferrers(registry: Registry, digest: string, artifactType: string): Promise<Referrer[]> {
  const listed =
    (await registry.referrers(digest)) ??
    (
      JSON.parse((await registry.manifest(fallbackTag(digest), [OCI_INDEX]))?.bytes.toString('utf8') ?? '{}') as {
        manifests?: Descriptor[];
      }
    ).manifests ??
    [];
  const found: Referrer[] = [];
  for (const entry of listed.filter(m => m.artifactType === artifactType)) {
    const manifest = await registry.manifest(entry.digest, [OCI_MANIFEST]);
    if (!manifest) continue;
    const parsed = JSON.parse(manifest.bytes.toString('utf8')) as {
      layers?: Descriptor[];
      subject?: Descriptor;
      annotations?: Record<string, string>;
    };
    const layer = parsed.layers?.[0];
    if (!layer) continue;
    found.push({
      digest: entry.digest,
      annotations: parsed.annotations ?? {},
      bytes: await registry.blob(layer.digest),
      subject: parsed.subject?.digest ?? ''
    });
  }
  return found;
}
