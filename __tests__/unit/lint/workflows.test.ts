import {execFileSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {parse} from 'yaml';
import {ROOT} from '../../helpers.js';

/**
 * The workflows ask for no more than their steps use, and the reusable release workflow runs in its callers'
 * repositories the way a careful caller would write it: actions pinned by commit, the registry password only in
 * the login step, no job token left in the build context, tags never glob-expanded.
 */

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
  env?: Record<string, string>;
}
interface Workflow {
  permissions?: Record<string, string> | string;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const DIR = path.join(ROOT, '.github', 'workflows');
const load = (file: string): Workflow => parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Workflow;

/** What each action a workflow uses needs of the job token (the action itself and the artifact/cache services
 * authenticate with the runner's runtime token, and a registry login uses the password it is given). */
const NEEDS: Record<string, Record<string, string>> = {
  'actions/checkout': {contents: 'read'},
  'actions/setup-node': {},
  'docker/login-action': {},
  'docker/metadata-action': {},
  'org/xbuild-action': {},
  './': {}
};
const LEVEL: Record<string, number> = {none: 0, read: 1, write: 2};

/** Scopes a job or workflow asks beyond what its steps use: `scope: level` strings, empty when none. */
function beyondSteps(asked: Job['permissions'], jobs: Job[]): string[] {
  if (asked === undefined) return [];
  if (typeof asked === 'string') return asked === 'read-all' || asked === 'write-all' ? [asked] : [];
  const used: Record<string, number> = {};
  for (const step of jobs.flatMap(j => j.steps ?? [])) {
    if (!step.uses) continue;
    const action = step.uses.startsWith('./') ? './' : step.uses.split('@')[0];
    const needs = NEEDS[action];
    if (!needs) throw new Error(`the permission table does not know ${action}: add what it needs`);
    for (const [scope, level] of Object.entries(needs)) used[scope] = Math.max(used[scope] ?? 0, LEVEL[level]);
  }
  return Object.entries(asked)
    .filter(([scope, level]) => LEVEL[level] > (used[scope] ?? 0))
    .map(([scope, level]) => `${scope}: ${level}`);
}

describe('workflow permissions', () => {
  it.each(fs.readdirSync(DIR).filter(f => f.endsWith('.yml')))('%s asks no more than its steps use', file => {
    const workflow = load(file);
    const jobs = Object.values(workflow.jobs);
    expect(beyondSteps(workflow.permissions, jobs)).toEqual([]);
    for (const job of jobs) expect(beyondSteps(job.permissions, [job])).toEqual([]);
  });

  it('the check itself catches a request beyond the steps', () => {
    const job: Job = {steps: [{uses: 'actions/checkout@v4'}, {uses: 'org/xbuild-action@v1'}]};
    expect(beyondSteps({contents: 'read', packages: 'write'}, [job])).toEqual(['packages: write']);
    expect(beyondSteps({contents: 'write'}, [job])).toEqual(['contents: write']);
    expect(beyondSteps('write-all', [job])).toEqual(['write-all']);
    expect(beyondSteps({contents: 'read'}, [job])).toEqual([]);
  });
});

describe('the reusable release workflow', () => {
  const release = load('release.yml');
  const steps = Object.values(release.jobs).flatMap(j => j.steps ?? []);
  const text = fs.readFileSync(path.join(DIR, 'release.yml'), 'utf8');

  it('asks for no permission (a read-only caller must be able to call it) and pins third-party actions', () => {
    expect(release.permissions).toBeUndefined();
    for (const job of Object.values(release.jobs)) expect(job.permissions).toBeUndefined();
    const foreign = steps.map(s => s.uses).filter((u): u is string => !!u && !u.startsWith('org/xbuild-action@'));
    expect(foreign.length).toBeGreaterThan(0);
    for (const uses of foreign) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('the password and the registry-auths reach the login steps alone; checkout keeps the job token out of the context', () => {
    const withPassword = steps.filter(s => JSON.stringify(s).includes('secrets.registry-password'));
    expect(withPassword.length).toBe(2);
    for (const s of withPassword) {
      expect(s.uses).toMatch(/^docker\/login-action@/);
      expect(s.with?.password).toBe('${{ secrets.registry-password }}');
    }
    // login-action refuses registry-auth beside registry/username/password: a step of its own, in both jobs
    const withAuths = steps.filter(s => JSON.stringify(s.with ?? {}).includes('secrets.registry-auths'));
    expect(withAuths.map(s => [s.uses?.split('@')[0], s.with])).toEqual([
      ['docker/login-action', {'registry-auth': '${{ secrets.registry-auths }}'}],
      ['docker/login-action', {'registry-auth': '${{ secrets.registry-auths }}'}]
    ]);
    // job env carries only whether a password was given
    for (const job of Object.values(release.jobs))
      for (const value of Object.values(job.env ?? {})) expect(value).not.toMatch(/secrets\.[\w-]+ *}}/);
    for (const s of steps.filter(x => x.uses?.startsWith('actions/checkout@')))
      expect(s.with?.['persist-credentials']).toBe(false);
    expect(text).not.toMatch(/docker login/);
  });

  it('passes every input a caller gives through to the legs', () => {
    const leg = steps.find(s => s.with?.mode === 'platform')!;
    for (const input of ['push', 'context', 'file', 'target', 'build-args', 'cache', 'smoke', 'sbom', 'provenance'])
      expect(leg.with?.[input]).toBe(`\${{ inputs.${input} }}`);
    expect(leg.with?.labels).toBe('${{ inputs.labels }}\n${{ needs.plan.outputs.labels }}\n');
    expect(leg.with?.secrets).toBe('${{ secrets.build-secrets }}');
  });

  it('signs in the merge (auto by default: the caller grants id-token: write), the provenance only where it signs', () => {
    const merge = steps.find(s => s.with?.mode === 'merge')!;
    const call = (release as unknown as {on: {workflow_call: {inputs: Record<string, {default?: unknown}>}}}).on
      .workflow_call.inputs;
    expect([call.sign.default, call.attest.default, call['fail-fast'].default]).toEqual(['auto', 'provenance', false]);
    expect(merge.with).toMatchObject({
      sign: '${{ inputs.sign }}',
      'sign-scope': '${{ inputs.sign-scope }}',
      attest: "${{ inputs.sign != 'false' && inputs.attest || 'none' }}",
      'sign-key': '${{ secrets.sign-key }}',
      annotations: '${{ needs.plan.outputs.annotations }}'
    });
    expect(text).toContain('fail-fast: ${{ inputs.fail-fast }}');
    expect(release.jobs.plan as unknown).toMatchObject({'runs-on': '${{ inputs.runner }}'});
    expect(release.jobs.merge as unknown).toMatchObject({'runs-on': '${{ inputs.runner }}'});
    const meta = release.jobs.plan.steps!.find(s => s.id === 'meta')!;
    expect(meta.uses).toMatch(/^docker\/metadata-action@[0-9a-f]{40}$/);
    expect(meta.env).toEqual({DOCKER_METADATA_ANNOTATIONS_LEVELS: 'index'});
  });

  /** Runs the plan job's `names` step as the runner does (bash -e, GITHUB_OUTPUT) in a dir full of files. */
  function names(images: string, tags: string, metaTags = ''): {registry: string; tags: string[]; json: unknown} {
    const step = release.jobs.plan.steps!.find(s => s.id === 'names')!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-names-'));
    for (const f of ['a.txt', 'b.txt', 'Dockerfile']) fs.writeFileSync(path.join(dir, f), '');
    const output = path.join(dir, 'output');
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: dir,
      env: {PATH: process.env.PATH, IMAGES: images, TAGS: tags, META_TAGS: metaTags, GITHUB_OUTPUT: output}
    });
    const lines = fs.readFileSync(output, 'utf8').split('\n');
    fs.rmSync(dir, {recursive: true, force: true});
    const start = lines.findIndex(l => l.startsWith('tags<<'));
    const end = lines.indexOf(lines[start].slice('tags<<'.length), start + 1);
    return {
      registry: lines.find(l => l.startsWith('registry='))!.slice(9),
      tags: lines.slice(start + 1, end),
      json: JSON.parse(lines.find(l => l.startsWith('tags-json='))!.slice('tags-json='.length))
    };
  }

