import {describe, expect, it} from '@jest/globals';
import {startFaultProxy} from './fault-proxy.js';
import {context, expectMainOk, LAB_BINFMT, LAB_BUILDKIT, runAction, uid, type ActionRun} from './harness.js';
import {BASE, platformsOf, REG, registryManifest} from './registry.js';

const DOCKERFILE = `FROM ${BASE}\nRUN uname -m > /arch\n`;
const MANIFEST_PUT = /\/manifests\//;
const builds = (calls: string[][]): number => calls.filter(c => c[1] === 'build').length;

/** Runs the action on DOCKERFILE for two platforms, pushing `repo:1` to `host` (the proxy or the lab registry). */
function pushTo(host: string, repo: string, over: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    platforms: 'linux/amd64,linux/arm64',
    context: context(DOCKERFILE),
    tags: `${host}/${repo}:1`,
    push: 'true',
    'retry-backoff': '0.5',
    'buildkit-image': LAB_BUILDKIT,
    ...over
  });
}

/** The registry itself, not the proxy, holds the complete index at the digest the step reported. */
async function expectCompleteIndex(repo: string, run: ActionRun): Promise<void> {
  const index = await registryManifest(repo, '1');
  expect(index.digest).toBe(run.outputs.digest);
  expect(platformsOf(index.body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
}

describe('a flaky registry (fault-injecting proxy in front of the lab registry)', () => {
  it('a) 503s on manifest pushes: the push is built again from cache and the index ends complete', async () => {
    // BuildKit 0.25 tries the index's PUT by tag 4 times (backoff 1, 2, 4 s), each try two PUTs (the pusher's own
    // second attempt): 10 faults make its first push fail for good and the rebuild's first try fail once more
    const proxy = await startFaultProxy([{method: 'PUT', path: /\/manifests\/1$/, status: 503, times: 10}]);
    try {
      const repo = `e2e/flaky-${uid()}`;
      const run = await pushTo(proxy.host, repo);
      expectMainOk(run);
      expect(run.main.log).toMatch(
        /::warning::Push failed on a registry error that passes \(.*(503 Service Unavailable|unavailable: injected 503)\); building again from cache in [\d.]+ s, retry 1\/3/
      );
      expect(proxy.faults.length).toBe(10);
      expect(builds(run.dockerCalls)).toBe(2);
      await expectCompleteIndex(repo, run);
    } finally {
      await proxy.close();
    }
  });

  it('push-only credentials: the push goes through, the read-back says so and names verify: false', async () => {
    const proxy = await startFaultProxy([{method: 'GET', path: /\/manifests\//, status: 401}]);
    try {
      const repo = `e2e/pushonly-${uid()}`;
      const run = await pushTo(proxy.host, repo);
      expect(run.main.code).toBe(1);
      expect(run.main.log).toMatch(
        /::error title=Verify could not read back::Pushed, but .*:1 could not be read back to verify it: .*401.*; give the step's credentials pull access, or set verify: false/
      );
      await expectCompleteIndex(repo, run);
      const skipped = await pushTo(proxy.host, `e2e/pushonly-${uid()}`, {verify: 'false'});
      expectMainOk(skipped);
    } finally {
      await proxy.close();
    }
  });

  it('c) the registry goes down for good mid-push: the step fails clearly, no tag exists, post cleans up', async () => {
    // the blobs and the first manifest go through, then the registry is gone for good
    const proxy = await startFaultProxy([], {downAfter: /^PUT .*\/manifests\//});
    try {
      const repo = `e2e/down-${uid()}`;
      const run = await pushTo(proxy.host, repo, {retries: '1'});
      expect(run.main.code).toBe(1);
      expect(run.main.log).toMatch(
        /::error title=Registry kept failing::Build failed: .*503 Service Unavailable \(the registry kept failing after 2 attempts: check its status, or raise retries\)/
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
        /::error title=Registry refused the credentials::Build failed: .*: log in to the registry \(docker\/login-action\) before this step, with push rights/
      );
      expect(builds(run.dockerCalls)).toBe(1);
      expect(run.main.log).not.toContain('building again');
    } finally {
      await proxy.close();
    }
  });

  it('a) connection resets on manifest pushes: survived, the index ends complete', async () => {
    const proxy = await startFaultProxy([{method: 'PUT', path: MANIFEST_PUT, status: 0, reset: true, times: 5}]);
    try {
      const repo = `e2e/reset-${uid()}`;
      const run = await pushTo(proxy.host, repo);
      expectMainOk(run);
      expect(proxy.faults.filter(f => f.startsWith('reset'))).toHaveLength(5);
      await expectCompleteIndex(repo, run);
    } finally {
      await proxy.close();
    }
  });

  it('b) 429 with Retry-After: the step waits as long as the registry asks, then succeeds', async () => {
    // a rate limiter: from the first manifest PUT on, every request gets 429 + Retry-After for 4 s
    const proxy = await startFaultProxy([], {rateLimit: {trigger: MANIFEST_PUT, seconds: 4}});
    try {
      const repo = `e2e/limited-${uid()}`;
      const started = Date.now();
      const run = await pushTo(proxy.host, repo, {cache: 'none', 'retry-backoff': '0.2'});
      expectMainOk(run);
      // the wait is the registry's (3-4 s left of the window), not the 0.1-0.2 s backoff
      const wait = Number(/Retry-After\)\); building again from cache in ([\d.]+) s/.exec(run.main.log)?.[1]);
      expect(wait).toBeGreaterThanOrEqual(3);
      expect(wait).toBeLessThanOrEqual(4);
      expect(builds(run.dockerCalls)).toBe(2);
      expect(Date.now() - started).toBeGreaterThan(4000);
      await expectCompleteIndex(repo, run);
    } finally {
      await proxy.close();
    }
  });

  it('d) merge while a leg is not yet readable: the read is retried, then the index is complete', async () => {
    const repo = `e2e/lagging-${uid()}`;
    const legs: string[] = [];
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const leg = await runAction({
        mode: 'platform',
        platforms: platform,
        context: context(DOCKERFILE),
        images: `${REG}/${repo}`,
        handoff: 'none',
        qemu: 'true',
        'qemu-image': LAB_BINFMT,
        'buildkit-image': LAB_BUILDKIT
      });
      expectMainOk(leg);
      legs.push(`${platform}=${leg.outputs.digest}`);
    }
    const lagging = legs[1].split('=')[1];
    // the registry answers MANIFEST_UNKNOWN for the arm64 leg twice, as a replica that has not caught up would
    const proxy = await startFaultProxy([
      {method: 'GET', path: new RegExp(`/manifests/${lagging}$`), status: 404, times: 2}
    ]);
    try {
      const run = await runAction({
        mode: 'merge',
        platforms: 'linux/amd64,linux/arm64',
        tags: `${proxy.host}/${repo}:1`,
        digests: legs.join('\n'),
        'retry-backoff': '0.3'
      });
      expectMainOk(run);
      expect(proxy.faults.filter(f => f.startsWith('404'))).toHaveLength(2);
      expect(run.main.log).toMatch(/MANIFEST_UNKNOWN|not found.*retry 1\/3/);
      const index = await registryManifest(repo, '1');
      expect(platformsOf(index.body.manifests)).toEqual(['linux/amd64', 'linux/arm64']);
      expect(index.digest).toBe(run.outputs.digest);
    } finally {
      await proxy.close();
    }
  });

  it('a stalled base-image read: the preflight gives up after its limit, says so, and the build goes on', async () => {
    // the first read of the base's manifest hangs for 30 min, far past the preflight's 20 s limit and the test's own
    // timeout; later reads pass. A step that waited for the abandoned read could not end inside this test at all
    const proxy = await startFaultProxy([
      {path: /\/busybox\/manifests\/latest$/, status: 0, stallMs: 30 * 60_000, times: 1}
    ]);
    try {
      const repo = `e2e/stalled-${uid()}`;
      const run = await runAction({
        platforms: 'linux/amd64',
        context: context(`FROM ${proxy.host}/busybox:latest\nRUN true\n`),
        tags: `${REG}/${repo}:1`,
        push: 'true',
        'buildkit-image': LAB_BUILDKIT
      });
      expect(proxy.faults.filter(f => f.startsWith('stall'))).toHaveLength(1);
      expectMainOk(run);
      expect(run.main.log).toMatch(/not checked.*no answer in 20 s/);
      // the step ended (main and post) while the proxy still held the abandoned read: it never waited for its answer
      expect(proxy.released).toEqual([]);
      expect((await registryManifest(repo, '1')).digest).toBe(run.outputs.digest);
    } finally {
      await proxy.close();
    }
  });
});

describe('a flaky registry while the builder boots', () => {
  it('f) the BuildKit image pull fails twice on a 503: the build boots again and pushes a complete index', async () => {
    // the builder's image is read through the proxy; the pushed image goes straight to the lab registry. The engine
    // asks for the manifest with HEAD on the containerd image store and with GET on the classic one
    const proxy = await startFaultProxy([{path: /\/buildkit\/manifests\//, status: 503, times: 2}]);
    try {
      const repo = `e2e/boot-${uid()}`;
      const run = await pushTo(REG, repo, {'buildkit-image': `${proxy.host}/buildkit:debian`});
      expectMainOk(run);
      expect(run.main.log).toMatch(
        /::warning::Builder boot failed on a registry error that passes \(.*503 Service Unavailable\); building again in [\d.]+ s, retry 1\/3/
      );
      expect(proxy.faults).toHaveLength(2);
      for (const fault of proxy.faults) expect(fault).toMatch(/^503 (HEAD|GET) \/v2\/buildkit\/manifests\/debian$/);
      // one boot per failed pull, then the one that took: the containerd store's pull meets one fault per boot, the
      // classic store's (GET, then a retry of its own) may meet both in the first
      const boots = run.main.log.split('\n').filter(l => l.startsWith('::warning::Builder boot failed')).length;
      expect(boots).toBeGreaterThanOrEqual(1);
      expect(builds(run.dockerCalls)).toBe(boots + 1);
      await expectCompleteIndex(repo, run);
      expect(run.post.code).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('g) the pull keeps failing: one line names the image and the fix, and nothing is pushed', async () => {
    const proxy = await startFaultProxy([{path: /\/buildkit\/manifests\//, status: 503}]);
    try {
      const repo = `e2e/boot-down-${uid()}`;
      const image = `${proxy.host}/buildkit:debian`;
      const run = await pushTo(REG, repo, {platforms: 'linux/amd64', retries: '1', 'buildkit-image': image});
      expect(run.main.code).toBe(1);
      const errors = run.main.log.split('\n').filter(l => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`Builder did not start: its BuildKit image ${image} could not be pulled`);
      expect(errors[0]).toContain('set buildkit-image to a copy you can reach');
      expect(builds(run.dockerCalls)).toBe(2);
      expect((await registryManifest(repo, '1')).status).toBe(404);
      expect(run.post.code).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
