import {afterEach, describe, expect, it, jest} from '@jest/globals';
import {Docker} from '../../../src/docker/cli.js';
import {Exec, type RunResult} from '../../../src/docker/exec.js';
import {fitImageStore} from '../../../src/modes/image-store.js';
import {configOf, fixture} from '../../helpers.js';

const docker = new Docker({retries: 0, backoffMs: 1});
const CLASSIC = fixture('docker-28.5-info-driverstatus-classic.json');
const CONTAINERD = fixture('docker-28.5-info-driverstatus-containerd.json');
const ok = (stdout: string): RunResult => ({exitCode: 0, stdout, stderr: ''});
const push = {tags: 'localhost:5000/o/a:1', push: 'true'};

afterEach(() => {
  jest.restoreAllMocks();
});

describe('fitImageStore', () => {
  it('reads nothing where the store does not matter (a docker-container builder, one platform loaded)', async () => {
    const once = jest.spyOn(Exec, 'once');
    const config = configOf({...push, platforms: 'linux/amd64,linux/arm64'});
    await expect(fitImageStore(docker, config)).resolves.toBe(config);
    await fitImageStore(docker, configOf({platforms: 'linux/amd64', tags: 'a:1', load: 'true'}));
    expect(once).not.toHaveBeenCalled();
  });
  it('the containerd store allows driver docker with platforms and a cache, and a multi-platform load', async () => {
    jest.spyOn(Exec, 'once').mockResolvedValue(ok(CONTAINERD));
    const engine = configOf({...push, platforms: 'linux/amd64,linux/arm64', driver: 'docker', cache: 'registry'});
    await expect(fitImageStore(docker, engine)).resolves.toBe(engine);
    const load = configOf({platforms: 'linux/amd64,linux/arm64', tags: 'a:1', load: 'true'});
    await expect(fitImageStore(docker, load)).resolves.toBe(load);
  });
  it('the classic store: driver docker with two platforms, a cache export, or a two-platform load fail naming the fix', async () => {
    jest.spyOn(Exec, 'once').mockResolvedValue(ok(CLASSIC));
    await expect(
      fitImageStore(docker, configOf({...push, platforms: 'linux/amd64,linux/arm64', driver: 'docker'}))
    ).rejects.toThrow(
      "Input driver docker builds one platform on the classic image store (this engine's), not 2 platforms (linux/amd64, linux/arm64): use driver: docker-container, or turn on the containerd image store"
    );
    const caches: Record<string, string>[] = [
      {cache: 'gha'},
      {cache: 'registry'},
      {cache: 'local'},
      {'cache-to': 'type=registry,ref=localhost:5000/o/a:cache'}
    ];
    for (const cache of caches) {
      const env = {ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'http://cache/'};
      await expect(
        fitImageStore(docker, configOf({...push, platforms: 'linux/amd64', driver: 'docker', ...cache}, {env}))
      ).rejects.toThrow(/^Input driver docker exports no cache on the classic image store/);
    }
    await expect(
      fitImageStore(docker, configOf({platforms: 'linux/amd64,linux/arm64', tags: 'a:1', load: 'true'}))
    ).rejects.toThrow(
      'Input load with 2 platforms (linux/amd64, linux/arm64) needs the containerd image store, and this engine has the classic one (one platform per tag): push instead, load one platform, or turn on the containerd image store'
    );
  });
  it('the classic store, cache auto where the service is: none, logged with the reason; inline stays', async () => {
    jest.spyOn(Exec, 'once').mockResolvedValue(ok(CLASSIC));
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const env = {ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'http://cache/'};
    const auto = configOf({...push, platforms: 'linux/amd64', driver: 'docker'}, {env});
    expect(auto.cache.backend).toBe('gha');
    const fitted = await fitImageStore(docker, auto);
    expect(fitted.cache).toEqual({...auto.cache, backend: 'none'});
    expect(write.mock.calls.map(c => String(c[0])).join('')).toContain(
      'Cache: auto → none: driver docker exports no cache on the classic image store (inline would change the image)'
    );
    const inline = configOf({...push, platforms: 'linux/amd64', driver: 'docker', cache: 'inline'});
    await expect(fitImageStore(docker, inline)).resolves.toBe(inline);
  });
});