  it("takes metadata-action's references as they are, one per line, their registry the first one's", () => {
    const meta = '127.0.0.1:5000/team/app:1.2.3\n127.0.0.1:5000/team/app:latest\nowner/app:1.2.3\n';
    expect(names('', '', meta)).toEqual({
      registry: '127.0.0.1:5000',
      tags: ['127.0.0.1:5000/team/app:1.2.3', '127.0.0.1:5000/team/app:latest', 'owner/app:1.2.3'],
      json: ['127.0.0.1:5000/team/app:1.2.3', '127.0.0.1:5000/team/app:latest', 'owner/app:1.2.3']
    });
  });

  it('fails with a titled error when nothing would be published', () => {
    expect(() => names('', '')).toThrow(/::error title=Nothing to publish::/);
    expect(() => names('owner/app', ' , ')).toThrow(/Nothing to publish/);
  });

  it('quotes the tag list: a * stays a *, spaces and empty entries are dropped; the JSON list escapes what it must', () => {
    const got = names('owner/app', '1.2.3, latest,,*\nedge ,a"b\\c');
    expect(got.tags).toEqual([
      'owner/app:1.2.3',
      'owner/app:latest',
      'owner/app:*',
      'owner/app:edge',
      'owner/app:a"b\\c'
    ]);
    expect(got.json).toEqual(got.tags);
  });

