import * as fs from 'node:fs';
import {emulatorPlatforms, hostNativePlatforms} from '../model/platform.js';
import {parseReference} from '../model/reference.js';
import {serverUrl} from '../model/runtime.js';
import type {Config, Driver, Mode, QemuMode, SecretSpec} from '../model/types.js';
import {bakes, checkBakeInputs, readBakeInputs} from './bake.js';
import {readCache} from './cache.js';
import {resolveContext} from './context.js';
import {
  checkBuilderChoice,
  checkBuildkitdConfig,
  checkContext,
  checkMerge,
  checkNodes,
  checkOutputChoice,
  checkPinned,
  checkRunnerOs,
  checkPlatformLeg,
  checkVerify
} from './checks.js';
import {forInput, InputError} from './errors.js';
import {
  readAnnotations,
  readAttestation,
  readBuildx,
  readKeyValues,
  readPlatforms,
  readReferences,
  readRetry
} from './fields.js';
import {parseBool, parseList, readEnum} from './list.js';
import {readMatrixInputs, type MatrixInputs} from './matrix.js';
import type {GetInput, InputEnv, Reader} from './env.js';
import {DEFAULTS, type InputName} from './names.js';
import {parseNodes} from './nodes.js';
import {readSecrets, readSshForwards} from './secrets.js';
import {shellWords} from './shell-words.js';
import {readSign} from './sign.js';

const realInputEnv: InputEnv = {
  exists: p => fs.existsSync(p),
  isDirectory: p => fs.existsSync(p) && fs.statSync(p).isDirectory(),
  env: process.env,
  arch: process.arch,
  os: process.platform,
  readFile: p => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  }
};

function reader(getInput: GetInput): Reader {
  const get = (name: InputName): string => (getInput(name) || (DEFAULTS as Record<string, string>)[name] || '').trim();
  return {get, raw: name => getInput(name) || '', bool: name => parseBool(name, get(name))};
}

type Outputs = Pick<Config, 'platforms' | 'platformsGiven' | 'push' | 'load' | 'outputs' | 'tags' | 'images'>;

/**
 * What the step builds and where it goes. `push` left empty is the mode's default: a platform leg pushes (by
 * digest), a build does not (build-push-action's default); a leg with push: false only builds (pull requests).
 * Build mode with no platforms builds the runner's own, as buildx builds the builder's default.
 */
function readOutputs(read: Reader, mode: Mode, arch: string, baking: boolean): Outputs {
  const given =
    mode === 'setup'
      ? forInput('platforms', () => emulatorPlatforms(parseList('platforms', read.get('platforms'), true)))
      : readPlatforms(read.get('platforms'), mode === 'build' || (baking && mode !== 'platform'));
  return {
    platforms: given.length ? given : hostNativePlatforms(arch).slice(0, 1),
    platformsGiven: given.length > 0,
    push: read.get('push') === '' ? mode === 'platform' : read.bool('push'),
    load: read.bool('load'),
    outputs: parseList('outputs', read.raw('outputs'), false),
    tags: readReferences('tags', parseList('tags', read.raw('tags'), true), 'tag'),
    images: readReferences('images', parseList('images', read.raw('images'), true), 'name')
  };
}

type BuilderInputs = Pick<
  Config,
  | 'driver'
  | 'endpoint'
  | 'builder'
  | 'driverOpts'
  | 'buildkitImage'
  | 'buildkitdFlags'
  | 'buildkitdConfig'
  | 'buildkitdConfigInline'
  | 'nodes'
  | 'sshPrivateKey'
  | 'sshKnownHosts'
>;

/**
 * The BuildKit image: `buildkit-image`, or setup-buildx-action's `driver-opts: image=…`; the two disagreeing is an
 * error. Returns the image and the driver options without it.
 */
function readBuildkitImage(read: Reader): {buildkitImage: string; driverOpts: string[]} {
  const opts = readKeyValues('driver-opts', read.raw('driver-opts'));
  const image = opts.find(o => o.startsWith('image='))?.slice('image='.length);
  const input = read.get('buildkit-image');
  // the runner sets every input, defaults included: the input counts as given when it is not the default
  if (image && input !== DEFAULTS['buildkit-image'] && image !== input) {
    throw new InputError(
      'driver-opts',
      `Inputs driver-opts and buildkit-image disagree: image=${image} against ${input}; name the BuildKit image once`
    );
  }
  return {buildkitImage: image || input, driverOpts: opts.filter(o => !o.startsWith('image='))};
}

