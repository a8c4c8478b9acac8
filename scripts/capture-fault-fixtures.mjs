#!/usr/bin/env node
// Captures the error-line fixtures of a failing push, a failing builder boot and a failing cache export from the
// lab's real CLI (the builder's BuildKit behind the e2e fault proxy), named buildx-<version>-<scenario>.txt: what
// the step's diagnosis and its retry policy read. Run it on a lab profile (scripts/lab.sh up) after
// scripts/capture-fixtures.sh; the runner profile gives buildx 0.29's.
//   node scripts/capture-fault-fixtures.mjs [OUT_DIR]   (default __tests__/fixtures)
import {spawn, spawnSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {startFaultProxy} from '../__tests__/e2e/fault-proxy.ts';

const OUT = process.argv[2] ?? '__tests__/fixtures';
const REG = 'localhost:5000';
const BUILDKIT = 'moby/buildkit:buildx-stable-1';
const docker = args => spawnSync('docker', args, {encoding: 'utf8'});
/** docker without blocking: the fault proxy answers from this process's event loop. */
const dockerAsync = args =>
  new Promise(resolve => {
    const child = spawn('docker', args);
    let stderr = '';
    child.stderr.on('data', d => (stderr += d));
    child.on('close', status => resolve({status, stderr}));
  });
const version = /\sv?(\d+\.\d+)/.exec(docker(['buildx', 'version']).stdout)[1];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fx-faults-'));
const ctx = path.join(work, 'ctx');
fs.mkdirSync(ctx);
fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${REG}/busybox:latest\nARG NONCE\nRUN echo "$NONCE" > /n\n`);

const createArgs = (name, image) => [
  ...['buildx', 'create', '--name', name, '--driver', 'docker-container'],
  ...['--driver-opt', 'network=host', '--driver-opt', `image=${image}`]
];
const builder = `fxf-${process.pid}`;
docker(createArgs(builder, BUILDKIT));

/** One failing build, its plain progress written as the fixture (it must fail: a capture that passed is no fixture). */
async function capture(scenario, args, on = builder) {
  const argv = ['buildx', 'build', '--builder', on, '--progress', 'plain', '--build-arg', `NONCE=${Date.now()}`];
  const run = await dockerAsync([...argv, ...args, ctx]);
  const file = path.join(OUT, `buildx-${version}-${scenario}.txt`);
  fs.writeFileSync(file, run.stderr);
  const last = run.stderr.trim().split('\n').at(-1);
  console.log(`[fixtures] ${scenario}: exit ${run.status}, ${last.slice(0, 160)}`);
  if (scenario !== 'cache-export-failed-ignored' && run.status === 0) throw new Error(`${scenario} did not fail`);
}

/** A push through the proxy whose manifest PUTs all meet `rule`. */
async function push(scenario, rule) {
  const proxy = await startFaultProxy([{method: 'PUT', path: /\/manifests\//, ...rule}]);
  try {
    await capture(scenario, ['--platform', 'linux/amd64', '--tag', `${proxy.host}/fx/${scenario}:1`, '--push']);
  } finally {
    await proxy.close();
  }
}

try {
  await push('push-401', {status: 401, headers: {'www-authenticate': 'Basic realm="lab"'}});
  await push('push-429', {status: 429, headers: {'retry-after': '1'}});
  await push('push-503', {status: 503});
  // BuildKit's last try meets the dropped connection as EOF (0.13's, caught mid-write, as a closed connection)
  await push('push-reset-eof', {status: 0, reset: true});
  // nothing listens on port 5999: the image pushes, the cache export after it fails
  const cache = ['--platform', 'linux/amd64', '--tag', `${REG}/fx/cx:1`, '--push'];
  await capture('cache-export-failed', [...cache, '--cache-to', 'type=registry,ref=localhost:5999/cx,mode=max']);
  await capture('cache-export-failed-ignored', [
    ...cache,
    '--cache-to',
    'type=registry,ref=localhost:5999/cx,mode=max,ignore-error=true'
  ]);
  // the builder's own image pulled through the proxy, which answers 503
  const proxy = await startFaultProxy([{path: /\/buildkit\/manifests\//, status: 503}]);
  const booting = `${builder}-boot`;
  try {
    docker(createArgs(booting, `${proxy.host}/buildkit:debian`));
    await capture('boot-pull-503', ['--platform', 'linux/amd64'], booting);
  } finally {
    docker(['buildx', 'rm', booting]);
    await proxy.close();
  }
} finally {
  docker(['buildx', 'rm', builder]);
  fs.rmSync(work, {recursive: true, force: true});
}
