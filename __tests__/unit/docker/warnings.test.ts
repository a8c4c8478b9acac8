import {describe, expect, it} from '@jest/globals';
import {lintViolation, parseBuildWarnings, parseWarningLines} from '../../../src/docker/warnings.js';
import {fixture} from '../../helpers.js';

const json = (name: string): Record<string, unknown> => JSON.parse(fixture(name)) as Record<string, unknown>;

describe("the build's warnings, as BuildKit 0.25 and buildx 0.29 give them", () => {
  it("reads a build's warnings from the metadata file (BUILDX_METADATA_WARNINGS), base64 texts decoded", () => {
    expect(parseBuildWarnings(json('buildkit-0.25-meta-warnings.json'))).toEqual([
      {
        short: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
        detail: "The 'as' keyword should match the case of the 'from' keyword",
        url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
        file: 'Dockerfile',
        startLine: 1,
        endLine: 1
      },
      {
        short: 'MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 4)',
        detail: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
        url: 'https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/',
        file: 'Dockerfile',
        startLine: 4,
        endLine: 4
      }
    ]);
  });
  it("reads call: check's findings from its result, the same warnings in the same words", () => {
    const build = parseBuildWarnings(json('buildkit-0.25-meta-warnings.json'));
    expect(parseBuildWarnings(json('buildkit-0.25-meta-call-check.json'))).toEqual(build);
  });
  it('reads none from a metadata file without them (a build with no warnings, an older buildx)', () => {
    expect(parseBuildWarnings(json('buildx-0.29-meta-push.json'))).toEqual([]);
  });
  it("reads the listing of a build whose checks are errors, and the rules BuildKit's error names", () => {
    const stderr = fixture('buildx-0.29-check-error-true.txt');
    expect(parseWarningLines(stderr)).toEqual([
      expect.objectContaining({
        short: "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 2)",
        startLine: 2
      }),
      expect.objectContaining({short: expect.stringMatching(/^MaintainerDeprecated: /), startLine: 5, endLine: 5})
    ]);
    expect(lintViolation(stderr)).toBe('FromAsCasing, MaintainerDeprecated');
    expect(lintViolation(fixture('buildx-0.29-build-failed.log'))).toBeUndefined();
  });
});
