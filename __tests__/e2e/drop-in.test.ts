import {execFileSync, spawn} from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {RUNNER_TOKEN} from '../../scripts/run-action.mjs';
import {
  builderLeftovers,
  context,
  docker,
  expectMainOk,
  LAB_BUILDKIT,
  runAction,
  runJob,
  uid,
  type ActionRun
} from './harness.js';
import {BASE, platformsOf, provenanceOf, REG, registryManifest} from './registry.js';

/**
 * Build steps written for docker/setup-qemu-action + setup-buildx-action + build-push-action, with only `uses:`
 * swapped: each runs, and the registry or the engine holds what the chain would have made. Each of these failed, or
 * changed the result silently, before this action took its inputs as the chain takes them.
 */

const lab = {'buildkit-image': LAB_BUILDKIT};
const buildCall = (run: ActionRun): string[] => run.dockerCalls.find(c => c[1] === 'build') ?? [];
/** A file of the pushed image, read by running it on the lab's engine. */
const fileIn = (ref: string, file: string): string => docker(['run', '--rm', '--pull', 'always', ref, 'cat', file]);

describe('inputs taken as build-push-action takes them', () => {
  it("the docs' multi-runner leg: push: true beside an image output that pushes by digest", async () => {
    const repo = `e2e/dropin-recipe-${uid()}`;
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64',
      context: context(`FROM ${BASE}\nRUN echo leg > /leg\n`),
      push: 'true',
      outputs: `type=image,name=${REG}/${repo},push-by-digest=true,name-canonical=true,push=true`
    });
    expectMainOk(run);
    expect(buildCall(run)).toEqual(expect.arrayContaining(['--output', '--push']));
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await registryManifest(repo, run.outputs.digest)).status).toBe(200);
    expect(run.main.log).toContain(`Verified 1 reference(s): linux/amd64 present once each`);
  });

  it("a test job with no platforms: the runner's own platform, loaded into the engine", async () => {
    const tag = `${REG}/e2e/dropin-load-${uid()}:test`;
    const run = await runAction({
      ...lab,
      context: context(`FROM ${BASE}\nCMD ["uname", "-m"]\n`),
      tags: tag,
      load: 'true'
    });
    expectMainOk(run);
    expect(buildCall(run)).not.toContain('--platform');
    expect(run.outputs.platforms).toBe('linux/amd64');
    expect(docker(['run', '--rm', tag])).toBe('x86_64');
    docker(['rmi', tag]);
  });

  it('an empty secret (a fork pull request) is left out; a bare build-arg reads the env; the last of a key wins', async () => {
    const repo = `e2e/dropin-args-${uid()}`;
    const run = await runAction(
      {
        ...lab,
        platforms: 'linux/amd64',
        context: context(
          `FROM ${BASE}\nARG VERSION\nARG FLAVOR\nRUN --mount=type=secret,id=TOKEN,required=false echo "$VERSION $FLAVOR $(cat /run/secrets/TOKEN 2>/dev/null || echo none)" > /args\n`
        ),
        tags: `${REG}/${repo}:1`,
        push: 'true',
        secrets: 'TOKEN=',
        'build-args': 'VERSION\nFLAVOR=main\nFLAVOR=cuda'
      },
      {env: {VERSION: '1.2.3'}}
    );
    expectMainOk(run);
    expect(run.main.log).toContain('::warning::Input secrets: TOKEN is empty');
    expect(fileIn(`${REG}/${repo}:1`, '/args')).toBe('1.2.3 cuda none');
  });

  it("build-push-action's pass-through inputs reach the RUN steps, and the builder grants its entitlements", async () => {
    const repo = `e2e/dropin-pass-${uid()}`;
    const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-extra-'));
    fs.writeFileSync(path.join(extra, 'marker'), 'from the extra context\n');
    const dockerfile = [
      `FROM ${BASE}`,
      "RUN grep myhost /etc/hosts | awk '{print $1}' > /hosts",
      "RUN df -k /dev/shm | awk 'NR==2{print $2}' > /shm",
      "RUN sh -c 'ulimit -n' > /nofile",
      'COPY --from=extra marker /marker',
      "RUN ls /sys/class/net | tr '\\n' ' ' > /nets",
      'RUN --network=host true',
      'RUN cat /proc/self/cgroup > /cgroup'
    ].join('\n');
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64',
      context: context(`${dockerfile}\n`),
      tags: `${REG}/${repo}:1`,
      push: 'true',
      'add-hosts': 'myhost:10.1.2.3',
      'shm-size': '96m',
      ulimit: 'nofile=777:777',
      'build-contexts': `extra=${extra}`,
      network: 'none',
      allow: 'network.host',
      'cgroup-parent': 'xbuildcg'
    });
    expectMainOk(run);
    const ref = `${REG}/${repo}:1`;
    expect(fileIn(ref, '/hosts')).toBe('10.1.2.3');
    expect(fileIn(ref, '/shm')).toBe('98304');
    expect(fileIn(ref, '/nofile')).toBe('777');
    expect(fileIn(ref, '/marker')).toBe('from the extra context');
    expect(fileIn(ref, '/nets')).toBe('lo');
    expect(fileIn(ref, '/cgroup')).toContain('xbuildcg');
    // setup-buildx-action's outputs, and its default daemon flags on the builder
    expect(run.outputs.driver).toBe('docker-container');
    expect(run.outputs.name).toBe(run.outputs.builder);
    const nodes = JSON.parse(run.outputs.nodes) as {name: string; status: string; 'buildkitd-flags': string}[];
    expect(nodes[0]).toMatchObject({status: 'running'});
    expect(nodes[0]['buildkitd-flags']).toContain('security.insecure');
  });

  it('provenance left empty: mode=max with the run as builder id; min for a private repository; attests wins', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-event-'));
    const event = (isPrivate: boolean): string => {
      const file = path.join(dir, `event-${String(isPrivate)}.json`);
      fs.writeFileSync(file, JSON.stringify({repository: {private: isPrivate}}));
      return file;
    };
    const runEnv = {GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'owner/app', GITHUB_RUN_ID: '4242'};
    const push = async (over: Record<string, string>, env: Record<string, string>): Promise<string> => {
      const repo = `e2e/dropin-prov-${uid()}`;
      const run = await runAction(
        {
          ...lab,
          platforms: 'linux/amd64',
          context: context(`FROM ${BASE}\nRUN true\n`),
          tags: `${REG}/${repo}:1`,
          push: 'true',
          ...over
        },
        {env}
      );
      expectMainOk(run);
      return repo;
    };
    const publicRepo = await push({}, {...runEnv, GITHUB_EVENT_PATH: event(false)});
    const max = await provenanceOf(publicRepo, '1');
    expect(max?.builder).toEqual({id: 'https://github.com/owner/app/actions/runs/4242/attempts/1'});
    expect(max).toHaveProperty('buildConfig');
    const privateRepo = await push({}, {...runEnv, GITHUB_EVENT_PATH: event(true)});
    const min = await provenanceOf(privateRepo, '1');
    expect(min?.builder).toEqual({id: 'https://github.com/owner/app/actions/runs/4242/attempts/1'});
    expect(min).not.toHaveProperty('buildConfig');
    const asked = await push({attests: 'type=provenance,mode=min'}, {...runEnv, GITHUB_EVENT_PATH: event(false)});
    expect(await provenanceOf(asked, '1')).not.toHaveProperty('buildConfig');
  });

  it('provenance asked for (true, mode=max, an attests entry) carries the run as builder id, as build-push-action adds it', async () => {
    const env = {GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'owner/app', GITHUB_RUN_ID: '4343'};
    const id = {id: 'https://github.com/owner/app/actions/runs/4343/attempts/1'};
    const asks: Record<string, string>[] = [
      {provenance: 'true'},
      {provenance: 'mode=max'},
      {attests: 'type=provenance,mode=max'}
    ];
    for (const over of asks) {
      const repo = `e2e/dropin-provid-${uid()}`;
      const run = await runAction(
        {
          ...lab,
          platforms: 'linux/amd64',
          context: context(`FROM ${BASE}\nRUN true\n`),
          tags: `${REG}/${repo}:1`,
          push: 'true',
          ...over
        },
        {env}
      );
      expectMainOk(run);
      expect([over, (await provenanceOf(repo, '1'))?.builder]).toEqual([over, id]);
    }
  });

  it('the BuildKit image as setup-buildx-action sets it (driver-opts image=), an unpinned binfmt image with a warning', async () => {
    const repo = `e2e/dropin-image-${uid()}`;
    const run = await runAction({
      platforms: 'linux/amd64',
      context: context(`FROM ${BASE}\nRUN true\n`),
      tags: `${REG}/${repo}:1`,
      push: 'true',
      'driver-opts': `image=${LAB_BUILDKIT}`,
      'qemu-image': `${REG}/lab/binfmt`
    });
    expectMainOk(run);
    const create = run.dockerCalls.find(c => c[1] === 'create') ?? [];
    expect(create).toContain(`image=${LAB_BUILDKIT}`);
    expect(run.main.log).toContain(`::warning::Input qemu-image: ${REG}/lab/binfmt is not pinned`);
  });

  it("setup-buildx-action's buildkitd-config file reaches the builder's daemon, over the inline one", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-bkconf-')), 'buildkitd.toml');
    fs.writeFileSync(file, '# from buildkitd-config\n[worker.oci]\n  max-parallelism = 3\n');
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64',
      context: context(`FROM ${BASE}\nRUN true\n`),
      'buildkitd-config': file,
      'buildkitd-config-inline': '# inline\n',
      cleanup: 'false'
    });
    const builder = run.outputs.builder;
    try {
      expectMainOk(run);
      const create = run.dockerCalls.find(c => c[1] === 'create') ?? [];
      expect(create.slice(create.indexOf('--config'), create.indexOf('--config') + 2)).toEqual(['--config', file]);
      const inContainer = docker(['exec', `buildx_buildkit_${builder}0`, 'cat', '/etc/buildkit/buildkitd.toml']);
      expect(inContainer).toContain('max-parallelism = 3');
    } finally {
      docker(['buildx', 'rm', builder]);
    }
  });

  it('a context and Dockerfile outside the workspace (made by an earlier step under RUNNER_TEMP)', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-ws-'));
    const generated = context(`FROM ${BASE}\nRUN echo generated > /g\n`);
    const repo = `e2e/dropin-temp-${uid()}`;
    const run = await runAction(
      {
        ...lab,
        platforms: 'linux/amd64',
        context: generated,
        file: path.join(generated, 'Dockerfile'),
        tags: `${REG}/${repo}:1`,
        push: 'true'
      },
      {env: {GITHUB_WORKSPACE: workspace}}
    );
    expectMainOk(run);
    expect(fileIn(`${REG}/${repo}:1`, '/g')).toBe('generated');
  });

  it('linux/arm/v8 over a base that publishes linux/arm/v7: preflight lets it through, BuildKit builds it', async () => {
    const repo = `e2e/dropin-armv8-${uid()}`;
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64,linux/arm/v8',
      context: context(`FROM ${BASE}\nRUN uname -m > /arch\n`),
      tags: `${REG}/${repo}:1`,
      push: 'true'
    });
    expectMainOk(run);
    expect(run.main.log).toMatch(/localhost:5000\/busybox:latest\s+present\s+as linux\/arm\/v7/);
    expect(platformsOf((await registryManifest(repo, '1')).body.manifests)).toEqual(['linux/amd64', 'linux/arm/v8']);
  });

  it('call: check needs buildx 0.15 (said before building); with it, the builder evaluates the checks', async () => {
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64',
      context: context(`FROM ${BASE} as base\n`),
      call: 'check'
    });
    const [major, minor] = docker(['buildx', 'version']).split(' ')[1].replace(/^v/, '').split('.').map(Number);
    const oldBuildx = major === 0 && minor < 15;
    // an old buildx: refused before building; a new one: the lab builder's BuildKit 0.25 runs the checks, reports the
    // 'as' whose casing differs from FROM's, and buildx exits 1 on a warning (as it does by hand): the step fails
    const said = oldBuildx
      ? /::error::Input call needs buildx 0\.15 or newer, and this runner has buildx 0\.\d+/
      : /FromAsCasing[\s\S]*'as' and 'FROM' keywords' casing do not match/;
    expect(run.main.code).toBe(1);
    expect(run.main.log).toMatch(said);
    expect(buildCall(run).includes('--call')).toBe(!oldBuildx);
  });

  it('one warning for all the emulated platforms, not one each (the runner shows at most 10 a step)', async () => {
    const repo = `e2e/dropin-warn-${uid()}`;
    const run = await runAction({
      ...lab,
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      context: context(`FROM ${BASE}\nRUN true\n`),
      tags: `${REG}/${repo}:1`,
      push: 'true'
    });
    expectMainOk(run);
    const warnings = run.main.log.split('\n').filter(l => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      '::warning::linux/arm64, linux/arm/v7 are emulated with QEMU (RUN steps run ~10x slower): build natively with arm64/arm nodes (input nodes) or runners (mode plan)'
    ]);
  });

  it("the runner's token never reaches argv, a log or an output", async () => {
    const run = await runAction({...lab, platforms: 'linux/amd64', context: context(`FROM ${BASE}\n`)});
    expectMainOk(run);
    const everything = [run.main.log, run.post.log, JSON.stringify(run.outputs), JSON.stringify(run.dockerCalls)];
    for (const text of everything) expect(text).not.toContain(RUNNER_TOKEN);
  });
});

