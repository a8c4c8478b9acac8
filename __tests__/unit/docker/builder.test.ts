import {describe, expect, it} from '@jest/globals';
import {
  appendArgs,
  jobBuilderName,
  createArgs,
  inspectArgs,
  needsHostNetwork,
  parseBuildxInspect,
  removeArgs,
  useArgs,
  uniqueBuilderName
} from '../../../src/docker/builder.js';
import {contextRemoveArgs, tlsContextArgs, tlsFromEnv} from '../../../src/docker/context.js';
import {parseNodes} from '../../../src/inputs/nodes.js';
import {configOf, fixture} from '../../helpers.js';

describe('builder argv', () => {
  const c = configOf({
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
      '--buildkitd-flags',
      '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host',
      '--config',
      '/t/buildkitd.toml'
    ]);
  });
  it('keeps the user network option', () => {
    const own = configOf({platforms: 'linux/amd64', 'driver-opts': 'network=bridge'});
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
      'network=bridge',
      '--buildkitd-flags',
      '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'
    ]);
  });
  it("runs node 0 where the endpoint input says, before a context made from the environment's TLS", () => {
    const at = configOf({platforms: 'linux/amd64', endpoint: 'arm-box'});
    expect(createArgs('b', at, {hostNetwork: false, context: 'b-env'})).toEqual([
      'buildx',
      'create',
      '--name',
      'b',
      '--driver',
      'docker-container',
      '--driver-opt',
      'image=moby/buildkit:v0.29.0',
      '--buildkitd-flags',
      '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host',
      'arm-box'
    ]);
    expect(createArgs('b', configOf({platforms: 'linux/amd64'}), {hostNetwork: false, context: 'b-env'}).at(-1)).toBe(
      'b-env'
    );
  });
  it('inspects with bootstrap and removes by name', () => {
    expect(inspectArgs('b', true)).toEqual(['buildx', 'inspect', '--bootstrap', 'b']);
    expect(useArgs('b')).toEqual(['buildx', 'use', 'b']);
    expect(inspectArgs('b', false)).toEqual(['buildx', 'inspect', 'b']);
    expect(removeArgs('b')).toEqual(['buildx', 'rm', 'b']);
    expect(uniqueBuilderName(() => 0.5)).toBe('xbuild-7fffffff');
  });
  it('asks for the host network when a tag, cache ref or base image is on localhost', () => {
    expect(needsHostNetwork(c, '')).toBe(true);
    const remote = configOf({platforms: 'linux/amd64', tags: 'registry.test/o/a:1', push: 'true'});
    expect(needsHostNetwork(remote, 'FROM alpine:3.20\n')).toBe(false);
    expect(needsHostNetwork(remote, 'FROM --platform=$BUILDPLATFORM 127.0.0.1:5000/busybox AS b\n')).toBe(true);
    const cached = configOf({platforms: 'linux/amd64', 'cache-from': 'type=registry,ref=localhost:5000/c:1'});
    expect(needsHostNetwork(cached, '')).toBe(true);
  });
});

describe('builder argv with nodes', () => {
  const c = configOf({platforms: 'linux/amd64,linux/arm64', 'buildkit-image': 'moby/buildkit:v0.13.2'});
  it('pins node 0 to the platforms it serves', () => {
    expect(createArgs('b', c, {hostNetwork: false, platforms: ['linux/amd64']})).toEqual([
      'buildx',
      'create',
      '--name',
      'b',
      '--driver',
      'docker-container',
      '--driver-opt',
      'image=moby/buildkit:v0.13.2',
      '--buildkitd-flags',
      '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host',
      '--platform',
      'linux/amd64'
    ]);
  });
  it('appends a node pinned to its platforms, with its options and flags', () => {
    const [spec] = parseNodes(
      '- endpoint: ssh://u@arm\n  platforms: linux/arm64\n  name: arm\n  driver-opts: [memory=4g]\n  buildkitd-flags: --debug'
    );
    expect(appendArgs('b', spec, 'moby/buildkit:v0.13.2')).toEqual([
      'buildx',
      'create',
      '--name',
      'b',
      '--append',
      '--node',
      'b-arm',
      '--driver',
      'docker-container',
      '--driver-opt',
      'image=moby/buildkit:v0.13.2',
      '--driver-opt',
      'memory=4g',
      '--buildkitd-flags',
      '--debug',
      '--platform',
      'linux/arm64',
      'ssh://u@arm'
    ]);
  });
  it('reaches tcp:// nodes with TLS through a docker context, removed in post', () => {
    expect(
      tlsFromEnv(1, {
        BUILDER_NODE_1_AUTH_TLS_CACERT: 'CA',
        BUILDER_NODE_1_AUTH_TLS_KEY: 'K',
        BUILDER_NODE_2_AUTH_TLS_CERT: 'x'
      })
    ).toEqual({
      cacert: 'CA',
      cert: undefined,
      key: 'K'
    });
    expect(
      tlsContextArgs('b-node1', 'tcp://h:2376', {cacert: '/t/ca.pem', cert: '/t/cert.pem', key: '/t/key.pem'})
    ).toEqual([
      'context',
      'create',
      'b-node1',
      '--docker',
      'host=tcp://h:2376,ca=/t/ca.pem,cert=/t/cert.pem,key=/t/key.pem'
    ]);
    expect(contextRemoveArgs('b-node1')).toEqual(['context', 'rm', '--force', 'b-node1']);
  });
});

