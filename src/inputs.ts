import * as fs from 'node:fs';
import * as path from 'node:path';
import {parsePlatformList, PlatformError} from './platform.js';
import {parseReference, ReferenceError} from './reference.js';
import {hasArtifactRuntime} from './handoff.js';
import {MatrixError, parseDigests, parseRunnerMap} from './matrix.js';
import {NodeError, parseNodes} from './nodes.js';
import {shellWords, SmokeError} from './smoke.js';
import {CacheError, readCache} from './cache.js';
import {parseVersion} from './parsers.js';
import type {NodeSpec} from './nodes.js';
import type {Config, Driver, Handoff, Mode, QemuMode, SecretSpec} from './types.js';

/** Reads one input by its action.yml name; `core.getInput` in the action, a plain map in tests. */
export type GetInput = (name: string) => string;

/** What input validation may look at besides the inputs: files and the environment, never a command. */
export interface InputEnv {
  exists(p: string): boolean;
  isDirectory(p: string): boolean;
  env: Record<string, string | undefined>;
}

export const realInputEnv: InputEnv = {
  exists: p => fs.existsSync(p),
  isDirectory: p => fs.existsSync(p) && fs.statSync(p).isDirectory(),
  env: process.env
};

/** Defaults, shared with action.yml (the contract test keeps the two equal). */
export const DEFAULTS = {
  mode: 'build',
  handoff: 'auto',
  'allow-partial': 'false',
  context: '.',
  driver: 'docker-container',
  'buildkit-image': 'moby/buildkit:v0.29.0',
  qemu: 'auto',
  'qemu-image': 'tonistiigi/binfmt:qemu-v10.2.3-68',
  'buildx-version': 'auto',
  'buildx-url': 'https://github.com/docker/buildx/releases/download',
  cache: 'auto',
  'cache-ignore-error': 'true',
  push: 'false',
  load: 'false',
  'no-cache': 'false',
  pull: 'false',
  verify: 'true',
  'node-fallback': 'fail',
  preflight: 'true',
  'smoke-timeout': '120',
  retries: '3',
  'retry-backoff': '2',
  cleanup: 'true'
} as const;

/** Every input the action reads, in action.yml order. */
export const INPUT_NAMES = [
  'mode',
  'platforms',
  'context',
  'file',
  'tags',
  'images',
  'labels',
  'annotations',
  'build-args',
  'target',
  'push',
  'load',
  'outputs',
  'no-cache',
  'pull',
  'provenance',
  'sbom',
  'secrets',
  'secret-files',
  'secret-envs',
  'ssh',
  'cache-from',
  'cache-to',
  'cache',
  'cache-mode',
  'cache-scope',
  'cache-ref',
  'cache-ignore-error',
  'builder',
  'driver',
  'buildkit-image',
  'driver-opts',
  'buildkitd-config-inline',
  'buildx-version',
  'buildx-url',
  'qemu',
  'qemu-image',
  'verify',
  'cleanup',
  'handoff',
  'digests',
  'allow-partial',
  'digest',
  'runner-map',
  'nodes',
  'node-fallback',
  'preflight',
  'smoke',
  'smoke-timeout',
  'retries',
  'retry-backoff',
  'ssh-private-key',
  'ssh-known-hosts'
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** A bad input: the message names the input, what is wrong and how to fix it. */
export class InputError extends Error {}

/**
 * Splits a list input on newlines (and commas when `commas`), dropping blanks and `#` comments.
 * An item that starts with `"` runs to its closing quote, newlines and commas included, with `""` for a
 * quote inside: the CSV rule build-push-action's lists follow, so a multi-line build-arg reads the same.
 */
export function parseList(name: string, text: string, commas: boolean): string[] {
  const items: string[] = [];
  const isSeparator = (c: string): boolean => c === '\n' || (commas && c === ',');
  let i = 0;
  while (i <= text.length) {
    while (i < text.length && /[ \t\r]/.test(text[i])) i++;
    if (text[i] === '"') {
      const [value, end] = readQuoted(name, text, i + 1);
      i = end;
      while (i < text.length && !isSeparator(text[i])) i++;
      // text after the closing quote stays part of the item, as CSV's relaxed quotes keep it
      items.push(value + text.slice(end, i).trimEnd());
    } else {
      const start = i;
      while (i < text.length && !isSeparator(text[i])) i++;
      const item = text.slice(start, i).trim();
      if (item !== '' && !item.startsWith('#')) items.push(item);
    }
    i++;
  }
  return items;
}

/** The text of a quoted item starting after its opening quote, and the index after its closing quote. */
function readQuoted(name: string, text: string, from: number): [string, number] {
  let value = '';
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') value += text[i];
    else if (text[i + 1] === '"') value += text[i++];
    else return [value, i + 1];
  }
  // the value is not shown: the item may be a secret
  throw new InputError(
    `Input ${name}: a quoted entry has no closing quote; end it with " (and write "" for a quote inside)`
  );
}

