import {spawnSync} from 'node:child_process';
import * as fs from 'node:fs';
import {afterAll, describe, expect, it} from '@jest/globals';
import {builderLeftovers, context, docker, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {platformsOf, REG, registryManifest, RUN_ARCH_DOCKERFILE} from './registry.js';

/**
 * Where runners differ from a hosted VM, on the lab: a runner in a container (the step without binfmt_misc, the
 * daemon's kernel with its emulators), a self-hosted machine with the distro's QEMU entries (no F flag), and Docker
 * over TLS (the docker-in-docker service: DOCKER_HOST=tcp://…:2376, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH).
 */

const BM = '/proc/sys/fs/binfmt_misc';
const inputs = (repo: string, platforms: string): Record<string, string> => ({
  platforms,
  context: context(RUN_ARCH_DOCKERFILE),
  tags: `${REG}/${repo}:1`,
  push: 'true',
  'buildkit-image': LAB_BUILDKIT,
  'qemu-image': LAB_BINFMT
});
/**
 * The step in a mount namespace of its own without binfmt_misc, as a runner container has it (bash, not sh: dash
 * drops the runner's INPUT_QEMU-IMAGE-style variables, whose names are not shell names).
 */
const NO_BINFMT = ['unshare', '-m', '--propagation', 'private', 'bash', '-c', `umount ${BM} && exec "$0" "$@"`];
const installerRuns = (calls: string[][]): string[][] => calls.filter(c => c[0] === 'run' && c.includes(LAB_BINFMT));
const entry = (name: string): string => fs.readFileSync(`${BM}/${name}`, 'utf8');

/** Leaves the lab's emulators as scripts/lab.sh set them up: registered, with the F flag. */
function restoreEmulators(): void {
  const stale = ['qemu-ppc64le', 'qemu-s390x'].filter(
    n => !fs.existsSync(`${BM}/${n}`) || !/flags: \w*F/.test(entry(n))
  );
  if (stale.length)
    docker(['run', '--privileged', '--rm', LAB_BINFMT, '--uninstall', stale.join(','), '--install', 'ppc64le,s390x']);
}

describe('a runner in a container: the daemon is asked for its emulators', () => {
  afterAll(restoreEmulators);

  it("every emulator registered in the daemon's kernel: nothing installed, a complete index", async () => {
    const repo = `e2e/runner-container-${uid()}`;
    const run = await runAction(inputs(repo, 'linux/amd64,linux/arm64,linux/arm/v7'), {wrap: NO_BINFMT});
    expectMainOk(run);
    expect(run.main.log).toMatch(
      /Asking the daemon's kernel for its emulators with .*: binfmt_misc is not mounted at \/proc\/sys\/fs\/binfmt_misc where this step runs/
    );
    expect(run.main.log).toContain('Every emulator needed is registered: nothing to install');
    // one status read, no install
    expect(installerRuns(run.dockerCalls)).toEqual([['run', '--privileged', '--rm', LAB_BINFMT]]);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual([
      'linux/amd64',
      'linux/arm/v7',
      'linux/arm64'
    ]);
  });

  it('one missing in the kernel: the daemon installs it, the install checked by its own status', async () => {
    docker(['run', '--privileged', '--rm', LAB_BINFMT, '--uninstall', 'qemu-ppc64le']);
    expect(fs.existsSync(`${BM}/qemu-ppc64le`)).toBe(false);
    const repo = `e2e/runner-container-missing-${uid()}`;
    const run = await runAction(inputs(repo, 'linux/amd64,linux/ppc64le,linux/arm64'), {wrap: NO_BINFMT});
    expectMainOk(run);
    expect(installerRuns(run.dockerCalls)).toEqual([
      ['run', '--privileged', '--rm', LAB_BINFMT],
      ['run', '--privileged', '--rm', LAB_BINFMT, '--install', 'ppc64le']
    ]);
    expect(run.main.log).toContain('Installed: qemu-ppc64le');
    expect(entry('qemu-ppc64le')).toMatch(/^enabled\n[\s\S]*flags: \w*F/);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/ppc64le'
    ]);
  });
});

describe("a self-hosted runner with the distro's QEMU entries (registered without the F flag)", () => {
  afterAll(restoreEmulators);

  it('replaces the entry, names it in the log, and builds the platform', async () => {
    // what qemu-user-binfmt registers: Debian's own conf, flags P (no F), its interpreter outside any container
    docker(['run', '--privileged', '--rm', LAB_BINFMT, '--uninstall', 'qemu-s390x']);
    const conf = fs.readFileSync('/tmp/lab/root/usr/share/qemu/binfmt.d/qemu-s390x.conf', 'utf8');
    const line = conf.split('\n').find(l => l.startsWith(':qemu-s390x:'))!;
    fs.writeFileSync(`${BM}/register`, line.replace(/:[A-Z]*$/, ':P'));
    expect(entry('qemu-s390x')).toMatch(/interpreter \/usr\/libexec\/qemu-binfmt\/s390x-binfmt-P\nflags: P\n/);

    const repo = `e2e/runner-distro-qemu-${uid()}`;
    const run = await runAction(inputs(repo, 'linux/amd64,linux/s390x'));
    expectMainOk(run);
    expect(run.main.log).toContain(
      '::warning title=QEMU entries replaced::Replacing qemu-s390x (/usr/libexec/qemu-binfmt/s390x-binfmt-P, flags "P"): registered without the F flag'
    );
    expect(installerRuns(run.dockerCalls)).toEqual([
      ['run', '--privileged', '--rm', LAB_BINFMT, '--uninstall', 'qemu-s390x', '--install', 's390x']
    ]);
    expect(entry('qemu-s390x')).toMatch(/flags: \w*F/);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/s390x']);
    expect(docker(['run', '--rm', '--pull', 'always', '--platform', 'linux/s390x', `${REG}/${repo}:1`])).toBe('s390x');
  });
});