function readBuilderInputs(read: Reader): BuilderInputs {
  const builder: BuilderInputs = {
    driver: readEnum<Driver>('driver', read.get('driver'), ['docker-container', 'docker', 'remote', 'kubernetes']),
    endpoint: read.get('endpoint'),
    builder: read.get('builder'),
    ...readBuildkitImage(read),
    buildkitdFlags: read.get('buildkitd-flags'),
    buildkitdConfig: read.get('buildkitd-config'),
    buildkitdConfigInline: read.raw('buildkitd-config-inline'),
    nodes: parseNodes(read.raw('nodes')),
    sshPrivateKey: read.raw('ssh-private-key'),
    sshKnownHosts: read.raw('ssh-known-hosts')
  };
  checkNodes(builder);
  return builder;
}

function readSmoke(read: Reader, mode: Mode, out: Outputs): Pick<Config, 'smoke' | 'smokeTimeout'> {
  const smoke = shellWords(read.get('smoke'));
  const smokeTimeout = Number(read.get('smoke-timeout'));
  if (!Number.isInteger(smokeTimeout) || smokeTimeout < 1) {
    throw new InputError(
      'smoke-timeout',
      `Input smoke-timeout must be a whole number of seconds, not "${read.get('smoke-timeout')}"`
    );
  }
  if (smoke.length && !(out.push && (out.tags.length || out.images.length)) && mode === 'build') {
    throw new InputError('smoke', 'Input smoke runs the pushed image by digest: set push with tags or images');
  }
  return {smoke, smokeTimeout};
}

/** The checks that depend on the mode: what each mode needs, and the build context of the building ones. */
function checkMode(read: Reader, mode: Mode, c: Outputs & MatrixInputs & {context: string}, inputEnv: InputEnv): void {
  if (mode === 'build' || mode === 'platform') {
    if (mode === 'platform') checkPlatformLeg(c);
    checkOutputChoice({...c, leg: mode === 'platform'});
    checkContext(c.context, read.get('file'), inputEnv);
  } else if (mode === 'merge') checkMerge({tags: c.tags, handoff: c.handoff, digests: c.digests.length});
  else if (mode === 'verify') checkVerify(c.tags, c.expectDigest);
}

function readCacheInputs(read: Reader, mode: Mode, out: Outputs, env: InputEnv['env']): Config['cache'] {
  const builds = mode === 'build' || mode === 'platform' || mode === 'bake';
  return readCache(
    {
      cache: builds ? read.get('cache') : 'none',
      mode: read.get('cache-mode'),
      scope: read.get('cache-scope'),
      ref: builds ? read.get('cache-ref') : '',
      ignoreError: read.bool('cache-ignore-error')
    },
    {
      push: out.push,
      image: out.images[0] ?? (out.tags[0] ? parseReference(out.tags[0]).name : ''),
      firstTag: out.tags[0] ?? '',
      env,
      raw: !!(read.raw('cache-from').trim() || read.raw('cache-to').trim())
    }
  );
}

/** build-push-action's inputs that buildx takes as they are. */
function readPassThrough(read: Reader) {
  return {
    addHosts: parseList('add-hosts', read.raw('add-hosts'), true),
    allow: parseList('allow', read.raw('allow'), true),
    attests: parseList('attests', read.raw('attests'), false),
    buildContexts: readKeyValues('build-contexts', read.raw('build-contexts')),
    call: read.get('call'),
    cgroupParent: read.get('cgroup-parent'),
    network: read.get('network'),
    noCacheFilters: parseList('no-cache-filters', read.raw('no-cache-filters'), true),
    shmSize: read.get('shm-size'),
    ulimit: parseList('ulimit', read.raw('ulimit'), false),
    githubToken: read.get('github-token')
  };
}

/**
 * The secrets, and for a Git context on this server (the repository's own, as build-push-action builds without
 * a checkout) the token as the GIT_AUTH_TOKEN secret BuildKit's Git source reads, unless one is given.
 */
