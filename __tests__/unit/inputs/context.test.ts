import {describe, expect, it} from '@jest/globals';
import {resolveContext} from '../../../src/inputs/context.js';

describe('the default context', () => {
  const run = {GITHUB_WORKSPACE: '/w', GITHUB_REPOSITORY: 'owner/app', GITHUB_REF: 'refs/heads/main'};
  const at = (files: string[], env: Record<string, string> = run) => ({
    exists: (p: string) => files.includes(p),
    isDirectory: () => true,
    env,
    arch: 'x64'
  });
  it("is the commit's Git context where the workspace holds no checkout (build-push-action's default)", () => {
    expect(resolveContext('.', '', at([]))).toBe('https://github.com/owner/app.git#refs/heads/main');
    expect(resolveContext('.', '', at([], {...run, GITHUB_SERVER_URL: 'https://ghes.example.test/'}))).toBe(
      'https://ghes.example.test/owner/app.git#refs/heads/main'
    );
  });
  it('stays . with a checkout, a Dockerfile at hand, a file given, a context given, or off a runner', () => {
    expect(resolveContext('.', '', at(['/w/.git']))).toBe('.');
    expect(resolveContext('.', '', at(['Dockerfile']))).toBe('.');
    expect(resolveContext('.', 'gen/Dockerfile', at([]))).toBe('.');
    expect(resolveContext('app', '', at([]))).toBe('app');
    expect(resolveContext('.', '', at([], {}))).toBe('.');
  });
  it('{{ defaultContext }} is that Git context even with a checkout, and {{ defaultContext }}:subdir a folder of it', () => {
    expect(resolveContext('{{ defaultContext }}', '', at(['/w/.git']))).toBe(
      'https://github.com/owner/app.git#refs/heads/main'
    );
    expect(resolveContext('{{defaultContext}}:docker/app', '', at(['/w/.git']))).toBe(
      'https://github.com/owner/app.git#refs/heads/main:docker/app'
    );
  });
});
