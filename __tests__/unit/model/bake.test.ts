import {describe, expect, it} from '@jest/globals';
import {
  cacheSets,
  isRemoteContext,
  legOf,
  legSets,
  metadataPerTarget,
  parseBakePrint,
  progressOf,
  provenanceSets,
  targetConfig
} from '../../../src/model/bake.js';
import {parseCacheUsage} from '../../../src/docker/progress.js';
import {configOf, fixture} from '../../helpers.js';

const printed = () => parseBakePrint(fixture('buildx-0.29-bake-print-group-matrix.json'));

describe('the bake definition as buildx 0.29 prints it', () => {
  it('reads every target: matrix names, stage, args, tags, platforms (an override with commas split), outputs', () => {
    const targets = printed();
    expect(targets.map(t => t.name)).toEqual(['app', 'm-a', 'm-b', 'tool']);
    const [app, ma, , tool] = targets;
    expect(app).toEqual({
      name: 'app',
      context: '.',
      dockerfile: 'Dockerfile',
      stage: 'app',
      args: {A: 'x'},
      labels: {'org.x': 'y'},
      tags: ['localhost:5000/fx/app:1'],
      platforms: ['linux/amd64', 'linux/s390x'],
      pushes: false,
      ownCacheFrom: true,
      ownCacheTo: false,
      ownAttest: true
    });
    expect(ma.dockerfileInline).toBe('FROM scratch\n');
    expect(ma.platforms).toEqual([]);
    expect(tool).toEqual(expect.objectContaining({platforms: ['linux/arm/v7'], pushes: true, ownAttest: false}));
  });
  it("reads buildx 0.13's CSV strings as the objects of later releases", () => {
    const [t] = parseBakePrint(
      JSON.stringify({
        target: {a: {output: ['type=registry'], 'cache-to': ['type=gha,mode=max'], platforms: ['linux/arm64']}}
      })
    );
    expect(t).toEqual(
      expect.objectContaining({pushes: true, ownCacheTo: true, ownCacheFrom: false, platforms: ['linux/arm64']})
    );
  });
  it('refuses a print with no target, and skips the progress lines before the JSON', () => {
    expect(() => parseBakePrint('#1 [internal] load local bake definitions\n{"group": {}}')).toThrow(
      'The bake definition has no target to build'
    );
  });
});

describe('what each target gets of the build mode', () => {
  const base = configOf({mode: 'bake', workdir: 'repo', push: 'true'});
  it('its context and Dockerfile from the working directory, its stage, args, tags and platforms', () => {
    const [app, ma] = printed();
    const c = targetConfig(base, app, 'linux/amd64');
    expect(c).toEqual(
      expect.objectContaining({
        context: 'repo',
        file: 'repo/Dockerfile',
        target: 'app',
        buildArgs: ['A=x'],
        labels: ['org.x=y'],
        tags: ['localhost:5000/fx/app:1'],
        platforms: ['linux/amd64', 'linux/s390x'],
        platformsGiven: true,
        push: true
      })
    );
    // no platforms: the builder's default, the runner's own
    expect(targetConfig(base, ma, 'linux/arm64')).toEqual(
      expect.objectContaining({platforms: ['linux/arm64'], platformsGiven: false})
    );
  });
  it('a cwd:// context from the step, a remote one with no Dockerfile to read', () => {
    const [app] = printed();
    expect(targetConfig(base, {...app, context: 'cwd://sub'}, 'linux/amd64').file).toBe('sub/Dockerfile');
    const remote = targetConfig(base, {...app, context: 'https://example.invalid/o/r.git#main'}, 'linux/amd64');
    expect(remote.file).toBe('');
    expect(isRemoteContext('git@example.invalid:o/r.git')).toBe(true);
    expect(isRemoteContext('./sub')).toBe(false);
  });
  it('the generated cache only in the directions a target names none of its own', () => {
    const [app, , , tool] = printed();
    const specs = {from: ['type=gha,scope=x'], to: ['type=gha,scope=x,mode=max']};
    expect(cacheSets(app, specs)).toEqual(['app.cache-to=type=gha,scope=x,mode=max']);
    expect(cacheSets(tool, specs)).toEqual([
      'tool.cache-from=type=gha,scope=x',
      'tool.cache-to=type=gha,scope=x,mode=max'
    ]);
  });
  it('the default provenance only for targets that ask for no attestation', () => {
    expect(provenanceSets(printed(), 'mode=max')).toEqual([
      'm-a.attest=type=provenance,mode=max',
      'm-b.attest=type=provenance,mode=max',
      'tool.attest=type=provenance,mode=max'
    ]);
    expect(provenanceSets(printed(), '')).toEqual([]);
  });
});

describe("bake's metadata file and progress, per target", () => {
  it('reads each target’s entry of the metadata file', () => {
    const raw = JSON.parse(fixture('buildx-0.29-bake-meta-push.json')) as Record<string, unknown>;
    const per = metadataPerTarget(raw, ['app', 'tool', 'gone']);
    expect([...per.keys()]).toEqual(['app', 'tool']);
    expect(per.get('app')?.['containerimage.digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('counts each target’s cached steps per platform from the one progress record', () => {
    const lines = fixture('buildx-0.29-bake-progress-two-targets-warm.txt').split('\n');
    expect(parseCacheUsage(progressOf(lines, 'app'), ['linux/amd64', 'linux/arm64'])).toEqual(
      new Map([
        ['linux/amd64', {cached: 1, steps: 1}],
        ['linux/arm64', {cached: 1, steps: 1}]
      ])
    );
    expect(parseCacheUsage(progressOf(lines, 'tool'), ['linux/arm/v7'])).toEqual(
      new Map([['linux/arm/v7', {cached: 1, steps: 1}]])
    );
  });
});

describe('a bake leg (mode platform)', () => {
  const leg = configOf({mode: 'platform', targets: 'tool', platforms: 'linux/arm/v7', handoff: 'registry'});
  const plannedOf = (names: string[]) =>
    printed()
      .filter(t => names.includes(t.name))
      .map(target => ({target, config: targetConfig(leg, target, 'linux/amd64')}));
  it("builds the one target for the leg's one platform", () => {
    const [only] = legOf(plannedOf(['tool']), leg);
    expect([only.target.name, only.config.platforms, only.config.platformsGiven]).toEqual([
      'tool',
      ['linux/arm/v7'],
      true
    ]);
  });
  it('refuses, before any build, a leg of several targets or of a target without tags', () => {
    expect(() => legOf(plannedOf(['app', 'tool']), leg)).toThrow(
      'A bake leg builds one target, and the definition gives 2 (app, tool): set targets: ${{ matrix.target }}'
    );
    const [m] = plannedOf(['m-a']);
    expect(() => legOf([{...m, target: {...m.target, tags: []}}], leg)).toThrow('Target m-a has no tags');
  });
  it("overrides the target's platform, its tags with the output's names, and its output", () => {
    const [tool] = printed().slice(3);
    expect(
      legSets(tool, 'linux/arm/v7', {spec: 'type=image,"name=r/t",push-by-digest=true,push=true', refs: ['r/t']})
    ).toEqual([
      'tool.platform=linux/arm/v7',
      'tool.tags=r/t',
      'tool.output=type=image,"name=r/t",push-by-digest=true,push=true'
    ]);
    expect(legSets(tool, 'linux/arm/v7')).toEqual(['tool.platform=linux/arm/v7']);
  });
});
