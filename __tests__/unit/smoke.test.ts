import {describe, expect, it} from '@jest/globals';
import {readConfig} from '../../src/inputs.js';
import {shellWords, smokeArgs, smokeRemoveArgs} from '../../src/smoke.js';

describe('shellWords', () => {
  it.each<[string, string[]]>([
    ['--version', ['--version']],
    ['uname -m', ['uname', '-m']],
    [`sh -c 'test "$(uname -m)" != armv7l'`, ['sh', '-c', 'test "$(uname -m)" != armv7l']],
    ['echo "a b"  c\\ d', ['echo', 'a b', 'c d']],
    ['echo "say \\"hi\\""', ['echo', 'say "hi"']],
    ['printf ""', ['printf', '']],
    ['  ', []]
  ])('%s', (text, argv) => {
    expect(shellWords(text)).toEqual(argv);
  });
  it('refuses an unbalanced quote', () => {
    expect(() => shellWords("sh -c 'oops")).toThrow("unbalanced ' quote");
  });
});

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
  const read = (inputs: Record<string, string>) =>
    readConfig(n => inputs[n] ?? '', {exists: () => true, isDirectory: () => true, env: {}});
  it('reads the command as argv and the time limit', () => {
    expect(
      read({platforms: 'linux/amd64', tags: 'r/a:1', push: 'true', smoke: 'app --version', 'smoke-timeout': '30'})
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
    expect(() => read({platforms: 'linux/amd64', ...inputs})).toThrow(message);
  });
});
