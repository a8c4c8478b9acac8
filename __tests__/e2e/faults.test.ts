import {beforeAll, describe, expect, it, jest} from '@jest/globals';
import {startFaultProxy} from './fault-proxy.js';
import {BASE, context, LAB_BUILDKIT, registryManifest, platformsOf, requireLab, runAction, uid} from './harness.js';

jest.setTimeout(300_000);
beforeAll(requireLab);

const DOCKERFILE = `FROM ${BASE}\nRUN uname -m > /arch\n`;
const MANIFEST_PUT = /\/manifests\//;
const builds = (calls: string[][]): number => calls.filter(c => c[1] === 'build').length;

describe('a flaky registry (fault-injecting proxy in front of the lab registry)', () => {
  it('a) 503s on manifest pushes: the push is built again from cache and the index ends complete', async () => {
    // BuildKit itself tries a manifest PUT 4 times; 5 faults make its first push fail for good
    const proxy = await startFaultProxy([{method: 'PUT', path: MANIFEST_PUT, status: 503, times: 5}]);
    try {
      const repo = `e2e/flaky-${uid()}`;
      const run = await runAction({
        platforms: 'linux/amd64,linux/arm64',
        context: context(DOCKERFILE),
        tags: `${proxy.host}/${repo}:1`,
        push: 'true',
        'retry-backoff': '0.5',
        'buildkit-image': LAB_BUILDKIT
      });
      expect(run.main.code).toBe(0);
      expect(run.main.log).toMatch(
        /::warning::Push failed on a registry error that passes \(.*503 Service Unavailable\); building again from cache in [\d.]+ s, retry 1\/3/
      );
      expect(proxy.faults.length).toBe(5);
      expect(builds(run.dockerCalls)).toBe(2);
      // the registry itself, not the proxy, holds the complete index at the digest the step reported
      const index = await registryManifest(repo, '1');
      expect(index.digest).toBe(run.outputs.digest);
      expect(platformsOf(index.body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
    } finally {
      await proxy.close();
    }
  });

  it('c) the registry goes down for good mid-push: the step fails clearly, no tag exists, post cleans up', async () => {
    // the blobs and the first manifest go through, then the registry is gone for good
    const proxy = await startFaultProxy([], {downAfter: /^PUT .*\/manifests\//});
    try {
      const repo = `e2e/down-${uid()}`;
      const run = await runAction({
        platforms: 'linux/amd64,linux/arm64',
        context: context(DOCKERFILE),
        tags: `${proxy.host}/${repo}:1`,
        push: 'true',
        retries: '1',
        'retry-backoff': '0.5',
        'buildkit-image': LAB_BUILDKIT
      });
      expect(run.main.code).toBe(1);
      expect(run.main.log).toMatch(
        /::error::Build failed: .*503 Service Unavailable \(the registry kept failing after 2 attempts: check its status, or raise retries\)/
      );
      expect(builds(run.dockerCalls)).toBe(2);
      expect((await registryManifest(repo, '1')).status).toBe(404);
      expect(run.post.log).toMatch(/Removed builder xbuild-[0-9a-f]{8}/);
      expect(proxy.faults.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('e) an auth failure fails at once with the credential hint, with no retry', async () => {
    const proxy = await startFaultProxy([
      {method: 'PUT', path: MANIFEST_PUT, status: 401, headers: {'www-authenticate': 'Basic realm="lab"'}}
    ]);
    try {
      const run = await runAction({
        platforms: 'linux/amd64',
        context: context(DOCKERFILE),
        tags: `${proxy.host}/e2e/auth-${uid()}:1`,
        push: 'true',
        'buildkit-image': LAB_BUILDKIT
      });
      expect(run.main.code).toBe(1);
      expect(run.main.log).toMatch(
        /::error::Build failed: .*\(the registry refused the credentials: log in .* before this step, with push rights\)/
      );
      expect(builds(run.dockerCalls)).toBe(1);
      expect(run.main.log).not.toContain('building again');
    } finally {
      await proxy.close();
    }
  });
});
