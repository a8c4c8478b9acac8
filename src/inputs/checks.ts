import * as path from 'node:path';
import {pushedOutput, pushLoadConflict} from '../model/outputs.js';
import {parseReference} from '../model/reference.js';
import type {Driver, Handoff, NodeSpec} from '../model/types.js';
import {forInput, InputError} from './errors.js';
import {DEFAULTS} from './names.js';
import type {InputEnv} from './env.js';

/** Checks across inputs: combinations that cannot work, each refused with the inputs it names and the fix. */

export function checkOutputChoice(c: {
  push: boolean;
  load: boolean;
  outputs: string[];
  tags: string[];
  images: string[];
  /** A platform leg, which may build without pushing (pull requests). */
  leg: boolean;
}): void {
  const conflict = pushLoadConflict(c.outputs, c.push, c.load);
  if (conflict) {
    throw new InputError(
      'outputs',
      `Inputs outputs and push/load conflict: ${conflict}; use an image output (type=image or registry) with push, or drop push/load`
    );
  }
  if (c.tags.length && c.images.length) {
    throw new InputError(
      'tags',
      'Inputs tags and images conflict: use tags to push tagged refs, or images to push by digest'
    );
  }
  if (c.push && !c.tags.length && !c.images.length && !pushedOutput(c.outputs, true)) {
    throw new InputError(
      'push',
      'Input push needs a name: set tags (e.g. <registry>/owner/app:1.2) or images (push by digest)'
    );
  }
  if (c.images.length && !c.push && !c.leg)
    throw new InputError('images', 'Input images pushes by digest: set push to true');
  // load with no tags loads the image untagged, as buildx does: its imageid output names it
}

/** A `platform` leg builds one platform and pushes it where the merge job will find it. */
export function checkPlatformLeg(c: {
  platforms: string[];
  tags: string[];
  images: string[];
  load: boolean;
  outputs: string[];
  handoff: Handoff;
}): void {
  if (c.platforms.length !== 1) {
    throw new InputError(
      'mode',
      `Mode platform builds one platform per leg, not ${c.platforms.length}: use mode plan for the matrix, or mode build`
    );
  }
  if (c.load || c.outputs.length) throw new InputError('mode', 'Mode platform pushes by digest: drop load and outputs');
  if (c.handoff === 'registry' && !c.tags.length) {
    throw new InputError(
      'mode',
      'Mode platform with handoff registry needs tags: the leg pushes <tag>-<os>-<arch> for the merge'
    );
  }
  if (!c.tags.length && !c.images.length)
    throw new InputError('tags', 'Mode platform needs tags or images: the names to push to');
}

/** Nodes join a builder the action creates; ssh:// ones need a key and pinned host keys (no trust on first use). */
export function checkNodes(c: {
  nodes: NodeSpec[];
  driver: Driver;
  builder: string;
  sshPrivateKey: string;
  sshKnownHosts: string;
}): void {
  if (!c.nodes.length) return;
  if (c.driver !== 'docker-container' || c.builder) {
    throw new InputError(
      'nodes',
      'Input nodes needs driver docker-container and no builder: the action appends the nodes to a builder it creates'
    );
  }
  const ssh = c.nodes.filter(n => n.kind === 'ssh');
  if (ssh.length && !c.sshKnownHosts.trim()) {
    throw new InputError(
      'nodes',
      `Input nodes: ${ssh[0].name} (${ssh[0].endpoint}) is reached over ssh, so ssh-known-hosts is required: pin the host key (ssh-keyscan it once, store it as a variable)`
    );
  }
  if (ssh.length && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(c.sshPrivateKey)) {
    throw new InputError(
      'nodes',
      `Input nodes: ${ssh[0].name} is reached over ssh, so ssh-private-key must hold a private key (from a secret)`
    );
  }
}

export function checkMerge(c: {tags: string[]; handoff: Handoff; digests: number}): void {
  if (!c.tags.length) throw new InputError('tags', 'Mode merge needs tags: the references the index is pushed to');
  if (c.handoff === 'none' && !c.digests) {
    throw new InputError(
      'mode',
      'Mode merge has nothing to merge: set handoff registry, or list the legs in digests (platform=sha256:…)'
    );
  }
}

/**
 * driver remote reaches a running buildkitd at `endpoint`; docker-container and kubernetes take it as
 * setup-buildx-action does (a docker context or docker host for node 0's container), and buildx judges it.
 */
function checkEndpoint(c: {driver: Driver; endpoint: string; setup: string[]}): void {
  if (c.driver === 'remote' && !/^(?:tcp|unix|ssh|docker-container|kube-pod):\/\/\S+$/.test(c.endpoint)) {
    throw new InputError(
      'endpoint',
      `Input endpoint: driver remote needs the buildkitd address, e.g. tcp://buildkitd:1234, not "${c.endpoint}"`
    );
  }
  if (/\s/.test(c.endpoint)) throw new InputError('endpoint', `Input endpoint: "${c.endpoint}" holds a space`);
  const own = c.setup.filter(s => s !== 'driver-opts');
  if (c.driver === 'remote' && own.length) {
    throw new InputError(
      own[0],
      `Input ${own.join(', ')} needs a builder the action runs: driver remote reaches a buildkitd that runs with its own image and flags`
    );
  }
}

