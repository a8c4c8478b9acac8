import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {createArgs, installSsh} from '../../src/builder.js';
import {readConfig} from '../../src/inputs.js';
import {appendArgs, contextRemoveArgs, endpointKind, parseNodes, tlsContextArgs, tlsFromEnv} from '../../src/nodes.js';
import {planPlatforms} from '../../src/plan.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
const config = (inputs: Record<string, string>) =>
  readConfig(n => inputs[n] ?? '', {exists: () => true, isDirectory: () => true, env: {}});

describe('parseNodes', () => {
  it('reads endpoints of every kind, platforms as a list or a string, options and flags', () => {
    const nodes = parseNodes(`
- endpoint: ssh://builder@arm-host
  platforms: [linux/arm64, linux/arm/v7]
  name: arm
  driver-opts: [network=host, memory=4g]
  buildkitd-flags: --allow-insecure-entitlement security.insecure
- endpoint: tcp://10.0.0.5:2376
  platforms: linux/s390x
- endpoint: unix:///run/other.sock
  platforms: linux/ppc64le
- endpoint: my-context
  platforms: linux/riscv64
`);
    expect(nodes.map(n => [n.name, n.kind, n.platforms])).toEqual([
      ['arm', 'ssh', ['linux/arm64', 'linux/arm/v7']],
      ['node2', 'tcp', ['linux/s390x']],
      ['node3', 'unix', ['linux/ppc64le']],
      ['node4', 'context', ['linux/riscv64']]
    ]);
    expect(nodes[0]).toMatchObject({
      driverOpts: ['network=host', 'memory=4g'],
      buildkitdFlags: '--allow-insecure-entitlement security.insecure'
    });
    expect(parseNodes('  ')).toEqual([]);
  });

  it.each([
    ['not: a list', 'must be a YAML list'],
    ['- [a, b]', 'item 1 is not a map'],
    ['- endpoint: http://host:80\n  platforms: linux/arm64', 'endpoint "http://host:80" is not ssh://'],
    ['- endpoint: ssh://u@h\n  platform: linux/arm64', 'unknown key platform'],
    ['- endpoint: ssh://u@h', 'needs platforms'],
    ['- endpoint: ssh://u@h\n  platforms: linux/arm65', 'unknown architecture "arm65"'],
    ['- endpoint: ssh://u@h\n  platforms: linux/arm64\n  name: "a b"', 'name "a b" is not'],
    [
      '- endpoint: ssh://u@h\n  platforms: linux/arm64\n  driver-opts: [memory]',
      'driver-opt "memory" is not key=value'
    ],
    [
      '- endpoint: ssh://u@h\n  platforms: linux/arm64\n  buildkitd-flags: [--debug]',
      'buildkitd-flags must be one string'
    ],
    [
      '- endpoint: ssh://u@h\n  platforms: linux/arm64\n- endpoint: ssh://u@h\n  platforms: linux/s390x',
      'endpoint ssh://u@h is used twice'
    ],
    [
      '- endpoint: a\n  platforms: linux/arm64\n  name: x\n- endpoint: b\n  platforms: linux/s390x\n  name: x',
      'name x is used twice'
    ],
    [
      '- endpoint: a\n  platforms: linux/arm64\n- endpoint: b\n  platforms: linux/aarch64',
      'linux/arm64 is served by both node1 and node2'
    ],
    ['- endpoint: [oops', 'Input nodes is not YAML']
  ])('refuses %j', (text, message) => {
    expect(() => parseNodes(text)).toThrow(message);
  });

  it('knows endpoint kinds', () => {
    expect(
      ['ssh://h', 'ssh://u@h:2222', 'tcp://h:2376', 'unix:///s.sock', 'ctx-1', 'tcp://h', 'ftp://h'].map(endpointKind)
    ).toEqual(['ssh', 'ssh', 'tcp', 'unix', 'context', undefined, undefined]);
  });
});

