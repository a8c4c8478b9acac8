import {describe, expect, it} from '@jest/globals';
import {
  diagnose,
  isTransientBootFailure,
  isTransientPushFailure,
  transientBuildFailure
} from '../../../src/docker/failures.js';
import {fixture} from '../../helpers.js';

const PUSH_429 = fixture('buildx-0.13-push-429.txt');

describe('diagnose: one line with the fix, from the build output captured in the lab', () => {
  it('exec format error: names the platform and the step', () => {
    const d = diagnose(fixture('buildx-0.13-exec-format-error.txt'), ['linux/amd64']);
    expect(d?.title).toBe('exec format error');
    expect(d?.message).toMatch(
      /^linux\/amd64: a binary ran on a platform it was not built for in \[stage-1 3\/3\] RUN \["\/foreign-busybox", "true"\]/
    );
    expect(d?.message).toContain('add the platform');
  });
  it('exec format error in a multi-platform build: the platform from the step name', () => {
    const log =
      '#9 [linux/arm64 2/2] RUN ["/x"]\n#9 0.04 exec /x: exec format error\n#9 ERROR: process "/x" did not complete successfully: exit code: 1\nERROR: failed to solve: process "/x" did not complete successfully: exit code: 1';
    expect(diagnose(log, ['linux/amd64', 'linux/arm64'])?.message).toMatch(/^linux\/arm64: /);
  });
  it('no match for platform: names the image and the platform', () => {
    const d = diagnose(fixture('buildx-0.13-no-match-for-platform.txt'), ['linux/amd64', 'linux/mips64le']);
    expect(d).toEqual({
      title: 'Base image lacks a platform',
      message:
        'localhost:5000/busybox:latest publishes no linux/mips64le: drop the platform, or pick a base (or tag) that publishes it; preflight: true finds this before the build'
    });
  });
  it("QEMU crash (hand-written from QEMU's message format): names the platform, suggests a pin or a node", () => {
    const log =
      '#7 [linux/arm/v7 2/3] RUN npm ci\n#7 12.3 qemu: uncaught target signal 11 (Segmentation fault) - core dumped\n#7 ERROR: process "/bin/sh -c npm ci" did not complete successfully: exit code: 139\nERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 139';
    const d = diagnose(log, ['linux/amd64', 'linux/arm/v7']);
    expect(d?.title).toBe('QEMU crashed');
    expect(d?.message).toMatch(
      /^linux\/arm\/v7: the emulator crashed \(signal 11\) while running \[linux\/arm\/v7 2\/3\] RUN npm ci: pin another qemu-image/
    );
  });
  it('registry auth: the credential fix', () => {
    expect(diagnose(fixture('buildx-0.13-push-401.txt'), ['linux/amd64'])?.title).toBe(
      'Registry refused the credentials'
    );
  });
  it('cache export failure (cache-ignore-error: false): says the image was fine and how to only warn', () => {
    const d = diagnose(fixture('buildx-0.13-cache-export-failed.txt'), ['linux/arm64']);
    expect(d?.title).toBe('Cache export failed');
    expect(d?.message).toContain('set cache-ignore-error: true to warn instead');
  });
  it('a failing RUN of the build itself, or a transient push error, is not dressed up', () => {
    expect(diagnose(fixture('buildx-0.13-build-failed.log'), ['linux/amd64'])).toBeUndefined();
    expect(diagnose(fixture('buildx-0.13-push-503.txt'), ['linux/amd64'])).toBeUndefined();
  });
  it('a boot line earlier in the log does not make a push EOF a boot failure', () => {
    const log =
      '#1 [internal] booting buildkit\n#1 DONE 0.5s\nERROR: failed to solve: failed to push r/a:1: failed to do request: Put "http://r/v2/a/manifests/x": EOF';
    expect(diagnose(log, ['linux/amd64'])).toBeUndefined();
  });
});

describe('build retry classification (buildx 0.13 push errors captured through the fault proxy)', () => {
  it('a 429 push failure is one to build again for', () => {
    expect(isTransientPushFailure(PUSH_429)).toBe(true);
  });

  it('retries a push that hit 503, never one that hit 401, nor a failed build step', () => {
    expect(isTransientPushFailure(fixture('buildx-0.13-push-503.txt'))).toBe(true);
    expect(isTransientPushFailure(fixture('buildx-0.13-push-401.txt'))).toBe(false);
    expect(isTransientPushFailure(fixture('buildx-0.13-build-failed.log'))).toBe(false);
  });
});

describe('which failed builds are worth building again', () => {
  const BOOT_503 = fixture('buildx-0.13-boot-pull-503.txt');
  it('a BuildKit image pull that failed on a 503 while booting the builder', () => {
    expect(isTransientBootFailure(BOOT_503)).toBe(true);
    expect(isTransientPushFailure(BOOT_503)).toBe(false);
    expect(transientBuildFailure(BOOT_503)).toBe('Builder boot');
  });
  it('not a boot pull the registry refused', () => {
    const refused = BOOT_503.replaceAll('503 Service Unavailable', '401 Unauthorized');
    expect(isTransientBootFailure(refused)).toBe(false);
    expect(transientBuildFailure(refused)).toBeUndefined();
  });
  it('a push on a 503 or 429, never a failed step or a refused push', () => {
    expect(transientBuildFailure(fixture('buildx-0.13-push-503.txt'))).toBe('Push');
    expect(transientBuildFailure(PUSH_429)).toBe('Push');
    // a reset caught mid-write: Go reports the socket it had already lost
    expect(transientBuildFailure(fixture('buildx-0.13-push-reset-closed.txt'))).toBe('Push');
    expect(transientBuildFailure(fixture('buildx-0.13-push-401.txt'))).toBeUndefined();
    expect(transientBuildFailure(fixture('buildx-0.13-build-failed.log'))).toBeUndefined();
    expect(transientBuildFailure(fixture('buildx-0.13-exec-format-error.txt'))).toBeUndefined();
  });
});

describe('call on a builder whose BuildKit predates it', () => {
  it('names the request the builder does not know and the fix (buildx 0.29 against BuildKit 0.13, captured)', () => {
    expect(diagnose(fixture('buildx-0.29-call-check-on-buildkit-0.13.txt'), ['linux/amd64'])).toEqual({
      title: "The builder's BuildKit is too old for call",
      message:
        "the builder's BuildKit does not know frontend.lint, which call needs (BuildKit 0.15 or newer): set buildkit-image to a newer BuildKit, or drop call"
    });
  });
});

describe('a buildx older than the oldest supported', () => {
  it('names the flag it does not know, the floor and the fix', () => {
    // cobra's own wording, as every buildx prints it for a flag it does not define
    expect(diagnose('ERROR: unknown flag: --attest\n', ['linux/amd64'])).toEqual({
      title: 'buildx too old',
      message:
        'this buildx does not know --attest: the oldest buildx the action supports is 0.13.0 (beside Docker 26.1); set buildx-version: latest to run the tested release for this step, or update Docker'
    });
  });
});