/** Reads and validates every input, before anything runs; throws InputError on the first problem. */
export function readConfig(getInput: GetInput, inputEnv: InputEnv = realInputEnv): Config {
  const get = (name: InputName): string => (getInput(name) || (DEFAULTS as Record<string, string>)[name] || '').trim();
  const raw = (name: InputName): string => getInput(name) || '';
  const bool = (name: InputName): boolean => parseBool(name, get(name));

  const mode = readEnum<Mode>('mode', get('mode'), ['build', 'platform', 'merge', 'verify', 'plan']);
  const platforms = readPlatforms(get('platforms'));
  // a platform leg always pushes (by digest); the other modes build nothing
  const push = mode === 'platform' || bool('push');
  const load = bool('load');
  const outputs = parseList('outputs', raw('outputs'), false);
  const tags = readReferences('tags', parseList('tags', raw('tags'), true), 'tag');
  const images = readReferences('images', parseList('images', raw('images'), true), 'name');
  const driver = readEnum<Driver>('driver', get('driver'), ['docker-container', 'docker']);
  const builder = get('builder');
  const driverOpts = readKeyValues('driver-opts', raw('driver-opts'));
  const buildkitImage = get('buildkit-image');
  const buildkitdConfigInline = raw('buildkitd-config-inline');
  const context = get('context');
  const file = get('file');
  const handoffInput = readEnum<Handoff | 'auto'>('handoff', get('handoff'), ['auto', 'artifact', 'registry', 'none']);
  // auto: artifacts where the runner offers them (GitHub), else the per-platform tags in the registry
  const handoff = handoffInput === 'auto' ? (hasArtifactRuntime(inputEnv.env) ? 'artifact' : 'registry') : handoffInput;
  const digests = forInput('digests', () => parseDigests(parseList('digests', raw('digests'), false)));
  const runnerMap = forInput('runner-map', () => parseRunnerMap(parseList('runner-map', raw('runner-map'), false)));
  const expectDigest = get('digest');
  const nodes = forInput('nodes', () => parseNodes(raw('nodes')));
  const sshPrivateKey = raw('ssh-private-key');
  const sshKnownHosts = raw('ssh-known-hosts');
  checkNodes({nodes, driver, builder, sshPrivateKey, sshKnownHosts});
  const smoke = forInput('smoke', () => shellWords(get('smoke')));
  const smokeTimeout = Number(get('smoke-timeout'));
  if (!Number.isInteger(smokeTimeout) || smokeTimeout < 1) {
    throw new InputError(`Input smoke-timeout must be a whole number of seconds, not "${get('smoke-timeout')}"`);
  }
  if (smoke.length && !(push && (tags.length || images.length)) && mode === 'build') {
    throw new InputError('Input smoke runs the pushed image by digest: set push with tags or images');
  }

  if (handoff === 'artifact' && !hasArtifactRuntime(inputEnv.env) && (mode === 'platform' || mode === 'merge')) {
    throw new InputError(
      'Input handoff: artifact needs the Actions runtime (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL), which this step lacks; use handoff registry'
    );
  }
  checkPinned('buildkit-image', buildkitImage);
  checkPinned('qemu-image', get('qemu-image'));
  checkBuilderChoice({driver, builder, driverOpts, buildkitImage, buildkitdConfigInline});
  if (mode === 'build' || mode === 'platform') {
    if (mode === 'platform') checkPlatformLeg({platforms, tags, images, load, outputs, handoff});
    checkOutputChoice({push, load, outputs, tags, images, platforms: platforms.length});
    checkContext(context, file, inputEnv);
  } else if (mode === 'merge') {
    checkMerge({tags, handoff, digests: digests.length});
  } else if (mode === 'verify') {
    if (!tags.length) throw new InputError('Mode verify needs tags: the references to check against platforms');
    if (expectDigest && !/^sha256:[0-9a-f]{64}$/.test(expectDigest)) {
      throw new InputError(`Input digest: "${expectDigest}" is not sha256: followed by 64 lowercase hex digits`);
    }
  }

  const builds = mode === 'build' || mode === 'platform';
  const cache = forInput('cache', () =>
    readCache(
      {
        cache: builds ? get('cache') : 'none',
        mode: get('cache-mode'),
        scope: get('cache-scope'),
        ref: builds ? get('cache-ref') : '',
        ignoreError: bool('cache-ignore-error')
      },
      {
        push,
        image: images[0] ?? (tags[0] ? parseReference(tags[0]).name : ''),
        firstTag: tags[0] ?? '',
        env: inputEnv.env
      }
    )
  );
  return {
    mode,
    platforms,
    context,
    file,
    tags,
    images,
    labels: readKeyValues('labels', raw('labels')),
    annotations: readAnnotations(raw('annotations')),
    buildArgs: readKeyValues('build-args', raw('build-args')),
    target: get('target'),
    push,
    load,
    outputs,
    noCache: bool('no-cache'),
    pull: bool('pull'),
    provenance: readAttestation('provenance', get('provenance')),
    sbom: readAttestation('sbom', get('sbom')),
    secrets: readSecrets(raw('secrets'), raw('secret-files'), raw('secret-envs'), inputEnv),
    ssh: readSshForwards(raw('ssh'), inputEnv),
    cacheFrom: parseList('cache-from', raw('cache-from'), false),
    cacheTo: parseList('cache-to', raw('cache-to'), false),
    cache,
    ...readBuildx(get('buildx-version'), get('buildx-url')),
    builder,
    driver,
    buildkitImage,
    driverOpts,
    buildkitdConfigInline,
    qemu: readEnum<QemuMode>('qemu', get('qemu'), ['auto', 'true', 'false']),
    qemuImage: get('qemu-image'),
    verify: bool('verify'),
    cleanup: bool('cleanup'),
    handoff,
    digests,
    allowPartial: bool('allow-partial'),
    runnerMap,
    expectDigest,
    nodes,
    nodeFallback: readEnum<'fail' | 'qemu'>('node-fallback', get('node-fallback'), ['fail', 'qemu']),
    preflight: bool('preflight'),
    smoke,
    smokeTimeout,
    ...readRetry(get('retries'), get('retry-backoff')),
    sshPrivateKey,
    sshKnownHosts
  };
}

