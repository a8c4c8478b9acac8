import {describe, expect, it} from '@jest/globals';
import {configOf} from '../../helpers.js';

const workspace = {
  GITHUB_WORKSPACE: '/w',
  GITHUB_REPOSITORY: 'o/r',
  GITHUB_REF: 'refs/tags/v1',
  GITHUB_SERVER_URL: 'https://github.com'
};

describe('bake mode inputs', () => {
  it('reads files, targets and set (newlines only: an override holds commas)', () => {
    const c = configOf({
      mode: 'bake',
      files: 'a.hcl,b.hcl',
      targets: 'app\ntool',
      set: '*.platform=linux/amd64,linux/arm64'
    });
    expect(c.bake).toEqual({
      given: true,
      source: '',
      files: ['a.hcl', 'b.hcl'],
      workdir: '.',
      targets: ['app', 'tool'],
      set: ['*.platform=linux/amd64,linux/arm64']
    });
  });
  it("builds the local definition where one is at hand, else the commit's Git context, as the build mode's context", () => {
    const local = configOf({mode: 'bake'}, {env: workspace, exists: p => p === './docker-bake.hcl'});
    expect(local.bake.source).toBe('');
    const none = configOf({mode: 'bake'}, {env: workspace, exists: () => false});
    expect(none.bake.source).toBe('https://github.com/o/r.git#refs/tags/v1');
    const named = configOf({mode: 'bake', source: '{{defaultContext}}'}, {env: workspace});
    expect(named.bake.source).toBe('https://github.com/o/r.git#refs/tags/v1');
    expect(configOf({mode: 'bake', source: '.'}, {env: workspace}).bake.source).toBe('');
  });
  it('refuses, before anything runs, what the definition says itself, and the caches bake mode cannot scope', () => {
    expect(() => configOf({mode: 'bake', platforms: 'linux/amd64'})).toThrow(
      'Input platforms is for the build modes: with a bake definition the definition names them; override with set: *.platform=…'
    );
    expect(() => configOf({mode: 'bake', tags: 'r/a:1'})).toThrow('override with set: *.tags=…');
    expect(() =>
      configOf({mode: 'bake', cache: 'local'}, {env: {ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'http://c/'}})
    ).toThrow('Input cache: local is not available with a bake definition');
    expect(() => configOf({mode: 'bake', workdir: 'nope'}, {isDirectory: () => false})).toThrow(
      'Input workdir: nope is not a directory'
    );
  });

  it('reads a definition in the matrix modes where its inputs are given, and checks the leg before anything runs', () => {
    expect(configOf({mode: 'plan', files: 'docker-bake.hcl'}).bake.given).toBe(true);
    expect(configOf({mode: 'plan', platforms: 'linux/amd64'}).bake.given).toBe(false);
    const leg = configOf({mode: 'platform', targets: 'app', platforms: 'linux/arm64', handoff: 'registry'});
    expect([leg.bake.given, leg.platforms, leg.push]).toEqual([true, ['linux/arm64'], true]);
    expect(() => configOf({mode: 'platform', targets: 'app', platforms: 'linux/amd64,linux/arm64'})).toThrow(
      'A bake leg (mode platform) builds one platform of one target'
    );
    expect(() => configOf({mode: 'merge', files: 'docker-bake.hcl', handoff: 'none'})).toThrow(
      "A bake merge finds each target's legs by their handoff"
    );
  });
});
