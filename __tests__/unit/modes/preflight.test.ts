import {describe, expect, it} from '@jest/globals';
import {formatBaseTable, missingPlatforms} from '../../../src/modes/preflight.js';

describe('preflight tables', () => {
  const bases = [
    {image: 'localhost:5000/two:1', stages: ['0'], published: ['linux/amd64', 'linux/arm64']},
    {image: 'private/thing:1', stages: ['1'], notChecked: 'unauthorized'}
  ];
  it('names the base and the platforms it lacks; unreadable bases are not failures', () => {
    expect(missingPlatforms(bases, ['linux/amd64', 'linux/s390x'])).toEqual([
      {image: 'localhost:5000/two:1', missing: ['linux/s390x']}
    ]);
    expect(missingPlatforms(bases, ['linux/amd64'])).toEqual([]);
  });
  it('shows base × platform as present, MISSING or not checked', () => {
    expect(formatBaseTable(bases, ['linux/amd64', 'linux/s390x']).split('\n')).toEqual([
      'base image            linux/amd64  linux/s390x',
      'localhost:5000/two:1  present      MISSING',
      'private/thing:1       not checked  not checked'
    ]);
  });
  it('takes a variant BuildKit falls back to: arm/v8 over a base of arm/v7, amd64/v3 over amd64', () => {
    const armv7 = [{image: 'r/base:1', stages: ['0'], published: ['linux/amd64', 'linux/arm/v7']}];
    expect(missingPlatforms(armv7, ['linux/arm/v8', 'linux/amd64/v3'])).toEqual([]);
    expect(missingPlatforms(armv7, ['linux/arm64'])).toEqual([{image: 'r/base:1', missing: ['linux/arm64']}]);
    expect(formatBaseTable(armv7, ['linux/arm/v8', 'linux/arm/v7']).split('\n')[1]).toBe(
      'r/base:1    as linux/arm/v7  present'
    );
  });
});