/** buildx-version: auto or a release like 0.36.0 / v0.36.0; buildx-url: an http(s) base of the release layout. */
function readBuildx(version: string, url: string): {buildxVersion: string; buildxUrl: string} {
  if (version !== 'auto' && !parseVersion(version)) {
    throw new InputError(`Input buildx-version must be auto or a release such as 0.36.0, not "${version}"`);
  }
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new InputError(`Input buildx-url must be an http(s) URL of the release downloads, not "${url}"`);
  }
  return {buildxVersion: version === 'auto' ? version : version.replace(/^v/, ''), buildxUrl: url.replace(/\/+$/, '')};
}

function readRetry(retries: string, backoff: string): {retries: number; retryBackoffMs: number} {
  const n = Number(retries);
  if (!/^\d+$/.test(retries) || n > 10)
    throw new InputError(`Input retries must be a whole number from 0 to 10, not "${retries}"`);
  const seconds = Number(backoff);
  if (!/^\d+(\.\d+)?$/.test(backoff) || seconds <= 0 || seconds > 60) {
    throw new InputError(`Input retry-backoff must be seconds above 0 and at most 60, not "${backoff}"`);
  }
  return {retries: n, retryBackoffMs: seconds * 1000};
}

export function parseBool(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`Input ${name} must be true or false, not "${value}"`);
}

