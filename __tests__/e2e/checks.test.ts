import * as fs from 'node:fs';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {context, expectMainOk, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

/**
 * Build checks on the builder's BuildKit (0.25 in the lab on runner and containerd): each warning an annotation on
 * its Dockerfile line, as build-push-action makes them (DOCKER_BUILD_CHECKS_ANNOTATIONS=false: log lines), the step
 * failing where the Dockerfile or `call: check` makes checks errors, and `call: outline` / `targets` printed.
 */

const lab = {'buildkit-image': LAB_BUILDKIT};
/** Line 1: 'as' in another case than FROM (FromAsCasing); line 3: MAINTAINER (MaintainerDeprecated). */
const WARNED = `FROM ${BASE} as base\nRUN true\nMAINTAINER me\n`;
const CASING =
  "::warning title=FromAsCasing%3A 'as' and 'FROM' keywords' casing do not match (line 1),file=Dockerfile,line=1,endLine=1::";
const MAINTAINER = /::warning title=MaintainerDeprecated%3A [^,]+,file=Dockerfile,line=3,endLine=3::/;

/** A context in the job's workspace, as a checkout is: the annotations point at its Dockerfile. */
function workspace(dockerfile: string): {context: string; env: Record<string, string>} {
  const dir = context(dockerfile);
  return {context: dir, env: {GITHUB_WORKSPACE: dir}};
}

describe(`build checks (BuildKit of ${LAB_BUILDKIT})`, () => {
  it("a build's warnings: one annotation each on its Dockerfile line; the image is pushed", async () => {
    const repo = `e2e/checks-warn-${uid()}`;
    const ws = workspace(WARNED);
    const inputs = {
      ...lab,
      platforms: 'linux/amd64,linux/arm64',
      context: ws.context,
      tags: `${REG}/${repo}:1`,
      push: 'true'
    };
    const run = await runAction(inputs, {env: ws.env});
    expectMainOk(run);
    expect(run.main.log).toContain(CASING);
    expect(run.main.log).toMatch(MAINTAINER);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('DOCKER_BUILD_CHECKS_ANNOTATIONS=false: the warnings are log lines, no annotation; DOCKER_BUILD_SUMMARY=false: no summary', async () => {
    const repo = `e2e/checks-off-${uid()}`;
    const ws = workspace(WARNED);
    const run = await runAction(
      {...lab, platforms: 'linux/amd64', context: ws.context, tags: `${REG}/${repo}:1`, push: 'true'},
      {env: {...ws.env, DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false', DOCKER_BUILD_SUMMARY: 'false'}}
    );
    expectMainOk(run);
    expect(run.main.log).not.toMatch(/::warning title=(FromAsCasing|MaintainerDeprecated)/);
    expect(run.main.log).toContain(
      "Build warning: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)"
    );
    expect(run.summary).toBe('');
  });

  it('call: check with findings: annotated on their lines, and the step fails naming the rules', async () => {
    const ws = workspace(WARNED);
    const run = await runAction({...lab, platforms: 'linux/amd64', context: ws.context, call: 'check'}, {env: ws.env});
    expect(run.main.code).toBe(1);
    expect(run.main.log).toContain(CASING);
    expect(run.main.log).toMatch(MAINTAINER);
    expect(run.main.log).toMatch(
      /::error title=Build checks failed::call: check found 2 warning\(s\), FromAsCasing, MaintainerDeprecated: fix the lines/
    );
    // and with none to find it passes
    const clean = workspace(`FROM ${BASE} AS base\nRUN true\n`);
    expectMainOk(
      await runAction({...lab, platforms: 'linux/amd64', context: clean.context, call: 'check'}, {env: clean.env})
    );
  });

  it('a Dockerfile whose checks are errors (# check=error=true): fails before pushing, its findings annotated', async () => {
    const repo = `e2e/checks-error-${uid()}`;
    const ws = workspace(`# check=error=true\n${WARNED}`);
    const run = await runAction(
      {...lab, platforms: 'linux/amd64', context: ws.context, tags: `${REG}/${repo}:1`, push: 'true'},
      {env: ws.env}
    );
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(/::warning title=FromAsCasing%3A [^,]+\(line 2\),file=Dockerfile,line=2,endLine=2::/);
    expect(run.main.log).toMatch(
      /::error title=Build checks failed::Build failed: the checks are errors and FromAsCasing, MaintainerDeprecated failed/
    );
    expect((await registryManifest(repo, '1')).status).toBe(404);
  });

  it('call: outline and call: targets print what BuildKit answers', async () => {
    const dockerfile = `ARG VERSION=1.0\nFROM ${BASE} AS base\nFROM base AS app\nARG GREETING=hi\nRUN echo $GREETING\n`;
    const ws = workspace(dockerfile);
    fs.writeFileSync(path.join(ws.context, 'Dockerfile'), dockerfile);
    const outline = await runAction({...lab, platforms: 'linux/amd64', context: ws.context, call: 'outline'});
    expectMainOk(outline);
    expect(outline.main.log).toMatch(/TARGET: app[\s\S]*BUILD ARG\s+VALUE\s+DESCRIPTION\s+GREETING\s+hi/);
    const targets = await runAction({...lab, platforms: 'linux/amd64', context: ws.context, call: 'targets'});
    expectMainOk(targets);
    expect(targets.main.log).toMatch(/TARGET\s+DESCRIPTION\s+base\s+app \(default\)/);
  });
});
