import {describe, expect, it} from '@jest/globals';
import {bakeArgs, bakeEnv, bakePrintArgs} from '../../../src/docker/bake.js';
import {configOf} from '../../helpers.js';

const run = {
  builder: 'xbuild-1',
  metadataFile: '/t/bake-metadata.json',
  sets: ['app.cache-to=type=gha,scope=a,mode=max']
};

describe('docker buildx bake argv', () => {
  it('resolves the definition with the files, the overrides and the targets, as the build will', () => {
    const c = configOf({
      mode: 'bake',
      files: './docker-bake.hcl\ncwd:///tmp/meta/docker-metadata-action-bake.json',
      targets: 'app,tool',
      set: '*.platform=linux/amd64,linux/arm64\napp.tags=r/a:1'
    });
    expect(bakePrintArgs(c.bake)).toEqual([
      'buildx',
      'bake',
      '--file',
      './docker-bake.hcl',
      '--file',
      'cwd:///tmp/meta/docker-metadata-action-bake.json',
      '--set',
      '*.platform=linux/amd64,linux/arm64',
      '--set',
      'app.tags=r/a:1',
      '--print',
      'app',
      'tool'
    ]);
  });
  it("builds with bake-action's inputs in its order, the generated overrides after the user's", () => {
    const c = configOf({
      mode: 'bake',
      source: 'https://example.invalid/o/r.git#v1',
      set: 'app.args.X=1',
      targets: 'app',
      provenance: 'mode=max',
      sbom: 'true',
      allow: 'network.host',
      'no-cache': 'true',
      pull: 'true',
      push: 'true'
    });
    expect(bakeArgs(c, run)).toEqual([
      'buildx',
      'bake',
      '--builder',
      'xbuild-1',
      'https://example.invalid/o/r.git#v1',
      '--set',
      'app.args.X=1',
      '--set',
      'app.cache-to=type=gha,scope=a,mode=max',
      '--provenance=mode=max',
      '--sbom=true',
      '--allow',
      'network.host',
      '--no-cache',
      '--pull',
      '--push',
      '--progress',
      'plain',
      '--metadata-file',
      '/t/bake-metadata.json',
      'app'
    ]);
  });
  it('gives bake the token for a remote definition on the repository’s own server only', () => {
    const own = configOf({mode: 'bake', source: 'https://github.com/o/r.git#main', 'github-token': 'ghs_x'});
    expect(bakeEnv(own, {})).toEqual({BUILDX_BAKE_GIT_AUTH_TOKEN: 'ghs_x'});
    const other = configOf({mode: 'bake', source: 'https://example.invalid/o/r.git', 'github-token': 'ghs_x'});
    expect(bakeEnv(other, {})).toEqual({});
  });
});
