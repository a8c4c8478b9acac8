import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {annotateBuildWarnings} from '../../../src/runner/annotations.js';
import type {BuildWarning} from '../../../src/docker/warnings.js';

afterEach(() => {
  jest.restoreAllMocks();
});

const CASING: BuildWarning = {
  short: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
  detail: "The 'as' keyword should match the case of the 'from' keyword",
  url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
  file: 'Dockerfile',
  startLine: 1,
  endLine: 1
};

/** What the step printed: the runner's workflow commands. */
function printed(run: () => void): string {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  run();
  const out = write.mock.calls.map(c => String(c[0])).join('');
  write.mockRestore();
  return out;
}

describe('build warnings as annotations on the Dockerfile, as build-push-action makes them', () => {
  it("points at the Dockerfile's line in the workspace, titled with BuildKit's short text", () => {
    const out = printed(() => annotateBuildWarnings([CASING], 'app/Dockerfile', {GITHUB_WORKSPACE: '/w'}));
    expect(out).toBe(
      "::warning title=FromAsCasing%3A 'as' and 'FROM' keywords' casing do not match (line 1),file=app/Dockerfile,line=1,endLine=1::" +
        "The 'as' keyword should match the case of the 'from' keyword (https://docs.docker.com/go/dockerfile/rule/from-as-casing/)\n"
    );
  });
  it('points nowhere for a Dockerfile outside the workspace or another file, and is a log line when turned off', () => {
    expect(
      printed(() => annotateBuildWarnings([CASING], '/elsewhere/Dockerfile', {GITHUB_WORKSPACE: '/w'}))
    ).not.toContain('file=');
    expect(
      printed(() => annotateBuildWarnings([{...CASING, file: 'other.hcl'}], 'Dockerfile', {GITHUB_WORKSPACE: '/w'}))
    ).not.toContain('file=');
    const off = printed(() =>
      annotateBuildWarnings([CASING], 'Dockerfile', {GITHUB_WORKSPACE: '/w', DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false'})
    );
    expect(off).toBe(`Build warning: ${CASING.short} (${CASING.url})\n`);
  });
});