function readEnum<T extends string>(name: string, value: string, allowed: T[]): T {
  if ((allowed as string[]).includes(value)) return value as T;
  throw new InputError(`Input ${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}

/** Runs a parser, turning its own error into an InputError that names the input. */
function forInput<T>(input: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof MatrixError || e instanceof NodeError || e instanceof SmokeError || e instanceof CacheError)
      throw new InputError(e.message);
    if (e instanceof PlatformError || e instanceof ReferenceError) throw new InputError(`Input ${input}: ${e.message}`);
    throw e;
  }
}

function readPlatforms(text: string): string[] {
  const items = parseList('platforms', text, true);
  if (items.length === 0) {
    throw new InputError('Input platforms is required: list the target platforms, e.g. linux/amd64,linux/arm64');
  }
  return forInput('platforms', () => parsePlatformList(items));
}

/** `tags` are full references with a tag (as in build-push-action); `images` are names that get pushed by digest. */
function readReferences(input: 'tags' | 'images', items: string[], kind: 'tag' | 'name'): string[] {
  for (const item of items) {
    const ref = forInput(input, () => parseReference(item));
    if (ref.digest) throw new InputError(`Input ${input}: "${item}" holds a digest; the digest comes from the build`);
    if (kind === 'name' && ref.tag) {
      throw new InputError(
        `Input images: "${item}" has a tag; images are names without a tag (put tagged refs in tags)`
      );
    }
  }
  const dup = items.find((t, i) => items.indexOf(t) !== i);
  if (dup) throw new InputError(`Input ${input}: "${dup}" is listed twice; list each once`);
  return items;
}

/** `KEY=value` lines; the key must be there and must not repeat. */
function readKeyValues(name: string, text: string): string[] {
  const items = parseList(name, text, false);
  const keys = new Set<string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError(`Input ${name}: "${item}" is not KEY=value; write one KEY=value per line`);
    const key = item.slice(0, eq);
    if (keys.has(key)) throw new InputError(`Input ${name}: ${key} is set twice; keep one line per key`);
    keys.add(key);
  }
  return items;
}

const ANNOTATION_LEVELS = /^(?:(?:index|manifest|index-descriptor|manifest-descriptor)(?:\[[^\]]+\])?:)?[^=:\s]+=/;

/** Annotations: `key=value` or `level[platform]:key=value`, with level index, manifest or *-descriptor. */
function readAnnotations(text: string): string[] {
  const items = parseList('annotations', text, false);
  for (const item of items) {
    if (!ANNOTATION_LEVELS.test(item)) {
      throw new InputError(
        `Input annotations: "${item}" is not [level:]key=value (level: index, manifest, index-descriptor, manifest-descriptor)`
      );
    }
  }
  return items;
}

/** provenance / sbom: true, false, or buildx's attribute list (e.g. mode=max). Empty keeps buildx's default. */
function readAttestation(name: string, value: string): string {
  if (value === '' || value === 'true' || value === 'false') return value;
  for (const part of value.split(',')) {
    if (!/^[a-z-]+=[^=]*$/.test(part.trim())) {
      throw new InputError(`Input ${name} must be true, false or key=value attributes (e.g. mode=max), not "${value}"`);
    }
  }
  if (name === 'provenance' && /(^|,)mode=/.test(value) && !/(^|,)mode=(min|max)(,|$)/.test(value)) {
    throw new InputError(`Input provenance: mode must be min or max, not "${value}"`);
  }
  return value;
}

function readSecrets(values: string, files: string, envs: string, inputEnv: InputEnv): SecretSpec[] {
  const specs: SecretSpec[] = [];
  const split = (name: string, item: string): [string, string] => {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1)
      throw new InputError(`Input ${name}: an entry is not ID=value (value not shown)`);
    return [item.slice(0, eq), item.slice(eq + 1)];
  };
  for (const item of parseList('secrets', values, false)) {
    const [id, value] = split('secrets', item);
    specs.push({id, kind: 'value', value});
  }
  for (const item of parseList('secret-files', files, false)) {
    const [id, p] = split('secret-files', item);
    if (!inputEnv.exists(p))
      throw new InputError(
        `Input secret-files: ${id} points at ${p}, which does not exist; write the file in an earlier step or fix the path`
      );
    specs.push({id, kind: 'file', path: p});
  }
  for (const item of parseList('secret-envs', envs, false)) {
    const [id, env] = split('secret-envs', item);
    if (inputEnv.env[env] === undefined) {
      throw new InputError(
        `Input secret-envs: ${id} reads the environment variable ${env}, which is not set in this step; set it in the step's env`
      );
    }
    specs.push({id, kind: 'env', env});
  }
  const ids = specs.map(s => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup)
    throw new InputError(
      `Input secrets: id ${dup} is given twice across secrets, secret-files and secret-envs; keep one`
    );
  return specs;
}

