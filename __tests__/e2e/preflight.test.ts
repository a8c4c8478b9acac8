import * as fs from 'node:fs';
import {describe, expect, it} from '@jest/globals';
import {baseOf, context, docker, expectMainOk, labPush, LAB_BINFMT, runAction, uid} from './harness.js';
import {platformOfDescriptor} from '../../src/model/platform.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

describe('preflight against the lab', () => {
  it('fails in seconds, before any build, when a base image lacks a requested platform', async () => {
    // a base that publishes only amd64 and arm64, made from the lab's busybox
    const base = await baseOf('base-two');

    const run = await runAction({
      ...labPush(
        'linux/amd64,linux/arm64,linux/s390x',
        `ARG BASE=${base}\nFROM $BASE\nRUN uname -m\n`,
        `${REG}/e2e/preflight-${uid()}:1`
      )
    });
    expect(run.main.code).toBe(1);
    expect(run.main.log).toContain(
      `::error::Preflight: ${base} does not publish linux/s390x: drop the platform or pick a base that publishes it`
    );
    expect(run.main.log).toMatch(new RegExp(`${base.replace(/[.]/g, '\\.')}\\s+present\\s+present\\s+MISSING`));
    // the builder is made while the base is read; no build starts and post removes the builder
    expect(run.dockerCalls.map(c => c.slice(0, 2).join(' ')).sort()).toEqual([
      'buildx create',
      'buildx imagetools',
      'buildx rm'
    ]);
  });

  it('reports a base it cannot read platforms from as not checked, skips unreached stages, and builds', async () => {
    const single = `${REG}/e2e/single-base-${uid()}:1`;
    const ctx = context(`FROM ${BASE}\n`);
    docker([
      'buildx',
      'build',
      '--builder',
      'default',
      '--platform',
      'linux/amd64',
      '--provenance=false',
      '--output',
      `type=image,name=${single},push=true`,
      ctx
    ]);
    const repo = `e2e/notchecked-${uid()}`;
    const run = await runAction({
      ...labPush(
        'linux/amd64',
        `FROM ${REG}/e2e/does-not-exist:1 AS unused\nFROM ${single}\nRUN true\n`,
        `${REG}/${repo}:1`
      )
    });
    expectMainOk(run);
    expect(run.main.log).toContain(`${single}: not checked (a single-platform image`);
    expect(run.main.log).not.toContain('does-not-exist');
  });

  it('builds a cross-compiling Dockerfile for three platforms with no QEMU at all', async () => {
    const entry = '/proc/sys/fs/binfmt_misc/qemu-s390x';
    if (fs.existsSync(entry)) fs.writeFileSync(entry, '-1');
    try {
      const repo = `e2e/cross-${uid()}`;
      const run = await runAction({
        ...labPush(
          'linux/amd64,linux/arm64,linux/s390x',
          `FROM --platform=$BUILDPLATFORM ${BASE} AS build\nARG TARGETPLATFORM\nRUN echo "compiled for $TARGETPLATFORM on $(uname -m)" > /out\n` +
            'FROM scratch\nCOPY --from=build /out /out\n',
          `${REG}/${repo}:1`
        ),
        qemu: 'false'
      });
      expectMainOk(run);
      expect(run.main.log).toContain(
        'stage build (FROM localhost:5000/busybox:latest): --platform=$BUILDPLATFORM, runs natively (cross-compiling)'
      );
      expect(run.main.log).toContain('No stage runs a RUN step on the target platform');
      expect(run.main.log).toMatch(/linux\/s390x\s+cross-compiled/);
      expect(run.outputs.emulated).toBe('');
      expect(fs.existsSync(entry)).toBe(false);
      expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual([
        'linux/amd64',
        'linux/arm64',
        'linux/s390x'
      ]);
    } finally {
      if (!fs.existsSync(entry)) docker(['run', '--privileged', '--rm', LAB_BINFMT, '--install', 's390x']);
    }
  });
});

describe('smoke run against the lab', () => {
  const dockerfile = `FROM ${BASE}\nRUN uname -m > /arch\n`;
  it("runs the command in each platform's image by its own manifest digest and reports it per platform", async () => {
    const repo = `e2e/smoke-${uid()}`;
    const run = await runAction({
      ...labPush('linux/amd64,linux/arm64,linux/arm/v7', dockerfile, `${REG}/${repo}:1`),
      smoke: 'cat /arch'
    });
    expectMainOk(run);
    expect(run.main.log).toMatch(/linux\/amd64\s+passed in [\d.]+ s: x86_64/);
    expect(run.main.log).toMatch(/linux\/arm64\s+passed in [\d.]+ s: aarch64/);
    expect(run.main.log).toMatch(/linux\/arm\/v7\s+passed in [\d.]+ s: armv7l/);
    expect(run.summary).toMatch(/<td>linux\/arm64<\/td>.*?<td>passed \([\d.]+ s\)<\/td>/);
    const smokeRuns = run.dockerCalls.filter(c => c[0] === 'run');
    expect(smokeRuns.map(c => c[c.indexOf('--platform') + 1])).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    // by each platform's manifest digest, as the registry's index lists it (one index digest pulled twice fails on
    // the classic image store: "cannot overwrite digest")
    const index = (await registryManifest(repo, '1')).body.manifests ?? [];
    for (const c of smokeRuns) {
      const platform = c[c.indexOf('--platform') + 1];
      const manifest = index.find(m => platformOfDescriptor(m.platform ?? {}) === platform);
      expect(c).toContain(`${REG}/${repo}@${manifest?.digest}`);
    }
  });

  it('fails naming the platform whose run exits non-zero, with its output', async () => {
    const run = await runAction({
      ...labPush('linux/amd64,linux/arm/v7', dockerfile, `${REG}/e2e/smoke-fail-${uid()}:1`),
      smoke: `sh -c 'echo on $(cat /arch); test "$(cat /arch)" != armv7l'`
    });
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(/linux\/amd64\s+passed/);
    expect(run.main.log).toMatch(/::error::Smoke run failed on linux\/arm\/v7 \(sh -c .*\): exit 1: .*/);
    expect(run.main.log).toContain('on armv7l');
  });
});