export function checkBuilderChoice(c: {
  endpoint: string;
  driver: Driver;
  builder: string;
  driverOpts: string[];
  buildkitImage: string;
  buildkitdFlags: string;
  buildkitdConfig: string;
  buildkitdConfigInline: string;
}): void {
  if (c.builder && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(c.builder)) {
    throw new InputError('builder', `Input builder: "${c.builder}" is not a builder name (letters, digits, _ . -)`);
  }
  const setup = [
    c.driverOpts.length ? 'driver-opts' : '',
    c.buildkitdConfig ? 'buildkitd-config' : '',
    c.buildkitdConfigInline.trim() ? 'buildkitd-config-inline' : '',
    c.buildkitImage !== DEFAULTS['buildkit-image'] ? 'buildkit-image' : '',
    c.buildkitdFlags !== DEFAULTS['buildkitd-flags'] ? 'buildkitd-flags' : ''
  ].filter(Boolean);
  if (c.builder && setup.length) {
    throw new InputError(
      'builder',
      `Inputs builder and ${setup.join(', ')} conflict: an existing builder keeps its own setup; drop builder to let the action create one`
    );
  }
  if (c.builder && c.endpoint) {
    throw new InputError(
      'builder',
      'Inputs builder and endpoint conflict: builder names one that exists, endpoint is where the action creates one; keep one'
    );
  }
  checkEndpoint({...c, setup});
  if (c.driver === 'docker' && setup.length) {
    throw new InputError(
      setup[0],
      `Input ${setup.join(', ')} needs driver docker-container: the docker driver uses the engine's built-in BuildKit`
    );
  }
  if (c.driver === 'docker' && c.builder) {
    throw new InputError(
      'driver',
      'Inputs driver: docker and builder conflict: the docker driver always uses the engine builder'
    );
  }
}

/**
 * Images the action runs should name a fixed version: `latest` or no tag can change under a release. Taken as the
 * docker actions take it, with a warning naming the pinned default.
 */
export function checkPinned(name: 'buildkit-image' | 'qemu-image', image: string, warnings: string[]): void {
  const ref = forInput(name, () => parseReference(image));
  if (!ref.digest && (!ref.tag || ref.tag === 'latest')) {
    warnings.push(
      `Input ${name}: ${image} is not pinned, so a new release can change the build under you; pin a version, e.g. ${DEFAULTS[name]}`
    );
  }
}

const REMOTE_CONTEXT = /^(?:https?:\/\/|git@|github\.com\/|git:\/\/|-$)/;

/** A local context must be a directory holding the Dockerfile (anywhere: the checkout, or files made under RUNNER_TEMP). */
export function checkContext(context: string, file: string, inputEnv: InputEnv): void {
  const remote = REMOTE_CONTEXT.test(context);
  if (!remote && !inputEnv.isDirectory(context)) {
    throw new InputError(
      'context',
      `Input context: ${context} is not a directory; check out the repository first or fix the path`
    );
  }
  if (file && file !== '-' && !remote && !inputEnv.exists(file)) {
    throw new InputError(
      'file',
      `Input file: ${file} does not exist; give the Dockerfile's path from the working directory`
    );
  }
  if (!file && !remote && !inputEnv.exists(path.join(context, 'Dockerfile'))) {
    throw new InputError('file', `No Dockerfile in ${context}: add one or set the file input`);
  }
}

/**
 * Builds need a Linux runner with Docker (a macOS runner has no engine, a Windows one builds Windows images): one
 * clear line before anything runs. mode plan only computes the matrix, so it runs anywhere.
 */
export function checkRunnerOs(mode: string, os: string): void {
  if (mode === 'plan' || os === 'linux') return;
  throw new InputError(
    'mode',
    `Mode ${mode} needs a Linux runner with Docker, and this one is ${os}: run the step on ubuntu-24.04 (or a self-hosted Linux runner); mode plan runs anywhere`
  );
}

/** buildkitd-config names a file an earlier step wrote or the checkout holds. */
export function checkBuildkitdConfig(file: string, inputEnv: InputEnv): void {
  if (file && !inputEnv.exists(file)) {
    throw new InputError(
      'buildkitd-config',
      `Input buildkitd-config: ${file} does not exist; give the buildkitd.toml's path, or put its text in buildkitd-config-inline`
    );
  }
}

/** verify mode checks tags against platforms, and against `digest` when one is given. */
export function checkVerify(tags: string[], expectDigest: string): void {
  if (!tags.length) throw new InputError('tags', 'Mode verify needs tags: the references to check against platforms');
  if (expectDigest && !/^sha256:[0-9a-f]{64}$/.test(expectDigest)) {
    throw new InputError(
      'digest',
      `Input digest: "${expectDigest}" is not sha256: followed by 64 lowercase hex digits`
    );
  }
}
