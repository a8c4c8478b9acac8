#!/usr/bin/env node
// npm run bench: the action (dist/index.js, main + post, as the runner runs it, fresh builder), as on a GitHub-hosted
// runner and as on a self-hosted one, against raw `docker buildx create` + `build` + `rm` with the same arguments,
// interleaved, for a tiny and a CPU-heavy 3-platform push with one tag to the lab's registry. Prints medians, the
// ratio to raw, the time outside `buildx build`, docker CLI calls, the dist cold start (process start to first log
// line), and where each way's time went (bench-account.mjs). Then the caches: the heavy build cold (a new nonce)
// and warm (the same nonce, a fresh builder, the cache from the registry or the gha v2 stand-in), as warm/cold ratios,
// beside raw buildx's own warm/cold with the same cache flags, and where the warm run's time goes.
// Needs the lab: scripts/lab.sh up.
//   BENCH_REPS_TINY (15)  BENCH_REPS_HEAVY (3)  BENCH_REPS_CACHE (2)  BENCH_REPS_JOB (3)  BENCH_REPS_BAKE (3)  BENCH_REPS_SIGN (5)  BENCH_HEAVY_LOOP (2000000)
import {execFile, execFileSync} from 'node:child_process';
import {promisify} from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {REAL_DOCKER, runAction, runJob} from './run-action.mjs';
import {register} from 'node:module';
import {accountOf, median, printOverhead, ROWS, summarize} from './bench-account.mjs';
import {benchBake, printBake} from './bench-bake.mjs';
import {benchSign, printSign} from './bench-sign.mjs';

// the e2e stand-ins are TypeScript importing each other as `.js` (as tsc resolves them): node runs them with its
// type stripping once their `.js` specifiers resolve to the `.ts` files
const toTs = `export async function resolve(s, c, next) {
  try { return await next(s, c); } catch (e) {
    if (s.endsWith('.js') && c.parentURL?.endsWith('.ts')) return next(s.slice(0, -3) + '.ts', c);
    throw e;
  }
}`;
register(`data:text/javascript,${encodeURIComponent(toTs)}`);
const {startGhaCacheV2} = await import('../__tests__/e2e/gha-cache-v2-service.ts');
const {startSigstore} = await import('../__tests__/e2e/sigstore-service.ts');

const REG = 'localhost:5000';
const BUILDKIT = 'moby/buildkit:buildx-stable-1';
const PLATFORMS = 'linux/amd64,linux/arm64,linux/arm/v7';
const reps = {
  tiny: Number(process.env.BENCH_REPS_TINY ?? 15),
  heavy: Number(process.env.BENCH_REPS_HEAVY ?? 3),
  cache: Number(process.env.BENCH_REPS_CACHE ?? 2),
  job: Number(process.env.BENCH_REPS_JOB ?? 3),
  bake: Number(process.env.BENCH_REPS_BAKE ?? 3),
  sign: Number(process.env.BENCH_REPS_SIGN ?? 5)
};
const loop = Number(process.env.BENCH_HEAVY_LOOP ?? 2000000);

const dockerfiles = {
  tiny: `FROM ${REG}/busybox:latest\nARG NONCE\nRUN echo "$NONCE" > /nonce && uname -m > /arch\n`,
  // CPU-bound RUN: ~1 s natively, ~10x under QEMU
  heavy: `FROM ${REG}/busybox:latest\nARG NONCE\nRUN echo "$NONCE" > /nonce && awk 'BEGIN{s=0;for(i=0;i<${loop};i++)s+=i%7;print s}' > /sum\n`
};

function contextFor(kind) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `xbuild-bench-${kind}-`));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfiles[kind]);
  return dir;
}

const execFileAsync = promisify(execFile);
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The action's inputs for the same push raw buildx makes, plus `extra`. */
const actionInputs = (ctx, tag, nonce, extra) => ({
  platforms: PLATFORMS,
  context: ctx,
  tags: tag,
  push: 'true',
  'build-args': `NONCE=${nonce}`,
  'buildkit-image': BUILDKIT,
  ...extra
});

