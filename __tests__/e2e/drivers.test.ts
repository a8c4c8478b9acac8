import {execFileSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {makeCertificates} from '../certs.js';
import {builderLeftovers, context, docker, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, platformsOf, REG, registryManifest, RUN_ARCH_DOCKERFILE} from './registry.js';

/**
 * setup-buildx-action's remote driver for real: the lab's BuildKit image serving on TCP with TLS certificates made
 * here (a CA, a server certificate for 127.0.0.1, a client certificate), reached by the action as a buildkitd fleet
 * would be. (The kubernetes driver's argv and options are unit-tested; no cluster runs here.)
 */

const PORT = 21000 + Math.floor(Math.random() * 2000);
const ENDPOINT = `tcp://127.0.0.1:${PORT}`;

describe('driver remote: a buildkitd on TCP with TLS', () => {
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-certs-'));
  const container = `xbuild-remote-${uid()}`;
  const read = (file: string): string => fs.readFileSync(path.join(certs, file), 'utf8');

  beforeAll(async () => {
    makeCertificates(certs);
    docker([
      'run',
      '-d',
      '--name',
      container,
      '--privileged',
      '--network',
      'host',
      '-v',
      `${certs}:/certs:ro`,
      LAB_BUILDKIT,
      '--addr',
      ENDPOINT,
      '--tlscacert',
      '/certs/ca.pem',
      '--tlscert',
      '/certs/server.pem',
      '--tlskey',
      '/certs/server-key.pem'
    ]);
    // the daemon answers once it has written its listening line
    for (let i = 0; i < 50 && !/running server|listening/i.test(daemonLog(container)); i++)
      await new Promise(r => setTimeout(r, 200));
  });
  afterAll(() => {
    docker(['rm', '-f', container]);
    fs.rmSync(certs, {recursive: true, force: true});
  });

  it('builds and pushes through it with the client certificate, and post leaves no builder and no key behind', async () => {
    const repo = `e2e/remote-${uid()}`;
    const run = await runAction(
      {
        platforms: 'linux/amd64,linux/arm64',
        context: context(`FROM ${BASE}\nRUN uname -m > /arch\n`),
        tags: `${REG}/${repo}:1`,
        push: 'true',
        driver: 'remote',
        endpoint: ENDPOINT
      },
      {
        env: {
          BUILDER_NODE_0_AUTH_TLS_CACERT: read('ca.pem'),
          BUILDER_NODE_0_AUTH_TLS_CERT: read('client.pem'),
          BUILDER_NODE_0_AUTH_TLS_KEY: read('client-key.pem')
        }
      }
    );
    expectMainOk(run);
    const create = run.dockerCalls.find(c => c[1] === 'create') ?? [];
    expect(create).toEqual(expect.arrayContaining(['--driver', 'remote', ENDPOINT]));
    expect(create.some(a => a.startsWith('key=') && a.endsWith('key.pem'))).toBe(true);
    // no local emulator was asked for: the remote builder serves every platform
    expect(run.dockerCalls.some(c => c[0] === 'run' && c.includes('--privileged'))).toBe(false);
    expect(run.outputs.driver).toBe('remote');
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
    // the key's text is in no log, and post removed the builder entry and the step's TLS files
    // only the runner's own add-mask commands carry it (the runner hides it from then on), each line masked too
    const keyLines = read('client-key.pem')
      .split('\n')
      .filter(l => l.length >= 4);
    for (const line of keyLines) expect(run.main.log).toContain(`::add-mask::${line}`);
    expect(run.main.log.replace(/^::add-mask::.*$/gm, '')).not.toContain(keyLines[1]);
    expect(builderLeftovers(run.outputs.builder)).toEqual([]);
    expect(fs.readdirSync(run.runnerTemp)).toEqual([]);
  });

  it('without the client certificate the daemon refuses, and the step says which builder and endpoint', async () => {
    const repo = `e2e/remote-refused-${uid()}`;
    const run = await runAction({
      platforms: 'linux/amd64',
      context: context(`FROM ${BASE}\n`),
      tags: `${REG}/${repo}:1`,
      push: 'true',
      driver: 'remote',
      endpoint: ENDPOINT
    });
    expect(run.main.code).toBe(1);
    expect(run.main.log).toContain(
      `::error title=Builder unreachable::Build failed: the remote buildkitd at ${ENDPOINT} did not answer`
    );
    expect((await registryManifest(repo, '1')).status).toBe(404);
  });
});

/**
 * setup-buildx-action's endpoint with driver docker-container: node 0's container on another daemon (the lab's node2,
 * the same kernel), named by a docker context (over TCP with TLS, as another machine) or by its address.
 */
describe('driver docker-container with an endpoint', () => {
  const NODE2 = 'unix:///tmp/lab/node2.sock';
  const node2 = {...process.env, DOCKER_HOST: NODE2};
  const contextName = `xbuild-e2e-node2-${uid()}`;
  const tls = '/tmp/lab/tls/client';
  const TCP = `host=tcp://127.0.0.1:2376,ca=${tls}/ca.pem,cert=${tls}/cert.pem,key=${tls}/key.pem`;
  beforeAll(() => void docker(['context', 'create', contextName, '--docker', TCP]));
  afterAll(() => void docker(['context', 'rm', '-f', contextName]));
  const containersOf = (builder: string, env = process.env): string =>
    docker(['ps', '-a', '--filter', `name=buildx_buildkit_${builder}`, '--format', '{{.Names}}'], env);
  /** A two-platform push with node 0 at `endpoint`; the create call ends with it. */
  const pushAt = async (repo: string, endpoint: string, extra: Record<string, string> = {}) => {
    const run = await runAction({
      'buildkit-image': LAB_BUILDKIT,
      platforms: 'linux/amd64,linux/arm64',
      context: context(RUN_ARCH_DOCKERFILE),
      tags: `${REG}/${repo}:1`,
      push: 'true',
      endpoint,
      ...extra
    });
    expectMainOk(run);
    expect(run.dockerCalls.find(c => c[1] === 'create')?.at(-1)).toBe(endpoint);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
    return run;
  };

  it('a docker context: the builder runs on its daemon, whose kernel is asked for emulators; pushes, verifies', async () => {
    const repo = `e2e/endpoint-context-${uid()}`;
    const run = await pushAt(repo, contextName, {'qemu-image': LAB_BINFMT, cleanup: 'false'});
    expect(run.main.log).toMatch(
      /Asking the daemon's kernel for its emulators .*: docker is reached at tcp:\/\/127\.0\.0\.1:2376/
    );
    const builder = run.outputs.builder;
    // the builder's container is on node2, none on the default daemon
    expect(containersOf(builder, node2)).toBe(`buildx_buildkit_${builder}0`);
    expect(containersOf(builder)).toBe('');
    expect((JSON.parse(run.outputs.nodes) as {endpoint: string}[])[0].endpoint).toBe(contextName);
    expect((await registryManifest(repo, '1')).digest).toBe(run.outputs.digest);
    docker(['buildx', 'rm', builder]);
    expect(containersOf(builder, node2)).toBe('');
  });

  it('an address: the same, and post removes the builder from that daemon', async () => {
    const run = await pushAt(`e2e/endpoint-address-${uid()}`, NODE2);
    expect(run.post.code).toBe(0);
    expect(builderLeftovers(run.outputs.builder)).toEqual([]);
    expect(containersOf(run.outputs.builder, node2)).toBe('');
  });
});

/** The daemon's log (buildkitd writes it to stderr). */
function daemonLog(container: string): string {
  return execFileSync('bash', ['-c', `docker logs ${container} 2>&1`], {encoding: 'utf8'});
}