describe('parseBuildxInspect (buildx 0.13 text output)', () => {
  it('reads a docker-container builder with its node, status, BuildKit version and platforms', () => {
    const info = parseBuildxInspect(fixture('buildx-0.13-inspect-docker-container.txt'));
    expect(info.name).toBe('fx1');
    expect(info.driver).toBe('docker-container');
    expect(info.nodes).toHaveLength(1);
    expect(info.nodes[0]).toMatchObject({
      name: 'fx10',
      endpoint: 'unix:///var/run/docker.sock',
      status: 'running',
      flags: '--allow-insecure-entitlement=network.host',
      buildkitVersion: 'v0.13-debian-docker.io-26.1.5+dfsg1-9+deb13u1'
    });
    expect(info.nodes[0].platforms).toEqual(
      expect.arrayContaining(['linux/amd64', 'linux/arm/v7', 'linux/386', 'linux/s390x'])
    );
  });
  it('reads the docker driver builder, whose list lacks arm/v7', () => {
    const info = parseBuildxInspect(fixture('buildx-0.13-inspect-docker.txt'));
    expect(info).toMatchObject({name: 'default', driver: 'docker'});
    expect(info.nodes[0].platforms).not.toContain('linux/arm/v7');
  });
  it('strips the * of pinned platforms', () => {
    const text =
      'Name: b\nDriver: docker-container\nNodes:\nName: b0\nStatus: running\nPlatforms: linux/arm64*, linux/arm/v7*\n';
    expect(parseBuildxInspect(text).nodes[0].platforms).toEqual(['linux/arm64', 'linux/arm/v7']);
  });
  it('refuses output with no builder name', () => {
    expect(() => parseBuildxInspect('ERROR: no builder "x" found')).toThrow('printed no builder name');
  });
});

describe("setup-buildx-action's other drivers", () => {
  it('remote: a running buildkitd at the endpoint, with its TLS files, no image and no daemon flags', () => {
    const c = configOf({
      platforms: 'linux/amd64',
      driver: 'remote',
      endpoint: 'tcp://buildkitd:1234',
      'driver-opts': 'servername=buildkitd'
    });
    expect(
      createArgs('b', c, {hostNetwork: true, tlsOpts: ['cacert=/t/ca.pem', 'cert=/t/cert.pem', 'key=/t/key.pem']})
    ).toEqual([
      'buildx',
      'create',
      '--name',
      'b',
      '--driver',
      'remote',
      '--driver-opt',
      'servername=buildkitd',
      '--driver-opt',
      'cacert=/t/ca.pem',
      '--driver-opt',
      'cert=/t/cert.pem',
      '--driver-opt',
      'key=/t/key.pem',
      'tcp://buildkitd:1234'
    ]);
  });
  it('kubernetes: BuildKit pods of buildkit-image with the driver options and daemon flags (not run on a cluster here)', () => {
    const c = configOf({
      platforms: 'linux/amd64,linux/arm64',
      driver: 'kubernetes',
      'driver-opts': 'namespace=ci\nreplicas=2'
    });
    expect(createArgs('b', c, {hostNetwork: true})).toEqual([
      'buildx',
      'create',
      '--name',
      'b',
      '--driver',
      'kubernetes',
      '--driver-opt',
      'image=moby/buildkit:v0.29.0',
      '--driver-opt',
      'namespace=ci',
      '--driver-opt',
      'replicas=2',
      '--buildkitd-flags',
      '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'
    ]);
  });
  it('the job builder name tells drivers and endpoints apart', () => {
    const env = {GITHUB_RUN_ID: '1', GITHUB_JOB: 'build'};
    const a = jobBuilderName(configOf({platforms: 'linux/amd64', driver: 'remote', endpoint: 'tcp://a:1'}), false, env);
    const b = jobBuilderName(configOf({platforms: 'linux/amd64', driver: 'remote', endpoint: 'tcp://b:1'}), false, env);
    expect(a).not.toBe(b);
    expect(jobBuilderName(configOf({platforms: 'linux/amd64'}), false, {})).toBeUndefined();
  });
  it('the job builder name is one for network=host asked for and network=host added for a localhost registry', () => {
    const env = {GITHUB_RUN_ID: '1', GITHUB_JOB: 'build'};
    const asked = jobBuilderName(configOf({mode: 'setup', 'driver-opts': 'network=host'}), false, env);
    expect(jobBuilderName(configOf({platforms: 'linux/amd64'}), true, env)).toBe(asked);
    expect(jobBuilderName(configOf({platforms: 'linux/amd64'}), false, env)).not.toBe(asked);
  });
});
