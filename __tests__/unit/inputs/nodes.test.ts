import {describe, expect, it} from '@jest/globals';
import {configOf} from '../../helpers.js';
import {endpointKind, parseNodes} from '../../../src/inputs/nodes.js';

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
    expect(() => configOf({...base, ...inputs})).toThrow(message);
  });
});
