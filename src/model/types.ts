/** Shared shapes. Each one names the CLI output or input it mirrors. */

/** A normalised OCI platform string, `os/arch[/variant]`, e.g. `linux/arm/v7`. */
export type Platform = string;

export type QemuMode = 'auto' | 'true' | 'false';
export type Mode = 'build' | 'platform' | 'merge' | 'verify' | 'plan' | 'setup' | 'bake';
export type Handoff = 'artifact' | 'registry' | 'none';
export type Driver = 'docker-container' | 'docker' | 'remote' | 'kubernetes';

/** One `secrets` / `secret-files` / `secret-envs` entry, as build-push-action reads them. */
export type SecretSpec =
  | {id: string; kind: 'value'; value: string}
  | {id: string; kind: 'file'; path: string}
  | {id: string; kind: 'env'; env: string};

/** Where BuildKit's layer cache lives between runs (see model/cache-names.ts). */
export type CacheBackend = 'gha' | 'registry' | 'local' | 'inline' | 'none';

export interface CacheConfig {
  backend: CacheBackend;
  /** The input as given; auto shows in the log how the backend was chosen. */
  requested: CacheBackend | 'auto';
  mode: 'max' | 'min';
  /** `cache-scope`: replaces the image[-target] part of gha scopes and is added to registry tags. */
  scope: string;
  /** registry: the base ref (`<image>:buildcache` by default); inline: the tag the cache is read from. */
  ref: string;
  /** An export failure warns instead of failing the build. */
  ignoreError: boolean;
  /** The Actions cache API the runner offers. */
  ghaApi: 1 | 2;
  /** What the job may do with the Actions cache (ACTIONS_CACHE_MODE): gha and local read, write, both or neither. */
  serviceMode?: CacheServiceMode;
}

/** The job's cache mode as the runner passes it (`write` is both). */
export type CacheServiceMode = 'read-write' | 'read' | 'write-only' | 'none';

/** How a `nodes` entry is reached: ssh://[user@]host[:port], tcp://host:port, unix:///path, or a docker context. */
export type EndpointKind = 'ssh' | 'tcp' | 'unix' | 'context';

/** One entry of the `nodes` input: a native builder node appended to the runner's node 0. */
export interface NodeSpec {
  name: string;
  endpoint: string;
  kind: EndpointKind;
  platforms: Platform[];
  driverOpts: string[];
  buildkitdFlags: string;
}

/** bake-action's inputs of the same names: where the definition is and what of it to build (see modes/bake.ts). */
export interface BakeInputs {
  /** The step builds, plans or merges the targets of a bake definition (mode bake, or a matrix mode given one). */
  given: boolean;
  /** A remote definition (a Git or HTTPS context), or '' for the local files of `workdir`. */
  source: string;
  /** Definition files (`cwd://` = relative to the step's working directory when the source is remote). */
  files: string[];
  workdir: string;
  targets: string[];
  /** `--set` overrides, one per line (`*.platform=linux/amd64,linux/arm64` holds commas). */
  set: string[];
}

/**
 * How the verified digests are signed (see modes/sign.ts): not at all, keyless (the job's OIDC token for a Fulcio
 * certificate) or with a key. Decided when the inputs are read, before anything runs.
 */
export interface SignConfig {
  method: 'none' | 'keyless' | 'key';
  /** `sign-key`: a PEM private key (a secret; empty for keyless). */
  key: string;
  /** `index`: the digest the read-back verified; `all`: it and each platform manifest in it. */
  scope: 'index' | 'all';
  /** `attest`: `provenance` signs an SLSA v1 provenance of the verified digest too (see model/provenance.ts). */
  attest: 'none' | 'provenance';
  /** The Sigstore instance: the public one where none is named. Empty rekor / tsa: that witness is not asked. */
  fulcioUrl: string;
  rekorUrl: string;
  tsaUrl: string;
  /** A trusted_root.json path ('' = the public instance's, from its TUF repository). */
  trustedRoot: string;
}

