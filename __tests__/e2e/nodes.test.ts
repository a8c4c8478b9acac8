import * as fs from 'node:fs';
import {describe, expect, it} from '@jest/globals';
import {docker, expectMainOk, labPush, labSshEnv, runAction, uid} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

const NODE2 = 'unix:///tmp/lab/node2.sock';
const DOCKERFILE = `FROM ${BASE}\nARG TARGETPLATFORM\nRUN echo "$TARGETPLATFORM" > /p && uname -m > /arch\n`;

/** BuildKit's own record on a node: how many RUN steps it executed (cache records of exec mounts). */
function runStepsOn(host: string, container: string): number {
  const du = docker(['-H', host, 'exec', container, 'buildctl', 'du', '-v']);
  return [...du.matchAll(/Description:\s+mount \/ from exec /g)].length;
}

describe('native nodes against the lab', () => {
  it('builds arm64 and arm/v7 on the second dockerd and amd64 on node 0, as the plan says', async () => {
    const repo = `e2e/nodes-${uid()}`;
    const run = await runAction({
      ...labPush('linux/amd64,linux/arm64,linux/arm/v7', DOCKERFILE, `${REG}/${repo}:1`),
      cleanup: 'false',
      nodes: `- endpoint: ${NODE2}\n  platforms: [linux/arm64, linux/arm/v7]\n  name: arm\n`
    });
    const builder = run.outputs.builder;
    try {
      expectMainOk(run);
      expect(run.main.log).toMatch(/linux\/arm64\s+node arm/);
      expect(run.main.log).toMatch(/linux\/amd64\s+native/);
      expect(run.main.log).toContain(`Node ${builder}-arm: running`);
      expect(run.outputs.emulated).toBe('');
      expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual([
        'linux/amd64',
        'linux/arm/v7',
        'linux/arm64'
      ]);
      expect(runStepsOn(NODE2, `buildx_buildkit_${builder}-arm`)).toBe(2);
      expect(runStepsOn('unix:///var/run/docker.sock', `buildx_buildkit_${builder}0`)).toBe(1);
      expect(run.summary).toContain(`<td>linux/arm/v7</td><td>node arm</td><td>${builder}-arm</td>`);
    } finally {
      docker(['buildx', 'rm', builder]);
    }
  });

  it('a node whose endpoint is dead fails the step before any build, naming it, and leaves nothing behind', async () => {
    const run = await runAction({
      ...labPush('linux/amd64,linux/arm64', DOCKERFILE, `${REG}/e2e/dead-${uid()}:1`),
      nodes: `- endpoint: unix:///tmp/lab/no-such-node.sock\n  platforms: linux/arm64\n  name: gone\n`
    });
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(/::error::.*gone.*unix:\/\/\/tmp\/lab\/no-such-node\.sock/);
    expect(run.dockerCalls.some(c => c[1] === 'build')).toBe(false);
    const name = run.dockerCalls.find(c => c[1] === 'create')?.[3] ?? '';
    expect(docker(['buildx', 'ls', '--format', '{{.Name}}']).split('\n')).not.toContain(name);
  });
});

describe('node fallback', () => {
  it('with node-fallback: qemu, a dead node is dropped and its platforms build under QEMU', async () => {
    const repo = `e2e/fallback-${uid()}`;
    const run = await runAction({
      ...labPush('linux/amd64,linux/arm64', DOCKERFILE, `${REG}/${repo}:1`),
      'node-fallback': 'qemu',
      nodes: `- endpoint: unix:///tmp/lab/no-such-node.sock\n  platforms: linux/arm64\n  name: gone\n`
    });
    expectMainOk(run);
    expect(run.main.log).toMatch(
      /::warning::Node gone \(unix:\/\/\/tmp\/lab\/no-such-node\.sock\) could not join .*node-fallback is qemu/
    );
    expect(run.outputs.emulated).toBe('linux/arm64');
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(run.post.log).toContain(`Removed builder ${run.outputs.builder}`);
  });
});

describe('an ssh:// node for real (the lab sshd in front of the second dockerd)', () => {
  it('reaches the node with the given key and pinned host key, builds on it, and leaves no key behind', async () => {
    const key = fs.readFileSync('/tmp/lab/ssh/id_ed25519', 'utf8');
    const knownHosts = fs.readFileSync('/tmp/lab/ssh/known_hosts', 'utf8');
    const repo = `e2e/ssh-${uid()}`;
    const run = await runAction({
      ...labPush('linux/amd64,linux/arm64', DOCKERFILE, `${REG}/${repo}:1`),
      cleanup: 'false',
      nodes: '- endpoint: ssh://root@127.0.0.1:2222\n  platforms: linux/arm64\n  name: viassh\n',
      'ssh-private-key': key,
      'ssh-known-hosts': knownHosts
    });
    const builder = run.outputs.builder;
    try {
      expectMainOk(run);
      expect(run.main.log).toContain(`Node ${builder}-viassh: running`);
      expect(runStepsOn(NODE2, `buildx_buildkit_${builder}-viassh`)).toBe(1);
      expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
      // the key is masked for the runner and written nowhere it stays
      const printed = (run.main.log + run.post.log).split('\n').filter(l => !l.startsWith('::add-mask::'));
      expect(printed.join('\n')).not.toContain(key.split('\n')[1]);
      expect(fs.readdirSync(run.runnerTemp)).toEqual([]);
    } finally {
      docker(['buildx', 'rm', builder], labSshEnv());
    }
  });

  it('refuses a host whose key is not the pinned one (no trust on first use)', async () => {
    const key = fs.readFileSync('/tmp/lab/ssh/id_ed25519', 'utf8');
    const wrongHost = fs.readFileSync('/tmp/lab/ssh/id_ed25519.pub', 'utf8').split(' ').slice(0, 2).join(' ');
    const run = await runAction({
      ...labPush('linux/amd64,linux/arm64', DOCKERFILE, `${REG}/e2e/ssh-bad-${uid()}:1`),
      nodes: '- endpoint: ssh://root@127.0.0.1:2222\n  platforms: linux/arm64\n  name: viassh\n',
      'ssh-private-key': key,
      'ssh-known-hosts': `[127.0.0.1]:2222 ${wrongHost}\n`
    });
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(/::error::.*viassh.*ssh:\/\/root@127\.0\.0\.1:2222/);
    expect(run.dockerCalls.some(c => c[1] === 'build')).toBe(false);
  });
});