describe('nodes in the inputs', () => {
  const base = {platforms: 'linux/amd64,linux/arm64', tags: 'localhost:5000/a:1', push: 'true'};
  it.each([
    [{nodes: '- endpoint: ssh://u@h\n  platforms: linux/arm64'}, 'ssh-known-hosts is required'],
    [
      {nodes: '- endpoint: ssh://u@h\n  platforms: linux/arm64', 'ssh-known-hosts': 'h ssh-ed25519 AAAA'},
      'ssh-private-key must hold a private key'
    ],
    [{nodes: '- endpoint: a\n  platforms: linux/arm64', driver: 'docker'}, 'Input nodes needs driver docker-container'],
    [
      {nodes: '- endpoint: a\n  platforms: linux/arm64', builder: 'mine'},
      'Input nodes needs driver docker-container and no builder'
    ]
  ])('refuses %j', (inputs, message) => {
    expect(() => config({...base, ...inputs})).toThrow(message);
  });
});

describe('planning with nodes', () => {
  const nodes = [{name: 'arm', platforms: ['linux/arm64', 'linux/arm/v7']}];
  it('sends the node its platforms and installs no emulator for them', () => {
    const plan = planPlatforms(['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/s390x'], 'x64', [], 'auto', nodes);
    expect(plan.platforms.map(p => [p.platform, p.strategy, p.node ?? p.emulator ?? ''])).toEqual([
      ['linux/amd64', 'native', ''],
      ['linux/arm64', 'node', 'arm'],
      ['linux/arm/v7', 'node', 'arm'],
      ['linux/s390x', 'qemu', 'qemu-s390x']
    ]);
    expect(plan.install).toEqual(['s390x']);
  });
  it('lets a listed node take even a platform the runner could run', () => {
    expect(
      planPlatforms(['linux/amd64'], 'x64', [], 'auto', [{name: 'big', platforms: ['linux/amd64']}]).platforms[0]
    ).toEqual({
      platform: 'linux/amd64',
      strategy: 'node',
      node: 'big'
    });
  });
  it('with qemu: false, a platform neither native nor on a node fails before anything runs', () => {
    expect(() => planPlatforms(['linux/s390x'], 'x64', [], 'false', nodes)).toThrow(
      'linux/s390x needs the QEMU emulator qemu-s390x'
    );
  });
});

describe('builder argv with nodes', () => {
  const c = config({platforms: 'linux/amd64,linux/arm64', 'buildkit-image': 'moby/buildkit:v0.13.2'});
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

describe('ssh files (the ssh:// path; no sshd is reachable from these tests)', () => {
  it('writes the key and pinned hosts 0600, a config that uses only them, and an ssh wrapper first on PATH', () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-ssh-'));
    const c = config({
      platforms: 'linux/arm64',
      nodes: '- endpoint: ssh://builder@arm-host\n  platforms: linux/arm64',
      'ssh-private-key': KEY,
      'ssh-known-hosts': 'arm-host ssh-ed25519 AAAAC3Nz'
    });
    const pathBefore = process.env.PATH;
    try {
      installSsh(c, temp, '/usr/bin/ssh');
      const dir = path.join(temp, 'ssh');
      const mode = (f: string): string => (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8);
      expect([mode('id_key'), mode('known_hosts'), mode('config'), mode('bin/ssh')]).toEqual([
        '600',
        '600',
        '600',
        '700'
      ]);
      expect(fs.readFileSync(path.join(dir, 'id_key'), 'utf8')).toBe(`${KEY}\n`);
      expect(fs.readFileSync(path.join(dir, 'config'), 'utf8')).toContain(
        `UserKnownHostsFile ${dir}/known_hosts\n  StrictHostKeyChecking yes`
      );
      expect(fs.readFileSync(path.join(dir, 'bin/ssh'), 'utf8')).toBe(
        `#!/bin/sh\nexec /usr/bin/ssh -F ${dir}/config "$@"\n`
      );
      expect(process.env.PATH?.split(':')[0]).toBe(path.join(dir, 'bin'));
    } finally {
      process.env.PATH = pathBefore;
      fs.rmSync(temp, {recursive: true, force: true});
    }
  });
});