// the overhead comparison runs without a cache (raw exports none); the cache section below sets one
async function viaAction(ctx, tag, nonce, extra = {cache: 'none'}, env = {}) {
  const t0 = now();
  const run = await runAction(actionInputs(ctx, tag, nonce, extra), {env});
  const ms = now() - t0;
  if (run.main.code !== 0 || run.post.code !== 0) throw new Error(`action run failed:\n${run.main.log.slice(-2000)}`);
  // on the hosted path post leaves the builder to the machine: removed here, untimed, as the machine would
  if (env.RUNNER_ENVIRONMENT === 'github-hosted') rawDocker(['buildx', 'rm', run.outputs.builder]);
  const account = accountOf(run);
  return {ms, account, calls: run.dockerCalls.length, coldStartMs: run.main.firstOutputMs, outputs: run.outputs};
}

const rawDocker = args => execFileSync(REAL_DOCKER, args, {stdio: ['ignore', 'ignore', 'pipe']});

/** argv of the raw builder: the one the action creates (setup-buildx-action's daemon flags, the lab's network). */
const rawCreateArgs = name => [
  'buildx',
  'create',
  '--name',
  name,
  '--driver',
  'docker-container',
  '--driver-opt',
  `image=${BUILDKIT}`,
  '--driver-opt',
  'network=host',
  '--buildkitd-flags',
  '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'
];

/** argv of the raw build: what build-push-action passes (its default provenance on a public repository included). */
const rawBuildArgs = (name, ctx, tag, nonce, extra = []) => [
  'buildx',
  'build',
  '--builder',
  name,
  '--platform',
  PLATFORMS,
  '--build-arg',
  `NONCE=${nonce}`,
  '--tag',
  tag,
  '--attest',
  'type=provenance,mode=max',
  '--push',
  ...extra,
  ctx
];

/** Raw buildx: one builder, two builds with the same arguments; the time of the second (the builder warm). */
function viaRawTwice(ctx, repo, nonce) {
  const name = `bench-raw2-${process.pid}-${nonce}`;
  rawDocker(rawCreateArgs(name));
  try {
    rawDocker(rawBuildArgs(name, ctx, `${repo}:first`, nonce));
    const t0 = now();
    rawDocker(rawBuildArgs(name, ctx, `${repo}:second`, nonce));
    return now() - t0;
  } finally {
    rawDocker(['buildx', 'rm', name]);
  }
}

function viaRaw(ctx, tag, nonce) {
  const name = `bench-raw-${process.pid}-${nonce}`;
  const meta = path.join(os.tmpdir(), `${name}.json`);
  const t0 = now();
  const account = {};
  const timed = (row, args) => {
    const s0 = now();
    rawDocker(args);
    account[row] = now() - s0;
  };
  timed(ROWS.create, rawCreateArgs(name));
  try {
    timed(ROWS.build, rawBuildArgs(name, ctx, tag, nonce, ['--metadata-file', meta]));
  } finally {
    timed(ROWS.post, ['buildx', 'rm', name]);
    fs.rmSync(meta, {force: true});
  }
  return {ms: now() - t0, account, calls: 3};
}

