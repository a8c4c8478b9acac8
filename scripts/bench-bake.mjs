// npm run bench's bake scenario: a two-target bake push (two images of one Dockerfile, different platforms) by the
// action (mode: bake, dist/index.js main + post, a fresh builder) against raw `docker buildx create` +
// `docker buildx bake --push` + `rm` with the same definition, interleaved, in the same run.
import {execFileSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {REAL_DOCKER, runAction} from './run-action.mjs';
import {median} from './bench-account.mjs';

const now = () => Number(process.hrtime.bigint()) / 1e6;

function definition(reg, nonce, way) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-bench-bake-'));
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM ${reg}/busybox:latest AS app\nARG NONCE\nRUN echo "$NONCE" > /nonce && uname -m > /arch\nFROM app AS tool\nRUN echo tool > /tool\n`
  );
  fs.writeFileSync(
    path.join(dir, 'docker-bake.hcl'),
    `group "default" {\n  targets = ["app", "tool"]\n}\ntarget "app" {\n  target = "app"\n  args = {\n    NONCE = "${nonce}"\n  }\n  platforms = ["linux/amd64", "linux/arm64", "linux/arm/v7"]\n  tags = ["${reg}/bench/bake-app:${way}"]\n  attest = ["type=provenance,mode=max"]\n}\ntarget "tool" {\n  inherits = ["app"]\n  target = "tool"\n  platforms = ["linux/amd64", "linux/arm64"]\n  tags = ["${reg}/bench/bake-tool:${way}"]\n}\n`
  );
  return dir;
}

/** The action's bake, as a runner runs it; its post removes the builder (a self-hosted runner's path). */
async function viaAction(dir, buildkit) {
  const t0 = now();
  const run = await runAction({mode: 'bake', workdir: dir, push: 'true', cache: 'none', 'buildkit-image': buildkit});
  if (run.main.code !== 0 || run.post.code !== 0) throw new Error(`bake run failed:\n${run.main.log.slice(-2000)}`);
  return now() - t0;
}

function viaRaw(dir, createArgs) {
  const name = `bench-rawbake-${process.pid}-${Date.now()}`;
  const run = args => execFileSync(REAL_DOCKER, args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']});
  const t0 = now();
  run(createArgs(name));
  try {
    run(['buildx', 'bake', '--builder', name, '--push']);
  } finally {
    run(['buildx', 'rm', name]);
  }
  return now() - t0;
}

/** Runs the scenario `reps` times each way, alternating which goes first; prints the medians and the ratio. */
export async function benchBake(reps, {reg, buildkit, createArgs}) {
  const action = [];
  const raw = [];
  for (let i = 0; i < reps; i++) {
    const nonce = `b${Date.now()}-${i}`;
    const ways = [
      async () => action.push(await viaAction(definition(reg, `a${nonce}`, 'action'), buildkit)),
      async () => raw.push(viaRaw(definition(reg, `r${nonce}`, 'raw'), createArgs))
    ];
    for (const way of i % 2 ? ways.reverse() : ways) await way();
    process.stderr.write(
      `bake ${i + 1}/${reps}: action ${(action.at(-1) / 1000).toFixed(2)} s, raw ${(raw.at(-1) / 1000).toFixed(2)} s\n`
    );
  }
  return {reps, action: median(action), raw: median(raw)};
}

export function printBake(x) {
  console.log('\nbake: two targets (3 + 2 platforms), pushed     reps  action (median)  raw bake (median)  vs raw');
  console.log(
    `${''.padEnd(47)}  ${String(x.reps).padStart(4)}  ${`${(x.action / 1000).toFixed(2)} s`.padStart(15)}  ${`${(x.raw / 1000).toFixed(2)} s`.padStart(17)}  ${(x.action / x.raw).toFixed(3).padStart(6)}`
  );
}