/**
 * `ssh`: agent sockets or key files the build may use (`RUN --mount=type=ssh`), as build-push-action takes them:
 * `default`, `id` (both the agent at SSH_AUTH_SOCK) or `id=path[,path]` (a socket or key files). Paths only, so
 * nothing secret reaches argv; a key pasted in is refused without being shown.
 */
function readSshForwards(text: string, inputEnv: InputEnv): string[] {
  const items = parseList('ssh', text, false);
  const ids = new Set<string>();
  for (const item of items) {
    if (/-----BEGIN|PRIVATE KEY/.test(item))
      throw new InputError(
        'Input ssh: an entry holds a key itself (not shown); write the key to a file in an earlier step and give id=path, or forward an agent with default'
      );
    const [id, paths = ''] = item.split(/=(.*)/s, 2);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id))
      throw new InputError(`Input ssh: "${id}" is not an id; write default, an id, or id=path[,path]`);
    if (ids.has(id)) throw new InputError(`Input ssh: id ${id} is given twice; keep one line per id`);
    ids.add(id);
    if (!paths && !inputEnv.env.SSH_AUTH_SOCK)
      throw new InputError(
        `Input ssh: ${id} forwards the ssh agent, and SSH_AUTH_SOCK is not set in this step; start an agent in an earlier step, or give ${id}=path to a key file`
      );
    for (const p of paths ? paths.split(',') : [])
      if (!inputEnv.exists(p))
        throw new InputError(
          `Input ssh: ${id} points at ${p}, which does not exist; write the key file in an earlier step or fix the path`
        );
  }
  return items;
}

function checkOutputChoice(c: {
  push: boolean;
  load: boolean;
  outputs: string[];
  tags: string[];
  images: string[];
  platforms: number;
}): void {
  if (c.outputs.length && (c.push || c.load)) {
    throw new InputError('Inputs outputs and push/load conflict: outputs replaces them; use one or the other');
  }
  if (c.load && c.platforms > 1) {
    throw new InputError(
      `Input load takes one platform, not ${c.platforms}: the engine stores one platform per tag; use push, or load a single platform`
    );
  }
  if (c.tags.length && c.images.length) {
    throw new InputError('Inputs tags and images conflict: use tags to push tagged refs, or images to push by digest');
  }
  if (c.push && !c.tags.length && !c.images.length) {
    throw new InputError(
      'Input push needs a name: set tags (e.g. <registry>/owner/app:1.2) or images (push by digest)'
    );
  }
  if (c.images.length && !c.push) throw new InputError('Input images pushes by digest: set push to true');
  if (c.load && !c.tags.length) throw new InputError('Input load needs tags, so the loaded image has a name');
}

/** A `platform` leg builds one platform and pushes it where the merge job will find it. */
function checkPlatformLeg(c: {
  platforms: string[];
  tags: string[];
  images: string[];
  load: boolean;
  outputs: string[];
  handoff: Handoff;
}): void {
  if (c.platforms.length !== 1) {
    throw new InputError(
      `Mode platform builds one platform per leg, not ${c.platforms.length}: use mode plan for the matrix, or mode build`
    );
  }
  if (c.load || c.outputs.length) throw new InputError('Mode platform pushes by digest: drop load and outputs');
  if (c.handoff === 'registry' && !c.tags.length) {
    throw new InputError(
      'Mode platform with handoff registry needs tags: the leg pushes <tag>-<os>-<arch> for the merge'
    );
  }
  if (!c.tags.length && !c.images.length)
    throw new InputError('Mode platform needs tags or images: the names to push to');
}

/** Nodes join a builder the action creates; ssh:// ones need a key and pinned host keys (no trust on first use). */
function checkNodes(c: {
  nodes: NodeSpec[];
  driver: Driver;
  builder: string;
  sshPrivateKey: string;
  sshKnownHosts: string;
}): void {
  if (!c.nodes.length) return;
  if (c.driver !== 'docker-container' || c.builder) {
    throw new InputError(
      'Input nodes needs driver docker-container and no builder: the action appends the nodes to a builder it creates'
    );
  }
  const ssh = c.nodes.filter(n => n.kind === 'ssh');
  if (ssh.length && !c.sshKnownHosts.trim()) {
    throw new InputError(
      `Input nodes: ${ssh[0].name} (${ssh[0].endpoint}) is reached over ssh, so ssh-known-hosts is required: pin the host key (ssh-keyscan it once, store it as a variable)`
    );
  }
  if (ssh.length && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(c.sshPrivateKey)) {
    throw new InputError(
      `Input nodes: ${ssh[0].name} is reached over ssh, so ssh-private-key must hold a private key (from a secret)`
    );
  }
}