describe("no checkout: the commit's Git context, as build-push-action builds it", () => {
  it('builds the repository from the Git server (a local git daemon standing in) with no context given', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-git-'));
    const src = path.join(base, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'Dockerfile'), `FROM ${BASE}\nCOPY hello.txt /hello.txt\n`);
    fs.writeFileSync(path.join(src, 'hello.txt'), 'from the git context\n');
    fs.mkdirSync(path.join(src, 'sub'));
    fs.writeFileSync(path.join(src, 'sub', 'Dockerfile'), `FROM ${BASE}\nCOPY hello.txt /hello.txt\n`);
    fs.writeFileSync(path.join(src, 'sub', 'hello.txt'), 'from the sub folder\n');
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=lab', '-c', 'user.email=lab@example.test', ...args], {cwd: src}).toString();
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'app');
    fs.mkdirSync(path.join(base, 'owner'));
    git('clone', '-q', '--bare', src, path.join(base, 'owner', 'app.git'));
    const port = 19000 + Math.floor(Math.random() * 1000);
    const daemon = spawn(
      'git',
      ['daemon', '--reuseaddr', '--export-all', `--base-path=${base}`, '--listen=127.0.0.1', `--port=${port}`, base],
      {stdio: 'ignore'}
    );
    try {
      await waitForPort(port);
      const repo = `e2e/dropin-git-${uid()}`;
      const gitEnv = {
        GITHUB_SERVER_URL: `git://127.0.0.1:${port}`,
        GITHUB_REPOSITORY: 'owner/app',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_WORKSPACE: fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-empty-ws-'))
      };
      const run = await runAction(
        {platforms: 'linux/amd64', tags: `${REG}/${repo}:1`, push: 'true', driver: 'docker'},
        {env: gitEnv}
      );
      expectMainOk(run);
      expect(buildCall(run).at(-1)).toBe(`git://127.0.0.1:${port}/owner/app.git#refs/heads/main`);
      expect(fileIn(`${REG}/${repo}:1`, '/hello.txt')).toBe('from the git context');
      // the job token reaches BuildKit as the GIT_AUTH_TOKEN secret, by file, never in argv
      expect(buildCall(run).some(a => a.startsWith('id=GIT_AUTH_TOKEN,src='))).toBe(true);
      expect(JSON.stringify(run.dockerCalls)).not.toContain(RUNNER_TOKEN);
      // a folder of the commit: {{ defaultContext }}:subdir, as build-push-action resolves it
      const sub = await runAction(
        {
          platforms: 'linux/amd64',
          tags: `${REG}/${repo}:sub`,
          push: 'true',
          driver: 'docker',
          context: '{{ defaultContext }}:sub'
        },
        {env: gitEnv}
      );
      expectMainOk(sub);
      expect(buildCall(sub).at(-1)).toBe(`git://127.0.0.1:${port}/owner/app.git#refs/heads/main:sub`);
      expect(fileIn(`${REG}/${repo}:sub`, '/hello.txt')).toBe('from the sub folder');
    } finally {
      daemon.kill();
    }
  });
});

