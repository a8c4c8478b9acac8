import {describe, expect, it} from '@jest/globals';
import {buildArgs, outputArgs, parseMetadata, secretArg} from '../../../src/docker/build.js';
import {refsToVerify} from '../../../src/model/legs.js';
import {configOf, fixture} from '../../helpers.js';
const paths = {builder: 'xbuild-1', metadataFile: '/t/metadata.json', secretFiles: {TOKEN: '/t/secret-1'}};

const d = (c: string): string => `sha256:${c.repeat(64)}`;

describe('docker buildx build argv', () => {
  it('builds a tagged multi-platform push', () => {
    const c = configOf({
      platforms: 'linux/amd64,linux/arm64',
      tags: 'localhost:5000/a:1\nlocalhost:5000/a:latest',
      push: 'true'
    });
    expect(buildArgs(c, paths)).toEqual([
      'buildx',
      'build',
      '--builder',
      'xbuild-1',
      '--platform',
      'linux/amd64,linux/arm64',
      '--tag',
      'localhost:5000/a:1',
      '--tag',
      'localhost:5000/a:latest',
      '--push',
      '--progress',
      'plain',
      '--metadata-file',
      '/t/metadata.json',
      '.'
    ]);
  });
  it('passes every build-push-action input in order', () => {
    const c = configOf({
      platforms: 'linux/arm64',
      tags: 'a:1',
      load: 'true',
      file: 'ctx/Dockerfile',
      context: 'ctx',
      target: 'final',
      'build-args': 'V=1',
      labels: 'l=1',
      annotations: 'index:a=b',
      secrets: 'TOKEN=x',
      'secret-envs': 'E=HOME',
      ssh: 'default\ngit=/root/.ssh/id_ed25519',
      'cache-from': 'type=registry,ref=r:c',
      'cache-to': 'type=registry,ref=r:c,mode=max',
      provenance: 'mode=max',
      sbom: 'false',
      'no-cache': 'true',
      pull: 'true'
    });
    expect(buildArgs(c, paths)).toEqual([
      'buildx',
      'build',
      '--builder',
      'xbuild-1',
      '--platform',
      'linux/arm64',
      '--file',
      'ctx/Dockerfile',
      '--target',
      'final',
      '--build-arg',
      'V=1',
      '--label',
      'l=1',
      '--annotation',
      'index:a=b',
      '--tag',
      'a:1',
      '--secret',
      'id=TOKEN,src=/t/secret-1',
      '--secret',
      'id=E,env=HOME',
      '--ssh',
      'default',
      '--ssh',
      'git=/root/.ssh/id_ed25519',
      '--cache-from',
      'type=registry,ref=r:c',
      '--cache-to',
      'type=registry,ref=r:c,mode=max',
      '--provenance=mode=max',
      '--sbom=false',
      '--no-cache',
      '--pull',
      '--load',
      '--progress',
      'plain',
      '--metadata-file',
      '/t/metadata.json',
      'ctx'
    ]);
  });
  it("passes build-push-action's pass-through inputs, and the default provenance after the inputs' attestations", () => {
    const c = configOf({
      platforms: 'linux/amd64',
      tags: 'a:1',
      push: 'true',
      'add-hosts': 'docker:10.0.0.1',
      allow: 'network.host,security.insecure',
      'build-contexts': 'extra=../other',
      call: 'check',
      'cgroup-parent': 'ci',
      network: 'host',
      'no-cache-filters': 'build',
      'shm-size': '1g',
      ulimit: 'nofile=1024:1024',
      sbom: 'true',
      attests: 'type=sbom,generator=x\ntype=provenance,mode=min\ntype=custom'
    });
    const argv = buildArgs(c, {
      ...paths,
      defaultProvenance: 'mode=max,builder-id=https://h/o/r/actions/runs/1/attempts/1'
    });
    expect(argv.slice(argv.indexOf('a:1') + 1, argv.indexOf('--push'))).toEqual([
      '--add-host',
      'docker:10.0.0.1',
      '--allow',
      'network.host',
      '--allow',
      'security.insecure',
      '--build-context',
      'extra=../other',
      '--call',
      'check',
      '--cgroup-parent',
      'ci',
      '--network',
      'host',
      '--no-cache-filter',
      'build',
      '--shm-size',
      '1g',
      '--ulimit',
      'nofile=1024:1024',
      '--sbom=true',
      '--attest',
      'type=provenance,mode=max,builder-id=https://h/o/r/actions/runs/1/attempts/1',
      '--attest',
      'type=provenance,mode=min',
      '--attest',
      'type=custom'
    ]);
  });
  it('leaves --platform out when no platforms were given, as build-push-action does', () => {
    const argv = buildArgs(configOf({platforms: '', tags: 'a:1', load: 'true'}), paths);
    expect(argv).not.toContain('--platform');
    expect(argv.slice(0, 4)).toEqual(['buildx', 'build', '--builder', 'xbuild-1']);
  });
  it('raw cache-from or cache-to replace the generated cache in both directions', () => {
    const cache = {from: ['type=gha,scope=s'], to: ['type=gha,scope=s,mode=max']};
    const raw = buildArgs(configOf({platforms: 'linux/amd64', 'cache-from': 'type=registry,ref=r:c'}), {
      ...paths,
      cache
    });
    expect(raw.filter(a => a.startsWith('type='))).toEqual(['type=registry,ref=r:c']);
    const generated = buildArgs(configOf({platforms: 'linux/amd64'}), {...paths, cache});
    expect(generated.filter(a => a.startsWith('type='))).toEqual(['type=gha,scope=s', 'type=gha,scope=s,mode=max']);
  });
  it('passes push beside an image output, as build-push-action does (buildx sets push on it)', () => {
    const recipe = 'type=image,name=localhost:5000/app,push-by-digest=true,name-canonical=true,push=true';
    const c = configOf({platforms: 'linux/amd64', push: 'true', outputs: recipe});
    expect(outputArgs(c)).toEqual(['--output', recipe, '--push']);
    expect(refsToVerify(c, 'sha256:abc')).toEqual(['localhost:5000/app@sha256:abc']);
    const tagged = configOf({platforms: 'linux/amd64', push: 'true', outputs: 'type=registry,"name=r/a:1,r/a:2"'});
    expect(refsToVerify(tagged, 'sha256:abc')).toEqual(['r/a:1', 'r/a:2']);
  });
  it('a leg with push: false builds with no output', () => {
    const leg = configOf({
      mode: 'platform',
      platforms: 'linux/arm64',
      tags: 'r/a:1',
      handoff: 'registry',
      push: 'false'
    });
    expect(outputArgs(leg)).toEqual([]);
    expect(buildArgs(leg, paths)).not.toContain('--tag');
  });
  it('pushes images by digest as one quoted CSV name', () => {
    const c = configOf({platforms: 'linux/amd64', images: 'localhost:5000/a,localhost:5000/b', push: 'true'});
    expect(outputArgs(c)).toEqual([
      '--output',
      'type=image,"name=localhost:5000/a,localhost:5000/b",push-by-digest=true,name-canonical=true,push=true'
    ]);
    expect(buildArgs(c, paths)).not.toContain('--tag');
    expect(refsToVerify(c, 'sha256:abc')).toEqual(['localhost:5000/a@sha256:abc', 'localhost:5000/b@sha256:abc']);
  });
  it('passes raw outputs instead of push/load', () => {
    expect(outputArgs(configOf({platforms: 'linux/amd64', outputs: 'type=local,dest=out'}))).toEqual([
      '--output',
      'type=local,dest=out'
    ]);
    expect(outputArgs(configOf({platforms: 'linux/amd64'}))).toEqual([]);
  });
  it('names secrets by file or env, never by value', () => {
    expect(secretArg({id: 'K', kind: 'file', path: '/k.pem'}, {})).toBe('id=K,src=/k.pem');
    expect(secretArg({id: 'T', kind: 'value', value: 'hunter2'}, {T: '/t/s'})).toBe('id=T,src=/t/s');
  });
});

