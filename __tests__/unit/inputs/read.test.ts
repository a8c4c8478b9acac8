import {describe, expect, it} from '@jest/globals';
import {configOf} from '../../helpers.js';
import {parseList} from '../../../src/inputs/list.js';
import type {InputEnv} from '../../../src/inputs/env.js';
const files = new Set(['.', 'Dockerfile', 'docker/Dockerfile.prod', 'secret.txt']);
const env: InputEnv = {
  exists: p => files.has(p),
  isDirectory: p => p === '.',
  env: {MY_TOKEN: 'abc'},
  arch: 'x64'
};

const read = (inputs: Record<string, string>) => configOf(inputs, env);
const base = {platforms: 'linux/amd64,linux/arm64', tags: 'localhost:5000/app:1', push: 'true'};

describe('readConfig: good inputs', () => {
  it('applies defaults and normalises platforms', () => {
    const c = read({...base, platforms: 'linux/amd64\nlinux/aarch64, linux/arm'});
    expect(c.platforms).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    expect(c).toMatchObject({
      context: '.',
      driver: 'docker-container',
      qemu: 'auto',
      verify: true,
      cleanup: true,
      push: true,
      load: false,
      buildkitImage: 'moby/buildkit:v0.29.0'
    });
  });
  it('reads key=value lists, secrets of the three kinds and raw cache specs', () => {
    const c = read({
      ...base,
      'build-args': 'A=1\nB=x,y',
      labels: 'org.opencontainers.image.title=app',
      annotations: 'index:org.opencontainers.image.description=multi\nmanifest[linux/amd64]:k=v',
      secrets: 'GIT_AUTH_TOKEN=s3cr=t',
      'secret-files': 'NPMRC=secret.txt',
      'secret-envs': 'TOKEN=MY_TOKEN',
      'cache-from': 'type=registry,ref=localhost:5000/app:cache',
      file: 'docker/Dockerfile.prod'
    });
    expect(c.buildArgs).toEqual(['A=1', 'B=x,y']);
    expect(c.annotations).toHaveLength(2);
    expect(c.secrets).toEqual([
      {id: 'GIT_AUTH_TOKEN', kind: 'value', value: 's3cr=t'},
      {id: 'NPMRC', kind: 'file', path: 'secret.txt'},
      {id: 'TOKEN', kind: 'env', env: 'MY_TOKEN'}
    ]);
    expect(c.cacheFrom).toEqual(['type=registry,ref=localhost:5000/app:cache']);
  });
  it('needs no context for merge, verify and plan', () => {
    expect(
      read({platforms: 'linux/amd64,linux/arm64', mode: 'merge', tags: 'localhost:5000/a:1', context: 'nowhere'}).mode
    ).toBe('merge');
    expect(read({platforms: 'linux/amd64', mode: 'plan', context: 'nowhere'}).runnerMap).toEqual({});
  });
  it('accepts images for a push by digest, and a single-platform load', () => {
    expect(read({platforms: 'linux/arm64', images: 'localhost:5000/app', push: 'true'}).images).toEqual([
      'localhost:5000/app'
    ]);
    expect(read({platforms: 'linux/arm64', tags: 'app:dev', load: 'true'}).load).toBe(true);
  });
  it('splits lists and skips blanks and comments', () => {
    expect(parseList('tags', 'a, b\n\n# c\nd', true)).toEqual(['a', 'b', 'd']);
    expect(parseList('build-args', 'x=1,2\ny=3', false)).toEqual(['x=1,2', 'y=3']);
  });
  it('reads a quoted item whole: newlines, commas, and "" for a quote', () => {
    expect(parseList('build-args', '"A=line 1\n  line 2"\nB=3', false)).toEqual(['A=line 1\n  line 2', 'B=3']);
    expect(parseList('tags', '"a,b", c', true)).toEqual(['a,b', 'c']);
    expect(parseList('build-args', '"Q=say ""hi"""', false)).toEqual(['Q=say "hi"']);
    expect(parseList('build-args', '"A=1"x\nB="2"', false)).toEqual(['A=1x', 'B="2"']);
    expect(parseList('build-args', '  "# not a comment"', false)).toEqual(['# not a comment']);
  });
  it('refuses an unclosed quote without showing the value', () => {
    expect(() => parseList('secrets', '"token=hunter2\nB=1', false)).toThrow(
      'Input secrets: a quoted entry has no closing quote; end it with " (and write "" for a quote inside)'
    );
    expect(() => parseList('secrets', '"token=hunter2', false)).not.toThrow(/hunter2/);
  });
  it('keeps a multi-line build-arg as one argument', () => {
    const config = read({...base, 'build-args': '"MULTI=one\ntwo"\nOTHER=x'});
    expect(config.buildArgs).toEqual(['MULTI=one\ntwo', 'OTHER=x']);
  });
});

