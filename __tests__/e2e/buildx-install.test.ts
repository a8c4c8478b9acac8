import {createHash} from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {context, expectMainOk, LAB_BUILDKIT, runAction, uid} from './harness.js';
import {BASE, REG, registryManifest} from './registry.js';

/**
 * A release server laid out like buildx's downloads (`/v<version>/<asset>`, `/v<version>/checksums.txt`). The
 * "release" is a wrapper around the lab's buildx that records each call, so the test sees which buildx ran.
 */
const LAB_BUILDX = path.join(os.homedir(), '.docker', 'cli-plugins', 'docker-buildx');
const ASSET = (v: string): string => `buildx-v${v}.linux-amd64`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-release-'));
const marker = path.join(work, 'calls.log');
const wrapper = `#!/bin/sh\n[ "$1" = docker-cli-plugin-metadata ] || echo "$*" >> ${marker}\nexec ${fs.realpathSync(LAB_BUILDX)} "$@"\n`;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const served: string[] = [];
let base = '';
let server: http.Server;

const release: Record<string, string> = {
  '/v0.13.1/checksums.txt': `${sha('x')} *buildx-v0.13.1.darwin-arm64\n${sha(wrapper)} *${ASSET('0.13.1')}\n`,
  [`/v0.13.1/${ASSET('0.13.1')}`]: wrapper,
  // a tampered release: the checksum file does not match the binary
  '/v0.13.9/checksums.txt': `${sha('something else')} *${ASSET('0.13.9')}\n`,
  [`/v0.13.9/${ASSET('0.13.9')}`]: wrapper
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    served.push(req.url ?? '');
    const body = release[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200);
    res.end(body ?? 'not found');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
});
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

const toolCache = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-toolcache-'));
const userPlugins = (): string[] =>
  fs.readdirSync(path.dirname(LAB_BUILDX)).map(f => {
    const st = fs.lstatSync(path.join(path.dirname(LAB_BUILDX), f));
    return `${f} ${st.size} ${st.mtimeMs}`;
  });

describe('d) buildx-version: a pinned release through the tool cache', () => {
  it('downloads, verifies and caches it, builds with it, and reuses it on the second run', async () => {
    const cache = toolCache();
    const repo = `e2e/buildx-${uid()}`;
    const pluginsBefore = userPlugins();
    const inputs = {
      'buildkit-image': LAB_BUILDKIT,
      platforms: 'linux/amd64',
      context: context(`FROM ${BASE}\nRUN echo ${repo} > /id\n`),
      tags: `${REG}/${repo}:1`,
      push: 'true',
      'buildx-version': '0.13.1',
      'buildx-url': base
    };
    const first = await runAction(inputs, {env: {RUNNER_TOOL_CACHE: cache}});
    expectMainOk(first);
    expect(first.main.log).toContain(`Downloading buildx 0.13.1: ${base}/v0.13.1/${ASSET('0.13.1')}`);
    expect(first.main.log).toContain('buildx 0.13.1 verified (sha256) and kept in the tool cache');
    expect(fs.readFileSync(path.join(cache, 'docker-buildx', '0.13.1', 'x64', 'docker-buildx'), 'utf8')).toBe(wrapper);
    // the build, the builder and post's removal all went through the installed buildx
    const calls = fs.readFileSync(marker, 'utf8');
    expect(calls).toMatch(/^buildx create --name xbuild-/m);
    expect(calls).toMatch(/^buildx build --builder xbuild-/m);
    expect(calls).toMatch(/^buildx rm /m);
    expect(first.post.log).toContain(`Removed builder ${first.outputs.builder}`);
    expect((await registryManifest(repo, '1')).digest).toBe(first.outputs.digest);
    expect(served.filter(u => u.startsWith('/v0.13.1/'))).toHaveLength(2);

    const second = await runAction(inputs, {env: {RUNNER_TOOL_CACHE: cache}});
    expectMainOk(second);
    expect(second.main.log).toContain('buildx 0.13.1 is in the tool cache');
    expect(served.filter(u => u.startsWith('/v0.13.1/'))).toHaveLength(2);
    expect(fs.readFileSync(marker, 'utf8').match(/^buildx build /gm)).toHaveLength(2);
    // the user's docker config is as it was
    expect(userPlugins()).toEqual(pluginsBefore);
  });

  it('a release whose checksum does not match fails with both sums and installs nothing', async () => {
    const cache = toolCache();
    const run = await runAction(
      {
        'buildkit-image': LAB_BUILDKIT,
        platforms: 'linux/amd64',
        context: context(`FROM ${BASE}\n`),
        tags: `${REG}/e2e/buildx-bad-${uid()}:1`,
        push: 'true',
        'buildx-version': '0.13.9',
        'buildx-url': base
      },
      {env: {RUNNER_TOOL_CACHE: cache}}
    );
    expect(run.main.code).toBe(1);
    expect(run.main.log).toContain(
      `::error::${ASSET('0.13.9')} from ${base}/v0.13.9/checksums.txt does not match its checksum (expected sha256 ${sha('something else')}, got ${sha(wrapper)})`
    );
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(run.dockerCalls.filter(c => c[1] === 'create' || c[1] === 'build')).toEqual([]);
    expect(fs.readdirSync(run.runnerTemp)).toEqual([]);
  });
});
