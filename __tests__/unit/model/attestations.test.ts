import {describe, expect, it} from '@jest/globals';
import {attestArgs, defaultProvenance, withBuilderId} from '../../../src/model/attestations.js';
import {configOf} from '../../helpers.js';

const RUN = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'owner/app',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '2'
};
const run = (over: Partial<Parameters<typeof defaultProvenance>[1]> = {}) => ({
  env: RUN,
  repositoryPrivate: false,
  buildkitOlderThan011: false,
  ...over
});
const push = {platforms: 'linux/amd64', tags: 'r/a:1', push: 'true'};

describe("build-push-action's default provenance", () => {
  it('public (or no repository in the event): mode=max with the run as builder id', () => {
    expect(defaultProvenance(configOf(push), run())).toBe(
      'mode=max,builder-id=https://github.com/owner/app/actions/runs/42/attempts/2'
    );
    expect(defaultProvenance(configOf(push), run({env: {}}))).toBe('mode=max');
  });
  it('private: mode=min,inline-only=true', () => {
    expect(defaultProvenance(configOf(push), run({repositoryPrivate: true}))).toMatch(
      /^mode=min,inline-only=true,builder-id=/
    );
  });
  it('none when asked for (provenance or attests), loaded, on the engine builder, too old a BuildKit, or call', () => {
    expect(defaultProvenance(configOf({...push, provenance: 'false'}), run())).toBe('');
    expect(defaultProvenance(configOf({...push, attests: 'type=provenance,mode=min'}), run())).toBe('');
    expect(defaultProvenance(configOf({platforms: 'linux/amd64', tags: 'r/a:1', load: 'true'}), run())).toBe('');
    expect(defaultProvenance(configOf({...push, push: 'false', outputs: 'type=docker'}), run())).toBe('');
    expect(defaultProvenance(configOf({...push, driver: 'docker'}), run())).toBe('');
    expect(defaultProvenance(configOf(push), run({buildkitOlderThan011: true}))).toBe('');
    expect(defaultProvenance(configOf({...push, call: 'check'}), run())).toBe('');
  });
});

describe("the run's builder id on every provenance asked for, as build-push-action adds it", () => {
  const id = 'https://github.com/owner/app/actions/runs/42/attempts/2';
  it('provenance: true becomes the builder id; attributes get it where they name none; false and empty stay', () => {
    expect(withBuilderId('true', id)).toBe(`builder-id=${id}`);
    expect(withBuilderId('mode=max', id)).toBe(`mode=max,builder-id=${id}`);
    expect(withBuilderId('mode=max,builder-id=mine', id)).toBe('mode=max,builder-id=mine');
    expect(withBuilderId('false', id)).toBe('false');
    expect(withBuilderId('', id)).toBe('');
    expect(withBuilderId('true', '')).toBe('true');
  });
  it('an attests entry of type provenance gets it too; others and a disabled one stay as given', () => {
    const c = configOf({...push, attests: 'type=provenance,mode=max\ntype=sbom\ntype=provenance,disabled=true'});
    expect(attestArgs(c, '', id)).toEqual([
      '--attest',
      `type=provenance,mode=max,builder-id=${id}`,
      '--attest',
      'type=sbom',
      '--attest',
      'type=provenance,disabled=true'
    ]);
  });
});