describe('Docker over TLS (a dockerd on tcp://127.0.0.1:2376, the lab its certificate authority)', () => {
  const tlsEnv = {
    DOCKER_HOST: 'tcp://127.0.0.1:2376',
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: '/tmp/lab/tls/client'
  };

  it('builds, pushes and verifies through a temporary docker context; post leaves no context or builder', async () => {
    const repo = `e2e/runner-tls-${uid()}`;
    // a docker-in-docker service on a GitHub-hosted runner: the daemon is not the machine's own, so post removes
    const run = await runAction(inputs(repo, 'linux/amd64,linux/arm64'), {
      env: {...tlsEnv, RUNNER_ENVIRONMENT: 'github-hosted'}
    });
    expectMainOk(run);
    const create = run.dockerCalls.find(c => c[0] === 'context' && c[1] === 'create') ?? [];
    const context = create[2];
    expect(create).toEqual([
      'context',
      'create',
      context,
      '--docker',
      'host=tcp://127.0.0.1:2376,ca=/tmp/lab/tls/client/ca.pem,cert=/tmp/lab/tls/client/cert.pem,key=/tmp/lab/tls/client/key.pem'
    ]);
    const builderCreate = run.dockerCalls.find(c => c[0] === 'buildx' && c[1] === 'create') ?? [];
    expect(builderCreate[builderCreate.length - 1]).toBe(context);
    expect(run.main.log).toContain(`through docker context ${context}`);
    // the daemon is another machine as far as the step can tell: its emulators were asked of it
    expect(run.main.log).toMatch(
      /Asking the daemon's kernel for its emulators .*: docker is reached at tcp:\/\/127\.0\.0\.1:2376/
    );
    expect(run.outputs.digest).toMatch(/^sha256:/);
    const index = await registryManifest(repo, '1');
    expect(index.digest).toBe(run.outputs.digest);
    expect(platformsOf(index.body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
    // the builder ran on the TLS daemon (node2), not on the default one
    const builder = builderCreate[3];
    expect(run.post.code).toBe(0);
    expect(docker(['context', 'ls', '--format', '{{.Name}}']).split('\n')).not.toContain(context);
    expect(builderLeftovers(builder)).toEqual([]);
    expect(docker(['ps', '-a', '--format', '{{.Names}}'], {...process.env, ...tlsEnv})).not.toContain(builder);
  });
});

describe('linux/386 with no i386 emulator registered: the kernel is measured, not assumed', () => {
  const i386 = `${BM}/qemu-i386`;
  // the lab registers qemu-i386 only on a kernel without IA32 emulation; the test takes it away and puts it back
  const labHad = fs.existsSync(i386);
  afterAll(() => {
    if (labHad && !fs.existsSync(i386)) docker(['run', '--privileged', '--rm', LAB_BINFMT, '--install', '386']);
  });

  it('g) builds and runs linux/386: native where an i386 binary runs here, else with qemu-i386 installed', async () => {
    if (labHad) fs.writeFileSync(i386, '-1');
    expect(fs.existsSync(i386)).toBe(false);
    // the kernel's own answer, with no emulator in the way: the lab's i386 busybox runs or is refused
    const kernelRuns386 = spawnSync('/tmp/lab/bb/i386/bin/busybox', ['true']).status === 0;
    const repo = `e2e/i386-${uid()}`;
    const run = await runAction(inputs(repo, 'linux/386'));
    expectMainOk(run);
    const expected = kernelRuns386
      ? {served: 'native', installs: [], registered: false}
      : {
          served: 'QEMU (qemu-i386)',
          installs: [['run', '--privileged', '--rm', LAB_BINFMT, '--install', '386']],
          registered: true
        };
    expect(/linux\/386\s+(native|QEMU \(qemu-i386\))/.exec(run.main.log)?.[1]).toBe(expected.served);
    expect(installerRuns(run.dockerCalls)).toEqual(expected.installs);
    // installed with the F flag where it was needed; nothing registered where the kernel runs i386 itself
    expect(fs.existsSync(i386) && /flags: \w*F/.test(entry('qemu-i386'))).toBe(expected.registered);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/386']);
    // the image runs: an i386 process reports the kernel's machine (x86_64) natively, QEMU's (i686) emulated
    const arch = docker(['run', '--rm', '--pull', 'always', '--platform', 'linux/386', `${REG}/${repo}:1`]);
    expect(arch).toBe(kernelRuns386 ? 'x86_64' : 'i686');
  });
});
