import {describe, expect, it} from '@jest/globals';
import {checkContext} from '../../../src/inputs/checks.js';

describe('the build context', () => {
  const files = new Set(['/w/repo', '/w/repo/Dockerfile', '/runner/temp/gen', '/runner/temp/gen/Dockerfile']);
  const inputEnv = {
    exists: (p: string) => files.has(p),
    isDirectory: (p: string) => files.has(p) && !p.endsWith('Dockerfile'),
    env: {GITHUB_WORKSPACE: '/w/repo'},
    arch: 'x64'
  };
  it('takes a local directory anywhere, the checkout or files an earlier step made under RUNNER_TEMP', () => {
    expect(() => checkContext('/w/repo', '', inputEnv)).not.toThrow();
    expect(() => checkContext('/runner/temp/gen', '/runner/temp/gen/Dockerfile', inputEnv)).not.toThrow();
    expect(() => checkContext('https://github.com/o/r.git#main', '', inputEnv)).not.toThrow();
  });
  it('refuses a context that is not a directory or has no Dockerfile', () => {
    expect(() => checkContext('/nowhere', '', inputEnv)).toThrow('Input context: /nowhere is not a directory');
    expect(() => checkContext('/w/repo', '/w/repo/Nope', inputEnv)).toThrow('Input file: /w/repo/Nope does not exist');
  });
});