/** Every input of action.yml, validated and typed (see inputs/names.ts for the names). */
export interface Config {
  mode: Mode;
  /** The platforms to build; in build mode with none given, the runner's own (and `--platform` is left out). */
  platforms: Platform[];
  /** False when `platforms` was empty and the runner's own platform was taken, as buildx does. */
  platformsGiven: boolean;
  context: string;
  file: string;
  tags: string[];
  images: string[];
  labels: string[];
  annotations: string[];
  buildArgs: string[];
  target: string;
  push: boolean;
  load: boolean;
  outputs: string[];
  noCache: boolean;
  pull: boolean;
  provenance: string;
  sbom: string;
  secrets: SecretSpec[];
  /** `--ssh` specs: default, id, or id=paths (never key material). */
  ssh: string[];
  /** build-push-action's pass-through inputs, as buildx takes them. */
  addHosts: string[];
  allow: string[];
  attests: string[];
  buildContexts: string[];
  call: string;
  cgroupParent: string;
  network: string;
  noCacheFilters: string[];
  shmSize: string;
  ulimit: string[];
  /** The token for a Git context on the server's host, sent as the GIT_AUTH_TOKEN secret. */
  githubToken: string;
  cacheFrom: string[];
  cacheTo: string[];
  cache: CacheConfig;
  /** `buildx-version`: auto (the installed one if new enough, else the pinned release), or a release. */
  buildxVersion: string;
  /** Where buildx releases are downloaded from (`<url>/v<version>/…`). */
  buildxUrl: string;
  builder: string;
  driver: Driver;
  /** driver remote: the buildkitd address (tcp://host:port, unix:///path), as setup-buildx-action's endpoint. */
  endpoint: string;
  buildkitImage: string;
  driverOpts: string[];
  buildkitdFlags: string;
  /** A buildkitd.toml file, taken over the inline one (setup-buildx-action's order). */
  buildkitdConfig: string;
  buildkitdConfigInline: string;
  qemu: QemuMode;
  qemuImage: string;
  verify: boolean;
  cleanup: boolean;
  /** setup mode: make the builder the current one for later steps' docker buildx commands (setup-buildx-action's use). */
  use: boolean;
  bake: BakeInputs;
  /** Matrix modes (see model/legs.ts). */
  handoff: Handoff;
  digests: {platform: Platform; digest: string}[];
  allowPartial: boolean;
  runnerMap: Record<string, string>;
  /** verify mode: the digest every tag must point at (empty: they must merely agree). */
  expectDigest: string;
  /** Native builder nodes appended to node 0 (see inputs/nodes.ts). */
  nodes: NodeSpec[];
  /** What to do when a node does not start: fail the step, or build its platforms under QEMU. */
  nodeFallback: 'fail' | 'qemu';
  preflight: boolean;
  /** The smoke command as argv (empty: no smoke run) and its time limit per platform. */
  smoke: string[];
  smokeTimeout: number;
  /** How often a push that hit a transient registry error is built again, and the first wait (ms). */
  retries: number;
  retryBackoffMs: number;
  sshPrivateKey: string;
  sshKnownHosts: string;
  sign: SignConfig;
  /** Inputs taken as the docker actions take them, with a note to log (an unpinned image, a skipped empty secret). */
  warnings: string[];
}

/** One entry of /proc/sys/fs/binfmt_misc (e.g. `qemu-aarch64`). */
export interface BinfmtEntry {
  name: string;
  enabled: boolean;
  interpreter: string;
  flags: string;
}

/** One node of `docker buildx inspect`. */
export interface BuilderNode {
  name: string;
  endpoint: string;
  status: string;
  buildkitVersion: string;
  /** BuildKit daemon flags, as `buildx inspect` prints them ('' when it prints none). */
  flags: string;
  platforms: Platform[];
}

/** `docker buildx inspect` as a whole. */
export interface BuilderInfo {
  name: string;
  driver: string;
  nodes: BuilderNode[];
}

/** The fields of buildx's `--metadata-file` this action uses. */
export interface BuildMetadata {
  digest: string;
  imageId: string;
  mediaType: string;
  imageNames: string[];
  buildRef: string;
  raw: Record<string, unknown>;
}

/** One descriptor of an OCI index / Docker manifest list. */
export interface ManifestEntry {
  digest: string;
  mediaType: string;
  platform: Platform;
  attestation: boolean;
}

/** `imagetools inspect --raw` of one reference. */
export interface RemoteManifest {
  digest: string;
  mediaType: string;
  isList: boolean;
  entries: ManifestEntry[];
}

/** How one requested platform is served. */
export interface PlatformPlan {
  platform: Platform;
  strategy: 'native' | 'qemu' | 'node' | 'cross';
  /** binfmt entry name for emulated platforms, e.g. `qemu-aarch64`. */
  emulator?: string;
  /** The `nodes` entry that builds it. */
  node?: string;
}

export interface Plan {
  platforms: PlatformPlan[];
  /** Emulators that must be installed before the build (binfmt `--install` names). */
  install: string[];
  /** What the host cannot do that the build may need (an amd64 variant above the CPU's level); set only when any. */
  warnings?: string[];
}
