import {describe, expect, it} from '@jest/globals';
import {cacheConfigOf, fixture} from '../../helpers.js';
import {parseBuildxInspect} from '../../../src/docker/builder.js';
import {
  checkBuildkitFor,
  checkNodesBuildkitFor,
  chooseBuildx,
  fallbackCache,
  PINNED_BUILDX,
  requiredVersions,
  versionAtLeast
} from '../../../src/model/versions.js';

describe('version gates', () => {
  it.each([
    ['0.13.1+ds1', '0.21.0', false],
    ['0.21.0', '0.21.0', true],
    ['v0.36.0', '0.21.0', true],
    ['1.0', '0.21.0', true],
    ['dev', '0.21.0', undefined]
  ])('%s ≥ %s: %s', (v, min, ok) => expect(versionAtLeast(v, min)).toBe(ok));
  it('only the gha cache API v2 needs newer tools', () => {
    expect(requiredVersions(cacheConfigOf({backend: 'gha', ghaApi: 2}))).toEqual({
      buildx: '0.21.0',
      buildkit: '0.20.0'
    });
    expect(requiredVersions(cacheConfigOf({backend: 'gha', ghaApi: 1}))).toBeUndefined();
    expect(requiredVersions(cacheConfigOf({backend: 'registry', ghaApi: 2}))).toBeUndefined();
  });
  it('chooses: installed when new enough, the pinned release when gha v2 asks for more, an explicit release', () => {
    const v2 = cacheConfigOf({backend: 'gha', requested: 'gha', ghaApi: 2});
    expect(chooseBuildx('0.13.1+ds1', 'auto', cacheConfigOf({}))).toEqual({action: 'use-installed'});
    expect(chooseBuildx('0.25.0', 'auto', v2)).toEqual({action: 'use-installed'});
    expect(chooseBuildx('0.13.1+ds1', 'auto', v2)).toEqual({action: 'install', version: PINNED_BUILDX});
    expect(chooseBuildx('0.13.1+ds1', '0.13.1+ds1', cacheConfigOf({}))).toEqual({action: 'use-installed'});
    expect(chooseBuildx('0.13.1+ds1', '0.36.0', cacheConfigOf({}))).toEqual({action: 'install', version: '0.36.0'});
  });
  it('an auto gha cache on an old buildx falls back to none (never to the registry unasked); an explicit one does not', () => {
    const auto = cacheConfigOf({backend: 'gha', requested: 'auto', ghaApi: 2});
    expect(fallbackCache(auto, '0.13.1')?.backend).toBe('none');
    expect(fallbackCache(auto, '0.30.0')).toBeUndefined();
    expect(fallbackCache({...auto, requested: 'gha'}, '0.13.1')).toBeUndefined();
    expect(fallbackCache({...auto, ghaApi: 1}, '0.13.1')).toBeUndefined();
  });
  it('names the BuildKit version a pinned buildkit-image lacks for gha v2', () => {
    const v2 = cacheConfigOf({backend: 'gha', requested: 'gha', ghaApi: 2});
    expect(checkBuildkitFor(v2, 'moby/buildkit:v0.19.0')).toContain(
      'needs BuildKit 0.20.0 or newer, and buildkit-image is moby/buildkit:v0.19.0'
    );
    expect(checkBuildkitFor(v2, 'moby/buildkit:v0.29.0')).toBe('');
    expect(checkBuildkitFor(v2, 'moby/buildkit:buildx-stable-1')).toBe('');
    expect(checkBuildkitFor(cacheConfigOf({}), 'moby/buildkit:v0.10.0')).toBe('');
  });
  it("reads the BuildKit of a builder it did not create (the engine's, an input builder) from buildx inspect", () => {
    const v2 = cacheConfigOf({backend: 'gha', requested: 'gha', ghaApi: 2});
    const engine = parseBuildxInspect(fixture('buildx-0.13-inspect-docker.txt'));
    // Debian's engine reports v0.0.0+unknown: not known to be too old
    expect(checkNodesBuildkitFor(v2, engine)).toBe('');
    const at = (version: string) => ({...engine, nodes: engine.nodes.map(n => ({...n, buildkitVersion: version}))});
    expect(checkNodesBuildkitFor(v2, at('v0.13.2'))).toBe(
      'The GitHub cache service v2 needs BuildKit 0.20.0 or newer, and on builder default default runs BuildKit v0.13.2: update that engine or builder, use driver docker-container (it runs buildkit-image), or use cache: registry'
    );
    expect(checkNodesBuildkitFor(v2, at('v0.20.1'))).toBe('');
    expect(checkNodesBuildkitFor(cacheConfigOf({backend: 'gha', ghaApi: 1}), at('v0.13.2'))).toBe('');
    const container = parseBuildxInspect(fixture('buildx-0.13-inspect-docker-container.txt'));
    expect(container.nodes[0].buildkitVersion).toMatch(/^v0\.13/);
    expect(checkNodesBuildkitFor(v2, container)).toContain(`${container.nodes[0].name} runs BuildKit v0.13`);
  });
});
