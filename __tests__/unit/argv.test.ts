import {describe, expect, it} from '@jest/globals';
import {buildArgs, outputArgs, secretArg, secretValues, whenBooted} from '../../src/build.js';
import {
  createArgs,
  engineBuilderName,
  inspectArgs,
  needsHostNetwork,
  removeArgs,
  uniqueBuilderName
} from '../../src/builder.js';
import {readConfig} from '../../src/inputs.js';
import {binfmtInstallArgs} from '../../src/qemu.js';
import {inspectRawArgs, refsToVerify} from '../../src/verify.js';

const config = (inputs: Record<string, string>) =>
  readConfig(n => inputs[n] ?? '', {
    exists: () => true,
    isDirectory: () => true,
    env: {HOME: '/root', SSH_AUTH_SOCK: '/tmp/agent.sock'}
  });
const paths = {builder: 'xbuild-1', metadataFile: '/t/metadata.json', secretFiles: {TOKEN: '/t/secret-1'}};

describe('docker buildx build argv', () => {
  it('builds a tagged multi-platform push', () => {
    const c = config({
      platforms: 'linux/amd64,linux/arm64',
      tags: 'localhost:5000/a:1\nlocalhost:5000/a:latest',
      push: 'true'
    });
    expect(buildArgs(c, paths)).toEqual([
      'buildx',
      'build',
      '--builder',
      'xbuild-1',
      '--platform',
      'linux/amd64,linux/arm64',
      '--tag',
      'localhost:5000/a:1',
      '--tag',
      'localhost:5000/a:latest',
      '--push',
      '--metadata-file',
      '/t/metadata.json',
      '.'
    ]);
  });
  it('passes every build-push-action input in order', () => {
    const c = config({
      platforms: 'linux/arm64',
      tags: 'a:1',
      load: 'true',
      file: 'ctx/Dockerfile',
      context: 'ctx',
      target: 'final',
      'build-args': 'V=1',
      labels: 'l=1',
      annotations: 'index:a=b',
      secrets: 'TOKEN=x',
      'secret-envs': 'E=HOME',
      ssh: 'default\ngit=/root/.ssh/id_ed25519',
      'cache-from': 'type=registry,ref=r:c',
      'cache-to': 'type=registry,ref=r:c,mode=max',
      provenance: 'mode=max',
      sbom: 'false',
      'no-cache': 'true',
      pull: 'true'
    });
    expect(buildArgs(c, paths)).toEqual([
      'buildx',
      'build',
      '--builder',
      'xbuild-1',
      '--platform',
      'linux/arm64',
      '--file',
      'ctx/Dockerfile',
      '--target',
      'final',
      '--build-arg',
      'V=1',
      '--label',
      'l=1',
      '--annotation',
      'index:a=b',
      '--tag',
      'a:1',
      '--secret',
      'id=TOKEN,src=/t/secret-1',
      '--secret',
      'id=E,env=HOME',
      '--ssh',
      'default',
      '--ssh',
      'git=/root/.ssh/id_ed25519',
      '--cache-from',
      'type=registry,ref=r:c',
      '--cache-to',
      'type=registry,ref=r:c,mode=max',
      '--provenance=mode=max',
      '--sbom=false',
      '--no-cache',
      '--pull',
      '--load',
      '--metadata-file',
      '/t/metadata.json',
      'ctx'
    ]);
  });
  it('pushes images by digest as one quoted CSV name', () => {
    const c = config({platforms: 'linux/amd64', images: 'localhost:5000/a,localhost:5000/b', push: 'true'});
    expect(outputArgs(c)).toEqual([
      '--output',
      'type=image,"name=localhost:5000/a,localhost:5000/b",push-by-digest=true,name-canonical=true,push=true'
    ]);
    expect(buildArgs(c, paths)).not.toContain('--tag');
    expect(refsToVerify(c, 'sha256:abc')).toEqual(['localhost:5000/a@sha256:abc', 'localhost:5000/b@sha256:abc']);
  });
  it('passes raw outputs instead of push/load', () => {
    expect(outputArgs(config({platforms: 'linux/amd64', outputs: 'type=local,dest=out'}))).toEqual([
      '--output',
      'type=local,dest=out'
    ]);
    expect(outputArgs(config({platforms: 'linux/amd64'}))).toEqual([]);
  });
  it('names secrets by file or env, never by value', () => {
    expect(secretArg({id: 'K', kind: 'file', path: '/k.pem'}, {})).toBe('id=K,src=/k.pem');
    expect(secretArg({id: 'T', kind: 'value', value: 'hunter2'}, {T: '/t/s'})).toBe('id=T,src=/t/s');
  });
});

