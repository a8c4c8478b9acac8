import * as fs from 'node:fs';
import {describe, expect, it} from '@jest/globals';
import {context, LAB_BINFMT, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, REG, registryManifest} from './registry.js';

const lab = {'buildkit-image': LAB_BUILDKIT, 'qemu-image': LAB_BINFMT};

describe('failures named in one annotation with the fix', () => {
  it('exec format error: an s390x binary run in an amd64 stage while the s390x emulator is switched off', async () => {
    // a throw-away binfmt setup: the s390x entry is disabled for this test only (the tests run one at a time)
    const entry = '/proc/sys/fs/binfmt_misc/qemu-s390x';
    const wasEnabled = fs.readFileSync(entry, 'utf8').startsWith('enabled');
    const repo = `e2e/execformat-${uid()}`;
    fs.writeFileSync(entry, '0');
    try {
      const run = await runAction({
        ...lab,
        platforms: 'linux/amd64',
        // the planner sees no RUN on a foreign platform; the binary copied in is what needs the emulator
        context: context(
          `FROM --platform=linux/s390x ${BASE} AS foreign\nFROM --platform=$BUILDPLATFORM ${BASE}\nCOPY --from=foreign /bin/busybox /foreign-busybox\nRUN ["/foreign-busybox", "true"]\n`
        ),
        tags: `${REG}/${repo}:1`,
        push: 'true'
      });
      expect(run.main.code).toBe(1);
      const errors = run.main.log.split('\n').filter(l => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        /^::error title=exec format error::Build failed: linux\/amd64: a binary ran on a platform it was not built for in \[stage-1 3\/3\] RUN \["\/foreign-busybox", "true"\] .*: add the platform's emulator \(qemu: true\) or a native node/
      );
      expect((await registryManifest(repo, '1')).status).toBe(404);
    } finally {
      if (wasEnabled) fs.writeFileSync(entry, '1');
    }
  });

  it('no match for platform: the base image lacks riscv64 (preflight off, so BuildKit meets it)', async () => {
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64,linux/riscv64',
      context: context(`FROM ${BASE}\nRUN true\n`),
      tags: `${REG}/e2e/nomatch-${uid()}:1`,
      push: 'true',
      preflight: 'false'
    });
    expect(run.main.code).toBe(1);
    const errors = run.main.log.split('\n').filter(l => l.startsWith('::error'));
    expect(errors).toEqual([
      `::error title=Base image lacks a platform::Build failed: ${BASE} publishes no linux/riscv64: drop the platform, or pick a base (or tag) that publishes it; preflight: true finds this before the build`
    ]);
  });
});