  it('reads the registry host as docker does: owner/app and app are Docker Hub', () => {
    expect(names('owner/app', '1').registry).toBe('');
    expect(names('app', '1').registry).toBe('');
    expect(names('localhost/team/app', '1').registry).toBe('localhost');
    expect(names('127.0.0.1:5000/team/app', '1').registry).toBe('127.0.0.1:5000');
    expect(names('registry.internal/team/app', '1').registry).toBe('registry.internal');
  });
});

describe('the reusable bake release workflow', () => {
  const release = load('release-bake.yml');
  const steps = Object.values(release.jobs).flatMap(j => j.steps ?? []);
  const ours = (mode: string): Step => steps.find(s => s.with?.mode === mode)!;

  it('asks for no permission, pins third-party actions, keeps the password in the login steps', () => {
    expect(release.permissions).toBeUndefined();
    for (const job of Object.values(release.jobs)) expect(job.permissions).toBeUndefined();
    for (const uses of steps.map(s => s.uses).filter((u): u is string => !!u && !u.startsWith('org/xbuild-action@')))
      expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    const withPassword = steps.filter(s => JSON.stringify(s).includes('secrets.registry-password'));
    expect(withPassword.map(s => s.uses?.split('@')[0])).toEqual(['docker/login-action', 'docker/login-action']);
    for (const s of steps.filter(x => x.uses?.startsWith('actions/checkout@')))
      expect(s.with?.['persist-credentials']).toBe(false);
  });

  it('gives the plan, every leg and the merge the same definition; each leg its matrix entry', () => {
    for (const mode of ['plan', 'platform', 'merge'])
      for (const input of ['files', 'set', 'workdir'])
        expect([mode, ours(mode).with?.[input]]).toEqual([mode, `\${{ inputs.${input} }}`]);
    expect(ours('plan').with?.targets).toBe('${{ inputs.targets }}');
    expect(ours('merge').with?.targets).toBe('${{ inputs.targets }}');
    const leg = ours('platform').with!;
    expect([leg.targets, leg.platforms, leg.qemu]).toEqual([
      '${{ matrix.target }}',
      '${{ matrix.platform }}',
      '${{ matrix.qemu }}'
    ]);
    // every job reads the definition from the checkout
    for (const job of Object.values(release.jobs)) expect(job.steps?.[0].uses).toMatch(/^actions\/checkout@/);
  });
});