describe('builder argv', () => {
  const c = config({
    platforms: 'linux/amd64',
    tags: 'localhost:5000/a:1',
    push: 'true',
    'buildkit-image': 'moby/buildkit:buildx-stable-1'
  });
  it('creates a docker-container builder with the pinned image and host network', () => {
    expect(createArgs('xbuild-1', c, {hostNetwork: true, configFile: '/t/buildkitd.toml'})).toEqual([
      'buildx',
      'create',
      '--name',
      'xbuild-1',
      '--driver',
      'docker-container',
      '--driver-opt',
      'image=moby/buildkit:buildx-stable-1',
      '--driver-opt',
      'network=host',
      '--config',
      '/t/buildkitd.toml'
    ]);
  });
  it('keeps the user network option', () => {
    const own = config({platforms: 'linux/amd64', 'driver-opts': 'network=bridge'});
    expect(createArgs('b', own, {hostNetwork: true})).toEqual([
      'buildx',
      'create',
      '--name',
      'b',
      '--driver',
      'docker-container',
      '--driver-opt',
      'image=moby/buildkit:v0.29.0',
      '--driver-opt',
      'network=bridge'
    ]);
  });
  it('inspects with bootstrap and removes by name', () => {
    expect(inspectArgs('b', true)).toEqual(['buildx', 'inspect', '--bootstrap', 'b']);
    expect(inspectArgs('b', false)).toEqual(['buildx', 'inspect', 'b']);
    expect(removeArgs('b')).toEqual(['buildx', 'rm', 'b']);
    expect(engineBuilderName({})).toBe('default');
    expect(engineBuilderName({DOCKER_CONTEXT: 'remote'})).toBe('remote');
    expect(uniqueBuilderName(() => 0.5)).toBe('xbuild-7fffffff');
  });
  it('asks for the host network when a tag, cache ref or base image is on localhost', () => {
    expect(needsHostNetwork(c, '')).toBe(true);
    const remote = config({platforms: 'linux/amd64', tags: 'registry.test/o/a:1', push: 'true'});
    expect(needsHostNetwork(remote, 'FROM alpine:3.20\n')).toBe(false);
    expect(needsHostNetwork(remote, 'FROM --platform=$BUILDPLATFORM 127.0.0.1:5000/busybox AS b\n')).toBe(true);
    const cached = config({platforms: 'linux/amd64', 'cache-from': 'type=registry,ref=localhost:5000/c:1'});
    expect(needsHostNetwork(cached, '')).toBe(true);
  });
});

describe('qemu and verify argv', () => {
  it('runs the binfmt image privileged with the install list', () => {
    expect(binfmtInstallArgs('tonistiigi/binfmt:qemu-v10.2.3-68', ['arm64', 's390x'])).toEqual([
      'run',
      '--privileged',
      '--rm',
      'tonistiigi/binfmt:qemu-v10.2.3-68',
      '--install',
      'arm64,s390x'
    ]);
  });
  it('reads manifests raw', () => {
    expect(inspectRawArgs('localhost:5000/a:1')).toEqual([
      'buildx',
      'imagetools',
      'inspect',
      '--raw',
      'localhost:5000/a:1'
    ]);
  });
});

describe('whenBooted (buildx progress lines)', () => {
  const feed = (lines: string[]): number => {
    let calls = 0;
    const onLine = whenBooted(() => calls++);
    lines.forEach(onLine);
    return calls;
  };
  it('fires once, at the first step after the builder booted', () => {
    const boot = [
      '#0 building with "b" instance using docker-container driver',
      '#1 [internal] booting buildkit',
      '#1 pulling image x done',
      '#1 DONE 0.4s'
    ];
    expect(feed(boot)).toBe(0);
    expect(
      feed([...boot, '#2 [internal] load build definition from Dockerfile', '#3 [internal] load .dockerignore'])
    ).toBe(1);
  });
  it('fires at the first step when the builder was already up', () => {
    expect(feed(['#1 [internal] load build definition from Dockerfile', '#1 DONE 0.0s'])).toBe(1);
    expect(feed(['some other output', ''])).toBe(0);
  });
});

describe('the values masked before any command runs', () => {
  it('value secrets, the values behind secret-envs, and the ssh key whole and line by line', () => {
    const c = {
      ...config({
        platforms: 'linux/amd64',
        secrets: 'TOKEN=tok-123\n"PEM=line-one\nline-two"',
        'secret-envs': 'E=HOME'
      }),
      sshPrivateKey: '-----BEGIN KEY-----\nAAAAkeybytes\n-----END KEY-----\n'
    };
    expect(secretValues(c, {HOME: '/home/runner-secret'})).toEqual([
      'tok-123',
      'line-one\nline-two',
      '/home/runner-secret',
      '-----BEGIN KEY-----\nAAAAkeybytes\n-----END KEY-----\n',
      'line-one',
      'line-two',
      '-----BEGIN KEY-----',
      'AAAAkeybytes',
      '-----END KEY-----'
    ]);
  });
  it('nothing to mask: no empty pattern reaches the runner', () => {
    expect(secretValues(config({platforms: 'linux/amd64'}), {})).toEqual([]);
  });
});
