import {describe, expect, it} from '@jest/globals';
import {formatBaseTable, missingPlatforms} from '../../../src/modes/preflight.js';
/** [what the Dockerfile shows, its text, build-args, target, expected: target base images, RUN on target, stage summary] */

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
});