// three ways, interleaved and rotated so drift on the machine hits each alike: the action as on a GitHub-hosted
// runner (RUNNER_ENVIRONMENT=github-hosted), as on a self-hosted one, and raw buildx
const HOSTED = {RUNNER_ENVIRONMENT: 'github-hosted'};
const WAYS = ['hosted', 'self-hosted', 'raw'];
const results = [];
for (const kind of ['tiny', 'heavy'].filter(k => reps[k] > 0)) {
  const ctx = contextFor(kind);
  const runs = Object.fromEntries(WAYS.map(w => [w, []]));
  for (let i = 0; i < reps[kind]; i++) {
    const nonce = `${Date.now()}-${i}`;
    for (const way of [...WAYS.slice(i % 3), ...WAYS.slice(0, i % 3)]) {
      const tag = `${REG}/bench/${kind}:${way}`;
      runs[way].push(
        way === 'raw'
          ? viaRaw(ctx, tag, `r${nonce}`)
          : await viaAction(ctx, tag, `${way[0]}${nonce}`, undefined, way === 'hosted' ? HOSTED : {})
      );
    }
    const last = WAYS.map(w => `${w} ${(runs[w].at(-1).ms / 1000).toFixed(2)} s`).join(', ');
    process.stderr.write(`${kind} ${i + 1}/${reps[kind]}: ${last}\n`);
  }
  // each way's run minus raw's of the same round: the median of those is the least drift-prone "time over raw"
  const paired = w => median(runs[w].map((x, i) => x.ms - runs.raw[i].ms));
  const ways = Object.fromEntries(WAYS.map(w => [w, {...summarize(runs[w]), paired: paired(w)}]));
  results.push({kind, reps: reps[kind], ...ways});
}

// two build steps of one job: the second step on the job's warm builder vs the same second `buildx build` on a warm
// raw builder (same arguments, same nonce: both take every step from the builder's cache)
const jobRuns = [];
for (let i = 0; i < reps.job; i++) {
  const ctx = contextFor('heavy');
  const nonce = `j${Date.now()}-${i}`;
  const job = {GITHUB_RUN_ID: `bench-${nonce}`, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'bench', RUNNER_NAME: 'lab'};
  const inputs = tag => actionInputs(ctx, tag, nonce, {cache: 'none'});
  const steps = await runJob([
    {inputs: inputs(`${REG}/bench/job:first`), env: job},
    {inputs: inputs(`${REG}/bench/job:second`), env: job}
  ]);
  if (steps.some(st => st.main.code !== 0)) throw new Error(`job step failed:\n${steps[1].main.log.slice(-2000)}`);
  const raw = viaRawTwice(ctx, `${REG}/bench/job-raw`, `r${nonce}`);
  jobRuns.push({action: steps[1].main.ms, raw});
  process.stderr.write(
    `job ${i + 1}/${reps.job}: second step ${(steps[1].main.ms / 1000).toFixed(2)} s, raw second build ${(raw / 1000).toFixed(2)} s\n`
  );
}

/**
 * Raw buildx with the same cache the action generates (a fresh builder each run, as the warm action's). Async: the
 * gha stand-in answers from this process, which a synchronous child would block.
 */
async function viaRawCache(ctx, tag, nonce, backend, env) {
  const name = `bench-rawc-${process.pid}-${nonce}`;
  const spec = backend === 'gha' ? 'type=gha,scope=bench-raw' : `type=registry,ref=${REG}/bench/cache-raw:buildcache`;
  const run = args => execFileAsync(REAL_DOCKER, args, {env: {...process.env, ...env}, maxBuffer: 64 << 20});
  const t0 = now();
  await run(rawCreateArgs(name));
  try {
    await run(rawBuildArgs(name, ctx, tag, nonce, ['--cache-from', spec, '--cache-to', `${spec},mode=max`]));
  } finally {
    await run(['buildx', 'rm', name]);
  }
  return now() - t0;
}