function readAllSecrets(read: Reader, context: string, inputEnv: InputEnv, warnings: string[]): SecretSpec[] {
  const secrets = readSecrets(
    read.raw('secrets'),
    read.raw('secret-files'),
    read.raw('secret-envs'),
    inputEnv,
    warnings
  );
  const token = read.get('github-token');
  if (token && context.startsWith(`${serverUrl(inputEnv.env)}/`) && !secrets.some(s => s.id === 'GIT_AUTH_TOKEN'))
    secrets.push({id: 'GIT_AUTH_TOKEN', kind: 'value', value: token});
  return secrets;
}

/** The inputs that shape the build itself, in build-push-action's order. */
function readBuildInputs(read: Reader, context: string, inputEnv: InputEnv, warnings: string[]) {
  return {
    context,
    file: read.get('file'),
    labels: readKeyValues('labels', read.raw('labels')),
    annotations: readAnnotations(read.raw('annotations')),
    buildArgs: readKeyValues('build-args', read.raw('build-args'), true),
    target: read.get('target'),
    noCache: read.bool('no-cache'),
    pull: read.bool('pull'),
    provenance: readAttestation('provenance', read.get('provenance')),
    sbom: readAttestation('sbom', read.get('sbom')),
    secrets: readAllSecrets(read, context, inputEnv, warnings),
    ssh: readSshForwards(read.raw('ssh'), inputEnv),
    cacheFrom: parseList('cache-from', read.raw('cache-from'), false),
    cacheTo: parseList('cache-to', read.raw('cache-to'), false),
    ...readPassThrough(read)
  };
}

/** Reads and validates every input, before anything runs; throws InputError on the first problem. */
export function readConfig(getInput: GetInput, inputEnv: InputEnv = realInputEnv): Config {
  const read = reader(getInput);
  const warnings: string[] = [];
  const mode = readEnum<Mode>('mode', read.get('mode'), [
    'build',
    'platform',
    'merge',
    'verify',
    'plan',
    'setup',
    'bake'
  ]);
  checkRunnerOs(mode, inputEnv.os ?? 'linux');
  const baking = bakes(read, mode);
  const out = readOutputs(read, mode, inputEnv.arch, baking);
  const builder = readBuilderInputs(read);
  const matrix = readMatrixInputs(read, mode, inputEnv.env);
  const smoke = readSmoke(read, mode, out);
  if (['build', 'platform', 'setup', 'bake'].includes(mode)) {
    checkPinned('buildkit-image', builder.buildkitImage, warnings);
    checkPinned('qemu-image', read.get('qemu-image'), warnings);
  }
  checkBuilderChoice(builder);
  if (builder.driver === 'docker' && builder.endpoint) {
    // as setup-buildx-action: the docker driver builds on the current context's engine, whatever endpoint says
    warnings.push(
      `Input endpoint (${builder.endpoint}) is not used with driver docker: the engine of the current docker context builds; use driver docker-container to build on that endpoint`
    );
    builder.endpoint = '';
  }
  checkBuildkitdConfig(builder.buildkitdConfig, inputEnv);
  const context = resolveContext(read.get('context'), read.get('file'), inputEnv);
  if (!baking) checkMode(read, mode, {...out, ...matrix, context}, inputEnv);
  const cache = readCacheInputs(read, mode, out, inputEnv.env);
  if (baking) checkBakeInputs(read, mode, {...out, ...matrix, cache});
  return {
    mode,
    ...out,
    ...builder,
    ...matrix,
    ...smoke,
    cache,
    bake: readBakeInputs(read, baking, inputEnv),
    ...readBuildInputs(read, context, inputEnv, warnings),
    ...readBuildx(read.get('buildx-version'), read.get('buildx-url'), warnings),
    qemu: readEnum<QemuMode>('qemu', read.get('qemu'), ['auto', 'true', 'false']),
    qemuImage: read.get('qemu-image'),
    verify: read.bool('verify'),
    cleanup: read.bool('cleanup'),
    use: read.bool('use'),
    allowPartial: read.bool('allow-partial'),
    nodeFallback: readEnum<'fail' | 'qemu'>('node-fallback', read.get('node-fallback'), ['fail', 'qemu']),
    preflight: read.bool('preflight'),
    ...readRetry(read.get('retries'), read.get('retry-backoff')),
    sign: readSign(read, mode, {...out, baking}, inputEnv, warnings),
    warnings
  };
}