function checkMerge(c: {tags: string[]; handoff: Handoff; digests: number}): void {
  if (!c.tags.length) throw new InputError('Mode merge needs tags: the references the index is pushed to');
  if (c.handoff === 'none' && !c.digests) {
    throw new InputError(
      'Mode merge has nothing to merge: set handoff registry, or list the legs in digests (platform=sha256:…)'
    );
  }
}

function checkBuilderChoice(c: {
  driver: Driver;
  builder: string;
  driverOpts: string[];
  buildkitImage: string;
  buildkitdConfigInline: string;
}): void {
  if (c.builder && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(c.builder)) {
    throw new InputError(`Input builder: "${c.builder}" is not a builder name (letters, digits, _ . -)`);
  }
  const setup = [
    c.driverOpts.length ? 'driver-opts' : '',
    c.buildkitdConfigInline.trim() ? 'buildkitd-config-inline' : '',
    c.buildkitImage !== DEFAULTS['buildkit-image'] ? 'buildkit-image' : ''
  ].filter(Boolean);
  if (c.builder && setup.length) {
    throw new InputError(
      `Inputs builder and ${setup.join(', ')} conflict: an existing builder keeps its own setup; drop builder to let the action create one`
    );
  }
  if (c.driver === 'docker' && setup.length) {
    throw new InputError(
      `Input ${setup.join(', ')} needs driver docker-container: the docker driver uses the engine's built-in BuildKit`
    );
  }
  if (c.driver === 'docker' && c.builder) {
    throw new InputError(
      'Inputs driver: docker and builder conflict: the docker driver always uses the engine builder'
    );
  }
  if (c.driverOpts.some(o => o.startsWith('image='))) {
    throw new InputError('Input driver-opts: set the BuildKit image with buildkit-image, not image=');
  }
}

/** Images the action runs must name a fixed version: `latest` or no tag can change under a release. */
function checkPinned(name: string, image: string): void {
  const ref = forInput(name, () => parseReference(image));
  if (!ref.digest && (!ref.tag || ref.tag === 'latest')) {
    throw new InputError(`Input ${name}: "${image}" is not pinned; name a version tag or a digest, never latest`);
  }
}

const REMOTE_CONTEXT = /^(?:https?:\/\/|git@|github\.com\/|git:\/\/|-$)/;

/** True when `p` (relative to the step's working dir) resolves inside `workspace`. */
export function insideWorkspace(p: string, workspace: string): boolean {
  const rel = path.relative(path.resolve(workspace), path.resolve(workspace, p));
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function checkContext(context: string, file: string, inputEnv: InputEnv): void {
  const remote = REMOTE_CONTEXT.test(context);
  // on a runner the build reads the checkout; a path outside it is a typo or reaches into the runner's own files
  const workspace = inputEnv.env.GITHUB_WORKSPACE;
  for (const [name, value] of [
    ['context', remote ? '' : context],
    ['file', file === '-' ? '' : file]
  ] as const) {
    if (workspace && value && !insideWorkspace(value, workspace)) {
      throw new InputError(
        `Input ${name}: ${value} is outside the workspace (${workspace}); build from the checkout, e.g. ${name}: ${name === 'context' ? '.' : 'docker/Dockerfile'}`
      );
    }
  }
  if (!remote && !inputEnv.isDirectory(context)) {
    throw new InputError(
      `Input context: ${context} is not a directory; check out the repository first or fix the path`
    );
  }
  if (file && file !== '-' && !remote && !inputEnv.exists(file)) {
    throw new InputError(`Input file: ${file} does not exist; give the Dockerfile's path from the workspace root`);
  }
  if (!file && !remote && !inputEnv.exists(path.join(context, 'Dockerfile'))) {
    throw new InputError(`No Dockerfile in ${context}: add one or set the file input`);
  }
}
