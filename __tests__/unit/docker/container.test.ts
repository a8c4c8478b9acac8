import {describe, expect, it} from '@jest/globals';
import {configOf} from '../../helpers.js';
import {smokeArgs, smokeRemoveArgs} from '../../../src/docker/container.js';
describe('smoke argv and inputs', () => {
  it('runs a named, removed container of the image by digest for one platform', () => {
    expect(smokeArgs('xs-1', 'linux/arm64', 'r/app@sha256:abc', ['app', '--version'])).toEqual([
      'run',
      '--rm',
      '--quiet',
      '--name',
      'xs-1',
      '--pull',
      'always',
      '--platform',
      'linux/arm64',
      'r/app@sha256:abc',
      'app',
      '--version'
    ]);
    expect(smokeRemoveArgs('xs-1')).toEqual(['rm', '--force', 'xs-1']);
  });
  it('reads the command as argv and the time limit', () => {
    expect(
      configOf({platforms: 'linux/amd64', tags: 'r/a:1', push: 'true', smoke: 'app --version', 'smoke-timeout': '30'})
    ).toMatchObject({
      smoke: ['app', '--version'],
      smokeTimeout: 30
    });
  });
  it.each([
    [{smoke: 'app --version'}, 'Input smoke runs the pushed image by digest: set push'],
    [{smoke: "sh -c 'x", push: 'true', tags: 'r/a:1'}, 'Input smoke: unbalanced'],
    [{'smoke-timeout': '1.5'}, 'Input smoke-timeout must be a whole number of seconds, not "1.5"'],
    [{'smoke-timeout': '0'}, 'Input smoke-timeout must be a whole number']
  ])('refuses %j', (inputs, message) => {
    expect(() => configOf({platforms: 'linux/amd64', ...inputs})).toThrow(message);
  });
});
