import type {Docker} from './cli.js';

/** `docker info`: the engine's image store, read only where the build depends on it. */

export type ImageStore = 'containerd' | 'classic';

/** argv of the one `docker info` read: the storage driver's status pairs. */
export function imageStoreArgs(): string[] {
  return ['info', '--format', '{{json .DriverStatus}}'];
}

/**
 * The image store from `docker info`'s DriverStatus: the containerd image store reports the snapshotter as its
 * `driver-type` (`io.containerd.snapshotter.v1`); the classic store (overlay2, vfs, …) has no such pair.
 */
export function parseImageStore(stdout: string): ImageStore {
  let pairs: unknown;
  try {
    pairs = JSON.parse(stdout.trim() || 'null');
  } catch {
    return 'classic';
  }
  const containerd =
    Array.isArray(pairs) &&
    pairs.some(p => Array.isArray(p) && p[0] === 'driver-type' && String(p[1]).startsWith('io.containerd.snapshotter'));
  return containerd ? 'containerd' : 'classic';
}

export async function readImageStore(docker: Docker): Promise<ImageStore> {
  const {stdout} = await docker.run(imageStoreArgs(), {silent: true});
  return parseImageStore(stdout);
}

/**
 * The engine's default registry (`IndexServerAddress`, the key `docker login` stores its credentials under): read
 * from the engine rather than written here, for the references that name no registry.
 */
export async function readIndexServer(docker: Docker): Promise<string> {
  const {stdout} = await docker.run(['info', '--format', '{{.IndexServerAddress}}'], {silent: true});
  return stdout.trim();
}