/** Resolves once something accepts connections on 127.0.0.1:`port` (at most 5 s). */
async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const open = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

describe('one builder per job', () => {
  it('a later step with the same builder settings reuses the builder, with its cache; the first step removes it', async () => {
    const job = {GITHUB_RUN_ID: `run-${uid()}`, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build', RUNNER_NAME: 'lab'};
    const repo = `e2e/dropin-job-${uid()}`;
    const ctx = context(`FROM ${BASE}\nRUN echo ${repo} > /id\nRUN uname -m > /arch\n`);
    const step = (tag: string) => ({
      inputs: {...lab, platforms: 'linux/amd64,linux/arm64', context: ctx, tags: `${REG}/${repo}:${tag}`, push: 'true'},
      env: job
    });
    const [first, second] = await runJob([step('first'), step('second')]);
    expectMainOk(first);
    expectMainOk(second);
    expect(first.main.log).toContain(`Created builder ${first.outputs.builder}`);
    expect(second.main.log).toContain(
      `Reusing builder ${first.outputs.builder}: an earlier step of this job made it with the same settings`
    );
    expect(second.outputs.builder).toBe(first.outputs.builder);
    const hits = JSON.parse(second.outputs['cache-hit']) as Record<string, {hit: boolean}>;
    expect(Object.values(hits).map(h => h.hit)).toEqual([true, true]);
    expect(second.dockerCalls.filter(c => c[1] === 'create' || c[1] === 'rm')).toEqual([
      expect.arrayContaining(['buildx', 'create'])
    ]);
    expect(first.post.log).toContain(`Removed builder ${first.outputs.builder}`);
    expect(builderLeftovers(first.outputs.builder)).toEqual([]);
  });
});