describe('platform legs', () => {
  const leg = {mode: 'platform', platforms: 'linux/arm64', tags: 'localhost:5000/app:1,localhost:5000/app:latest'};
  it('pushes to the handoff tags with OCI media types', () => {
    const c = configOf(leg);
    expect(outputArgs(c)).toEqual([
      '--output',
      'type=image,"name=localhost:5000/app:1-linux-arm64,localhost:5000/app:latest-linux-arm64",oci-mediatypes=true,push=true'
    ]);
    expect(buildArgs(c, {builder: 'b', metadataFile: '/m', secretFiles: {}})).not.toContain('--tag');
    expect(refsToVerify(c, d('a'))).toEqual([
      'localhost:5000/app:1-linux-arm64',
      'localhost:5000/app:latest-linux-arm64'
    ]);
  });
  it('pushes by digest to the tags names without handoff', () => {
    const c = configOf({...leg, handoff: 'none'});
    expect(outputArgs(c)).toEqual([
      '--output',
      'type=image,"name=localhost:5000/app",push-by-digest=true,name-canonical=true,oci-mediatypes=true,push=true'
    ]);
    expect(refsToVerify(c, d('a'))).toEqual([`localhost:5000/app@${d('a')}`]);
  });
});

describe('parseMetadata (--metadata-file)', () => {
  it('reads a pushed index', () => {
    const m = parseMetadata(fixture('buildx-0.13-meta-push.json'));
    expect(m.digest).toBe('sha256:e9a898fa63f8be414df27bbf0452d89371741a1e61c05a107555dc59863a9274');
    expect(m.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(m.imageNames).toEqual(['localhost:5000/fx/demo:1', 'localhost:5000/fx/demo:latest']);
    // as buildx's --iidfile: an index has no config, its own digest is the id
    expect(m.imageId).toBe(m.digest);
  });
  it('reads a single-platform build with its config digest', () => {
    const m = parseMetadata(fixture('buildx-0.13-meta-single.json'));
    expect(m.imageId).toBe('sha256:26195a3ced2be6f999127bf66bfa4ea0904f74a307f9bfb16dee6a226e048fdc');
    expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  });
  it('reads a push by digest to two names', () => {
    const m = parseMetadata(fixture('buildx-0.13-meta-bydigest.json'));
    expect(m.imageNames).toEqual(['localhost:5000/fx/a', 'localhost:5000/fx/b']);
    expect(m.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('reads the docker driver and the load output', () => {
    expect(parseMetadata(fixture('buildx-0.13-meta-docker-driver.json')).buildRef).toMatch(/^default\/default\//);
    expect(parseMetadata(fixture('buildx-0.13-meta-load.json')).digest).toBe(
      'sha256:24fce996c99138150da2c9128e0685130db9d2514c6de694b27bd6f6476ecd21'
    );
  });
});
