/** The lab's registry, read over its own HTTP API: independent of the action's code, so the tests see what it holds. */

export const REGISTRY = '127.0.0.1:5000';
export const REG = 'localhost:5000';
export const BASE = `${REG}/busybox:latest`;
/** A RUN step on the target platform that records its CPU, and a CMD that prints it (smoke runs, QEMU checks). */
export const RUN_ARCH_DOCKERFILE = `FROM ${BASE}\nRUN uname -m > /arch\nCMD ["cat", "/arch"]\n`;

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ');

/** Reads a manifest straight from the registry's HTTP API, independent of the action's own code. */
export async function registryManifest(
  repo: string,
  reference: string
): Promise<{status: number; digest: string; body: {mediaType?: string; manifests?: RegistryDescriptor[]}}> {
  const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${reference}`, {headers: {Accept: ACCEPT}});
  const body = res.ok ? ((await res.json()) as {mediaType?: string; manifests?: RegistryDescriptor[]}) : {};
  return {status: res.status, digest: res.headers.get('docker-content-digest') ?? '', body};
}

export interface RegistryDescriptor {
  digest: string;
  platform?: {os: string; architecture: string; variant?: string};
}

/** The platforms of an index, attestation (`unknown/unknown`) entries left out, sorted. */
export function platformsOf(manifests: RegistryDescriptor[] = []): string[] {
  return manifests
    .filter(m => m.platform && m.platform.os !== 'unknown')
    .map(m => [m.platform!.os, m.platform!.architecture, m.platform!.variant].filter(Boolean).join('/'))
    .sort();
}

/**
 * The provenance predicate BuildKit attached to an index (its attestation manifest's in-toto layer), read from the
 * registry; undefined when the index carries none.
 */
export async function provenanceOf(repo: string, reference: string): Promise<Record<string, unknown> | undefined> {
  const index = await registryManifest(repo, reference);
  const attestation = (index.body.manifests ?? []).find(m => m.platform?.os === 'unknown');
  if (!attestation) return undefined;
  const manifest = (await (
    await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${attestation.digest}`, {headers: {Accept: ACCEPT}})
  ).json()) as {layers: {digest: string; annotations?: Record<string, string>}[]};
  const layer = manifest.layers.find(l =>
    /slsa\.dev\/provenance/.test(l.annotations?.['in-toto.io/predicate-type'] ?? '')
  );
  if (!layer) return undefined;
  const statement = (await (await fetch(`http://${REGISTRY}/v2/${repo}/blobs/${layer.digest}`)).json()) as {
    predicate: Record<string, unknown>;
  };
  return statement.predicate;
}