describe('readConfig: taken as the docker actions take them', () => {
  it("no platforms in build mode: the runner's own, and --platform left out", () => {
    expect(read({...base, platforms: ''})).toMatchObject({platforms: ['linux/amd64'], platformsGiven: false});
    expect(configOf({...base, platforms: ''}, {arch: 'arm64'}).platforms).toEqual(['linux/arm64']);
    expect(read(base).platformsGiven).toBe(true);
  });
  it('a runner that is not Linux: one clear line before anything runs; mode plan runs anywhere', () => {
    expect(() => configOf(base, {os: 'darwin'})).toThrow(
      'Mode build needs a Linux runner with Docker, and this one is darwin: run the step on ubuntu-24.04'
    );
    expect(configOf({mode: 'plan', platforms: 'linux/amd64'}, {os: 'win32'}).mode).toBe('plan');
  });
  it('GitHub Enterprise Server: auto hands off through the registry; artifacts asked for are refused up front', () => {
    const runtime = {ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/'};
    const leg = {mode: 'platform', platforms: 'linux/amd64', tags: 'localhost:5000/app:1'};
    expect(configOf(leg, {env: runtime}).handoff).toBe('artifact');
    const ghes = {...runtime, GITHUB_SERVER_URL: 'https://ghes.example.test'};
    expect(configOf(leg, {env: ghes}).handoff).toBe('registry');
    expect(configOf(leg, {env: {...runtime, GITHUB_SERVER_URL: 'https://acme.ghe.com'}}).handoff).toBe('artifact');
    expect(() => configOf({...leg, handoff: 'artifact'}, {env: ghes})).toThrow(
      'Input handoff: artifact is not available on https://ghes.example.test'
    );
  });
  it('push left empty: a platform leg pushes, a build does not; a leg with push: false only builds', () => {
    const leg = {mode: 'platform', platforms: 'linux/amd64', tags: 'localhost:5000/app:1', handoff: 'registry'};
    expect(read(leg).push).toBe(true);
    expect(read({...leg, push: 'false'}).push).toBe(false);
    expect(read({platforms: 'linux/amd64', tags: 'localhost:5000/app:1'}).push).toBe(false);
  });
  it('a bare build-arg (its value from the environment) and a key given twice (the last wins, in buildx)', () => {
    expect(read({...base, 'build-args': 'VERSION\nA=1\nA=2'}).buildArgs).toEqual(['VERSION', 'A=1', 'A=2']);
  });
  it('an empty secret (a pull request from a fork) is left out with a warning', () => {
    const c = read({...base, secrets: 'TOKEN=\nOTHER=x'});
    expect(c.secrets).toEqual([{id: 'OTHER', kind: 'value', value: 'x'}]);
    expect(c.warnings).toEqual([expect.stringContaining('Input secrets: TOKEN is empty')]);
  });
  it('unpinned images, with one warning each naming a pinned tag', () => {
    const c = read({...base, 'buildkit-image': 'moby/buildkit:latest', 'qemu-image': 'tonistiigi/binfmt'});
    expect(c.buildkitImage).toBe('moby/buildkit:latest');
    expect(c.warnings).toEqual([
      expect.stringMatching(/^Input buildkit-image: moby\/buildkit:latest is not pinned.*moby\/buildkit:v0\.29\.0$/),
      expect.stringMatching(/^Input qemu-image: tonistiigi\/binfmt is not pinned.*tonistiigi\/binfmt:qemu-v/)
    ]);
  });
  it("setup-buildx-action's endpoint: node 0's docker (a context or an address); ignored by driver docker", () => {
    expect(read({...base, endpoint: 'arm-box'})).toMatchObject({driver: 'docker-container', endpoint: 'arm-box'});
    expect(read({...base, endpoint: 'tcp://b:2376'}).endpoint).toBe('tcp://b:2376');
    expect(read({...base, driver: 'kubernetes', endpoint: 'kube-ctx'}).endpoint).toBe('kube-ctx');
    const docker = read({...base, driver: 'docker', endpoint: 'arm-box'});
    expect(docker.endpoint).toBe('');
    expect(docker.warnings).toEqual([
      'Input endpoint (arm-box) is not used with driver docker: the engine of the current docker context builds; use driver docker-container to build on that endpoint'
    ]);
  });
  it("setup-buildx-action's driver-opts image=… sets the BuildKit image", () => {
    const c = read({...base, 'driver-opts': 'image=moby/buildkit:v0.20.0\nmemory=2g'});
    expect(c).toMatchObject({buildkitImage: 'moby/buildkit:v0.20.0', driverOpts: ['memory=2g']});
    const same = read({
      ...base,
      'driver-opts': 'image=moby/buildkit:v0.20.0',
      'buildkit-image': 'moby/buildkit:v0.20.0'
    });
    expect(same.buildkitImage).toBe('moby/buildkit:v0.20.0');
  });
  it('push with an image output that pushes by digest (the multi-runner recipe), and load with a docker output', () => {
    const recipe = 'type=image,name=localhost:5000/app,push-by-digest=true,name-canonical=true,push=true';
    expect(read({...base, tags: '', outputs: recipe})).toMatchObject({push: true, outputs: [recipe], tags: []});
    expect(read({...base, platforms: 'linux/amd64', push: 'false', load: 'true', outputs: 'type=docker'}).load).toBe(
      true
    );
  });
  it("reads build-push-action's pass-through inputs", () => {
    const c = read({
      ...base,
      'add-hosts': 'docker:10.180.0.1,db:10.0.0.2',
      allow: 'network.host',
      attests: 'type=sbom,generator=image',
      'build-contexts': 'extra=docker-image://localhost:5000/busybox:latest',
      call: 'check',
      'cgroup-parent': 'ci',
      network: 'none',
      'no-cache-filters': 'build,test',
      'shm-size': '256m',
      ulimit: 'nofile=1024:2048'
    });
    expect(c).toMatchObject({
      addHosts: ['docker:10.180.0.1', 'db:10.0.0.2'],
      allow: ['network.host'],
      attests: ['type=sbom,generator=image'],
      buildContexts: ['extra=docker-image://localhost:5000/busybox:latest'],
      call: 'check',
      cgroupParent: 'ci',
      network: 'none',
      noCacheFilters: ['build', 'test'],
      shmSize: '256m',
      ulimit: ['nofile=1024:2048'],
      buildkitdFlags: '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'
    });
  });
  it('a Git context on this server gets the token as the GIT_AUTH_TOKEN secret, unless one is given', () => {
    const git = {...base, context: 'https://github.com/owner/repo.git#main', 'github-token': 'ghs_token1234'};
    expect(read(git).secrets).toEqual([{id: 'GIT_AUTH_TOKEN', kind: 'value', value: 'ghs_token1234'}]);
    expect(read({...git, secrets: 'GIT_AUTH_TOKEN=mine'}).secrets).toEqual([
      {id: 'GIT_AUTH_TOKEN', kind: 'value', value: 'mine'}
    ]);
    expect(read({...base, 'github-token': 'ghs_token1234'}).secrets).toEqual([]);
  });
});

describe('readConfig: bad inputs fail with one actionable line', () => {
  it.each<[string, Record<string, string>, string]>([
    ['no platforms for a leg', {...base, mode: 'platform', platforms: ''}, 'Input platforms is required'],
    ['platform without arch', {...base, platforms: 'linux'}, 'Input platforms: "linux" is not a platform'],
    ['unknown arch', {...base, platforms: 'linux/amd65'}, 'unknown architecture "amd65"'],
    ['unknown os', {...base, platforms: 'lnux/amd64'}, 'unknown OS "lnux"'],
    ['bad variant', {...base, platforms: 'linux/arm/v9'}, 'unknown variant "v9" for arm'],
    ['duplicate platform', {...base, platforms: 'linux/arm64,linux/aarch64'}, 'are the same platform (linux/arm64)'],
    ['too many parts', {...base, platforms: 'linux/arm/v7/extra'}, 'write os/arch[/variant]'],
    ['push not boolean', {...base, push: 'yes'}, 'Input push must be true or false, not "yes"'],
    ['verify not boolean', {...base, verify: 'maybe'}, 'Input verify must be true or false'],
    ['push without a name', {platforms: 'linux/amd64', push: 'true'}, 'Input push needs a name'],
    ['tags and images', {...base, images: 'localhost:5000/app'}, 'Inputs tags and images conflict'],
    [
      'images without push',
      {platforms: 'linux/amd64', images: 'localhost:5000/app'},
      'Input images pushes by digest: set push'
    ],
    [
      'image with a tag',
      {platforms: 'linux/amd64', images: 'localhost:5000/app:1', push: 'true'},
      'images are names without a tag'
    ],
    ['uppercase repository', {...base, tags: 'localhost:5000/App:1'}, 'has an invalid name "localhost:5000/App"'],
    ['bad tag', {...base, tags: 'app:-x'}, 'has an invalid tag "-x"'],
    ['tag with a digest', {...base, tags: `app@sha256:${'a'.repeat(64)}`}, 'holds a digest'],
    ['tag with spaces', {...base, tags: 'my app:1'}, 'is empty or holds spaces'],
    ['duplicate tag', {...base, tags: 'app:1,app:1'}, '"app:1" is listed twice'],
    ['outputs with push', {...base, outputs: 'type=local,dest=out'}, 'Inputs outputs and push/load conflict'],
    [
      'buildkitd-config missing',
      {...base, 'buildkitd-config': 'nope.toml'},
      'Input buildkitd-config: nope.toml does not exist'
    ],
    [
      'unknown driver',
      {...base, driver: 'podman'},
      'Input driver must be one of docker-container, docker, remote, kubernetes'
    ],
    [
      'remote without endpoint',
      {...base, driver: 'remote'},
      'Input endpoint: driver remote needs the buildkitd address'
    ],
    ['endpoint with a space', {...base, endpoint: 'my context'}, 'Input endpoint: "my context" holds a space'],
    ['builder with endpoint', {...base, builder: 'mine', endpoint: 'ctx'}, 'Inputs builder and endpoint conflict'],
    [
      'remote with a BuildKit image',
      {...base, driver: 'remote', endpoint: 'tcp://b:1234', 'buildkit-image': 'moby/buildkit:v0.20.0'},
      'Input buildkit-image needs a builder the action runs: driver remote reaches a buildkitd'
    ],
    [
      'docker driver with driver-opts',
      {...base, driver: 'docker', 'driver-opts': 'network=host'},
      'Input driver-opts needs driver docker-container'
    ],
    [
      'docker driver with buildkitd config',
      {...base, driver: 'docker', 'buildkitd-config-inline': 'debug = true'},
      'buildkitd-config-inline needs driver docker-container'
    ],
    [
      'builder with driver-opts',
      {...base, builder: 'mine', 'driver-opts': 'network=host'},
      'Inputs builder and driver-opts conflict'
    ],
    [
      'docker driver with builder',
      {...base, driver: 'docker', builder: 'mine'},
      'the docker driver always uses the engine builder'
    ],
    ['bad builder name', {...base, builder: 'my builder'}, 'is not a builder name'],
    [
      'image in driver-opts against buildkit-image',
      {...base, 'driver-opts': 'image=moby/buildkit:v0.13.2', 'buildkit-image': 'moby/buildkit:v0.20.0'},
      'Inputs driver-opts and buildkit-image disagree: image=moby/buildkit:v0.13.2 against moby/buildkit:v0.20.0'
    ],
    ['driver-opt without =', {...base, 'driver-opts': 'network'}, 'Input driver-opts: "network" is not KEY=value'],
    ['qemu mode', {...base, qemu: 'sometimes'}, 'Input qemu must be one of auto, true, false'],
    ['build-arg without a name', {...base, 'build-args': '=1'}, 'Input build-args: "=1" is not KEY=value'],
    ['build-arg not a name', {...base, 'build-args': 'A B'}, 'Input build-args: "A B" is not KEY=value'],
    ['push with a local output', {...base, outputs: 'type=local,dest=out'}, 'push and a local output cannot be'],
    ['load with an image output', {...base, push: 'false', load: 'true', outputs: 'type=image'}, 'load and a image'],
    ['label without key', {...base, labels: '=x'}, 'Input labels: "=x" is not KEY=value'],
    [
      'annotation level',
      {...base, annotations: 'layer:k=v'},
      'Input annotations: "layer:k=v" is not [level:]key=value'
    ],
    ['provenance junk', {...base, provenance: 'sometimes'}, 'Input provenance must be true, false or key=value'],
    ['provenance mode', {...base, provenance: 'mode=full'}, 'mode must be min or max'],
    ['secret without value', {...base, secrets: 'TOKEN'}, 'Input secrets: an entry is not ID=value (value not shown)'],
    [
      'secret file missing',
      {...base, 'secret-files': 'KEY=missing.pem'},
      'KEY points at missing.pem, which does not exist'
    ],
    [
      'secret env unset',
      {...base, 'secret-envs': 'KEY=UNSET_VAR'},
      'reads the environment variable UNSET_VAR, which is not set'
    ],
    ['secret id twice', {...base, secrets: 'A=1', 'secret-envs': 'A=MY_TOKEN'}, 'Input secrets: id A is given twice'],
    [
      'ssh agent without one',
      {...base, ssh: 'default'},
      'Input ssh: default forwards the ssh agent, and SSH_AUTH_SOCK is not set in this step; start an agent'
    ],
    [
      'ssh key file missing',
      {...base, ssh: 'git=secret.txt,nokey'},
      'Input ssh: git points at nokey, which does not exist; write the key file in an earlier step'
    ],
    ['ssh id twice', {...base, ssh: 'git=secret.txt\ngit=secret.txt'}, 'Input ssh: id git is given twice'],
    [
      'ssh bad id',
      {...base, ssh: '$HOME=secret.txt'},
      'Input ssh: "$HOME" is not an id; write default, an id, or id=path'
    ],
    ['context missing', {...base, context: 'nowhere'}, 'Input context: nowhere is not a directory'],
    ['file missing', {...base, file: 'Dockerfile.nope'}, 'Input file: Dockerfile.nope does not exist'],
    ['unknown mode', {...base, mode: 'release'}, 'Input mode must be one of build, platform, merge, verify, plan'],
    ['leg with two platforms', {...base, mode: 'platform'}, 'Mode platform builds one platform per leg, not 2'],
    [
      'leg that loads',
      {platforms: 'linux/arm64', mode: 'platform', tags: 'a:1', load: 'true'},
      'Mode platform pushes by digest: drop load'
    ],
    [
      'leg without tags for handoff',
      {platforms: 'linux/arm64', mode: 'platform', images: 'localhost:5000/a'},
      'handoff registry needs tags'
    ],
    [
      'artifact handoff without the runtime',
      {...base, mode: 'merge', handoff: 'artifact'},
      'Input handoff: artifact needs the Actions runtime'
    ],
    [
      'unknown handoff',
      {...base, handoff: 'carrier-pigeon'},
      'Input handoff must be one of auto, artifact, registry, none'
    ],
    [
      'leg without names',
      {platforms: 'linux/arm64', mode: 'platform', handoff: 'none'},
      'Mode platform needs tags or images'
    ],
    ['merge without tags', {platforms: 'linux/amd64', mode: 'merge'}, 'Mode merge needs tags'],
    ['merge with nothing to merge', {...base, mode: 'merge', handoff: 'none'}, 'Mode merge has nothing to merge'],
    [
      'bad digests line',
      {...base, mode: 'merge', digests: 'linux/amd64=sha256:abc'},
      'Input digests: linux/amd64 has "sha256:abc"'
    ],
    ['verify without tags', {platforms: 'linux/amd64', mode: 'verify'}, 'Mode verify needs tags'],
    [
      'verify with a short digest',
      {...base, mode: 'verify', digest: 'sha256:1234'},
      'Input digest: "sha256:1234" is not sha256:'
    ],
    [
      'bad runner map',
      {...base, mode: 'plan', 'runner-map': 'arm64'},
      'Input runner-map: "arm64" is not arch=runner-label'
    ],
    ['allow-partial not boolean', {...base, 'allow-partial': 'some'}, 'Input allow-partial must be true or false'],
    [
      'retries not a count',
      {...base, retries: 'three'},
      'Input retries must be a whole number from 0 to 10, not "three"'
    ],
    ['retries too many', {...base, retries: '50'}, 'Input retries must be a whole number from 0 to 10'],
    ['retry-backoff zero', {...base, 'retry-backoff': '0'}, 'Input retry-backoff must be seconds above 0']
  ])('%s', (_name, inputs, message) => {
    expect(() => read(inputs)).toThrow(message);
  });

  it('never echoes a secret value in its message', () => {
    expect(() => read({...base, secrets: 'TOKEN=hunter2\nTOKEN=hunter3'})).toThrow(/^(?!.*hunter).*given twice/);
    const key = '"git=-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----"';
    expect(() => read({...base, ssh: key})).toThrow(
      /^Input ssh: an entry holds a key itself \(not shown\); write the key to a file(?!.*b3Bl)/
    );
  });
  it('forwards ssh agents and key files by path', () => {
    const agent = {...env, env: {SSH_AUTH_SOCK: '/tmp/agent.sock'}};
    const c = configOf({...base, ssh: 'default\ngit=secret.txt,Dockerfile\nbot'}, agent);
    expect(c.ssh).toEqual(['default', 'git=secret.txt,Dockerfile', 'bot']);
    expect(read(base).ssh).toEqual([]);
  });
});

describe('readConfig: mode setup takes platforms as setup-qemu-action does', () => {
  const setup = (platforms: string) => read({mode: 'setup', platforms});
  it('reads architectures and platforms, each once', () => {
    expect(setup('arm64,linux/arm/v7, riscv64\nlinux/aarch64').platforms).toEqual([
      'linux/arm64',
      'linux/arm/v7',
      'linux/riscv64'
    ]);
  });
  it('takes all (and an empty list, its default) as every architecture the binfmt image emulates', () => {
    const all = setup('all').platforms;
    expect(all).toEqual(expect.arrayContaining(['linux/amd64', 'linux/386', 'linux/arm64', 'linux/s390x']));
    expect(all).toHaveLength(10);
    expect(setup('').platforms).toEqual(all);
  });
  it('needs no context, tags or push, and makes the builder the current one unless use is false', () => {
    expect(setup('arm64')).toMatchObject({mode: 'setup', use: true, push: false, tags: []});
    expect(read({mode: 'setup', use: 'false'}).use).toBe(false);
  });
  it('refuses an architecture it does not know, naming the input', () => {
    expect(() => setup('arm64,sparc')).toThrow(/platforms.*unknown architecture "sparc"/);
  });
});
