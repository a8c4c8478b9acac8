// npm run bench's account of where the time goes: each run of the action and of raw buildx split into the same
// rows, from the e2e shim's timing of every docker call and the step processes' start and end (epoch ms).

export const ROWS = {
  start: 'node start to the first docker call (inputs, Dockerfile, plan)',
  create: 'buildx create (the base image read beside it)',
  build: 'buildx build (the builder report beside it)',
  readBack: 'read-back of each tag, after the build',
  outputs: 'outputs, summary, exit',
  post: 'post step: node start, buildx rm (not on hosted)'
};

export const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One action run (main + post) in ROWS. */
export function accountOf(run) {
  const main = run.dockerTimes.filter(c => c.start < run.post.startedAt);
  const build = main.find(c => c.args[0] === 'buildx' && c.args[1] === 'build');
  if (!build) throw new Error('the run made no buildx build call');
  const first = Math.min(...main.map(c => c.start));
  const lastMain = Math.max(...main.map(c => c.end));
  return {
    [ROWS.start]: first - run.main.startedAt,
    [ROWS.create]: build.start - first,
    [ROWS.build]: build.end - build.start,
    [ROWS.readBack]: lastMain - build.end,
    [ROWS.outputs]: run.main.endedAt - lastMain,
    [ROWS.post]: run.post.endedAt - run.post.startedAt
  };
}

/** The medians of one way's runs: the total, the time outside `buildx build`, each row; its calls and cold start. */
export function summarize(runs) {
  return {
    ms: median(runs.map(x => x.ms)),
    around: median(runs.map(x => x.ms - x.account[ROWS.build])),
    rows: Object.fromEntries(Object.values(ROWS).map(r => [r, median(runs.map(x => x.account[r] ?? 0))])),
    calls: runs[0].calls,
    cold: runs[0].coldStartMs === undefined ? undefined : median(runs.map(x => x.coldStartMs))
  };
}

const s = ms => `${(ms / 1000).toFixed(2)} s`;
const signed = ms => `${ms >= 0 ? '+' : ''}${s(ms)}`;

/** The overhead table (each way against raw buildx of the same run) and, per scenario, where the time went. */
export function printOverhead(results) {
  console.log(
    '\nscenario  way          reps  total (median)  vs raw  over raw, paired  outside buildx build, vs raw  docker calls  cold start'
  );
  for (const x of results) {
    for (const way of ['hosted', 'self-hosted', 'raw']) {
      const w = x[way];
      const over = way === 'raw' ? '' : signed(w.around - x.raw.around);
      const paired = way === 'raw' ? '' : signed(w.paired);
      console.log(
        `${x.kind.padEnd(8)}  ${way.padEnd(11)}  ${String(x.reps).padStart(4)}  ${s(w.ms).padStart(14)}  ${(w.ms / x.raw.ms).toFixed(3).padStart(6)}  ${paired.padStart(16)}  ${`${s(w.around)} ${over}`.padStart(29)}  ${String(w.calls).padStart(12)}  ${w.cold === undefined ? '' : `${w.cold.toFixed(0).padStart(7)} ms`}`
      );
    }
  }
  console.log(
    'targets: hosted tiny within +0.3 s of raw outside the build and <= 5 docker calls; cold start <= 100 ms'
  );
  console.log('"over raw, paired": the median over rounds of this way minus raw in the same round');
  console.log(
    '(the build itself varies by +-0.5 s run to run on this 2-core machine, which dominates the total ratio)'
  );
  for (const x of results) {
    console.log(`\nwhere the ${x.kind} push's time goes (medians, ms)`.padEnd(70) + '  hosted  self-hosted   raw');
    for (const row of Object.values(ROWS)) {
      const cells = ['hosted', 'self-hosted', 'raw'].map(w => x[w].rows[row].toFixed(0));
      console.log(`${row.padEnd(68)}  ${cells[0].padStart(6)}  ${cells[1].padStart(11)}  ${cells[2].padStart(5)}`);
    }
  }
}