// caches: cold (new nonce: every RUN runs) vs warm (same nonce, fresh builder: every RUN from the cache), the action
// and raw buildx with the same cache flags alternating
// the cache API the runners speak now (v2), which BuildKit 0.25 in the builder serves
const gha = await startGhaCacheV2();
const cacheResults = [];
for (const backend of reps.cache > 0 ? ['registry', 'gha'] : []) {
  const ctx = contextFor('heavy');
  const env = backend === 'gha' ? gha.env : {};
  const m = {cold: [], warm: [], rawCold: [], rawWarm: [], warmRows: []};
  let hits = '';
  for (let i = 0; i < reps.cache; i++) {
    const nonce = `c${Date.now()}-${i}`;
    const tag = `${REG}/bench/cache-${backend}:1`;
    m.cold.push((await viaAction(ctx, tag, nonce, {cache: backend}, env)).ms);
    const warm = await viaAction(ctx, tag, nonce, {cache: backend}, env);
    m.warm.push(warm.ms);
    m.warmRows.push(warm.account);
    hits = warm.outputs['cache-hit'];
    m.rawCold.push(await viaRawCache(ctx, `${REG}/bench/cache-raw:1`, `r${nonce}`, backend, env));
    m.rawWarm.push(await viaRawCache(ctx, `${REG}/bench/cache-raw:1`, `r${nonce}`, backend, env));
    process.stderr.write(
      `cache ${backend} ${i + 1}/${reps.cache}: cold ${(m.cold.at(-1) / 1000).toFixed(2)} s, warm ${(m.warm.at(-1) / 1000).toFixed(2)} s; raw cold ${(m.rawCold.at(-1) / 1000).toFixed(2)} s, warm ${(m.rawWarm.at(-1) / 1000).toFixed(2)} s\n`
    );
  }
  const rows = Object.fromEntries(Object.values(ROWS).map(r => [r, median(m.warmRows.map(a => a[r] ?? 0))]));
  cacheResults.push({
    backend,
    hits,
    rows,
    ...Object.fromEntries(['cold', 'warm', 'rawCold', 'rawWarm'].map(k => [k, median(m[k])]))
  });
}
await gha.close();

const bake =
  reps.bake > 0 ? await benchBake(reps.bake, {reg: REG, buildkit: BUILDKIT, createArgs: rawCreateArgs}) : undefined;

const sigstore = reps.sign > 0 ? await startSigstore() : undefined;
const sign = sigstore
  ? await benchSign(reps.sign, {reg: REG, contextFor, viaAction, viaRaw, hosted: HOSTED, sigstore}).finally(() =>
      sigstore.close()
    )
  : undefined;

printOverhead(results);
if (bake) printBake(bake);
if (sign) printSign(sign);
if (jobRuns.length) {
  const jobAction = median(jobRuns.map(j => j.action));
  const jobRaw = median(jobRuns.map(j => j.raw));
  const d = (jobAction - jobRaw) / 1000;
  console.log(
    '\njob of two build steps: the second step (main) on the job builder vs the second raw build on a warm builder'
  );
  console.log(
    `second step ${(jobAction / 1000).toFixed(2)} s, raw ${(jobRaw / 1000).toFixed(2)} s: ${d >= 0 ? '+' : ''}${d.toFixed(2)} s (target: within +0.3 s), medians of ${reps.job}`
  );
}
if (cacheResults.length)
  console.log(
    '\ncache     cold (median)  warm, fresh builder (median)  warm/cold  raw cold  raw warm  raw warm/cold  difference  cache-hit of the last warm run'
  );
const sec = ms => `${(ms / 1000).toFixed(2)} s`;
for (const x of cacheResults) {
  const ratio = x.warm / x.cold;
  const rawRatio = x.rawWarm / x.rawCold;
  console.log(
    `${x.backend.padEnd(8)}  ${sec(x.cold).padStart(13)}  ${sec(x.warm).padStart(28)}  ${ratio.toFixed(3).padStart(9)}  ${sec(x.rawCold).padStart(8)}  ${sec(x.rawWarm).padStart(8)}  ${rawRatio.toFixed(3).padStart(13)}  ${(ratio - rawRatio >= 0 ? '+' : '') + (ratio - rawRatio).toFixed(3).padStart(9)}  ${x.hits}`
  );
}
if (cacheResults.length) console.log("goal: warm/cold within 0.02 of raw's own");
for (const x of cacheResults) {
  console.log(`\nwhere the warm ${x.backend} run's time goes (medians, ms)`);
  for (const [row, ms] of Object.entries(x.rows)) console.log(`${row.padEnd(68)}  ${ms.toFixed(0).padStart(6)}`);
}
