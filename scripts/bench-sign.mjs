// npm run bench's signing scenario: the tiny 3-platform push by the action as on a GitHub-hosted runner, with
// `sign: true` (keyless: the job's token from the stand-in token service, a Fulcio certificate, a Rekor entry and
// a timestamp from the local Sigstore stand-in, the bundle written to the lab registry and checked there) and
// without, beside raw buildx, interleaved and rotated in the same run. The figure is the paired median of
// (signed - unsigned): the time signing adds.
import {median} from './bench-account.mjs';

const WAYS = ['signed', 'unsigned', 'raw'];

export async function benchSign(reps, {reg, contextFor, viaAction, viaRaw, hosted, sigstore}) {
  const ctx = contextFor('tiny');
  const runs = Object.fromEntries(WAYS.map(w => [w, []]));
  const instance = {
    sign: 'true',
    'fulcio-url': sigstore.fulcioUrl,
    'rekor-url': sigstore.rekorUrl,
    'tsa-url': sigstore.tsaUrl,
    'trusted-root': sigstore.trustedRoot
  };
  for (let i = 0; i < reps; i++) {
    const nonce = `s${Date.now()}-${i}`;
    for (const way of [...WAYS.slice(i % 3), ...WAYS.slice(0, i % 3)]) {
      const tag = `${reg}/bench/sign:${way}`;
      if (way === 'raw') runs.raw.push(viaRaw(ctx, tag, `r${nonce}`).ms);
      else {
        const extra = way === 'signed' ? {cache: 'none', ...instance} : {cache: 'none'};
        const run = await viaAction(ctx, tag, `${way[0]}${nonce}`, extra, {...hosted, ...sigstore.env});
        if (way === 'signed' && run.outputs.signed !== 'true') throw new Error('the signed way signed nothing');
        runs[way].push(run.ms);
      }
    }
    process.stderr.write(
      `sign ${i + 1}/${reps}: ${WAYS.map(w => `${w} ${(runs[w].at(-1) / 1000).toFixed(2)} s`).join(', ')}\n`
    );
  }
  const paired = (a, b) => median(runs[a].map((x, i) => x - runs[b][i]));
  return {
    reps,
    ...Object.fromEntries(WAYS.map(w => [w, median(runs[w])])),
    adds: paired('signed', 'unsigned'),
    signedOverRaw: paired('signed', 'raw')
  };
}

export function printSign(x) {
  const s = ms => `${(ms / 1000).toFixed(2)} s`;
  console.log('\nsigning: tiny 3-platform push, hosted, keyless against the local Sigstore stand-in (medians)');
  console.log('reps  signed   unsigned  raw      signed/raw  unsigned/raw  signing adds (paired)');
  console.log(
    `${String(x.reps).padStart(4)}  ${s(x.signed).padEnd(7)}  ${s(x.unsigned).padEnd(8)}  ${s(x.raw).padEnd(7)}  ${(x.signed / x.raw).toFixed(3).padStart(10)}  ${(x.unsigned / x.raw).toFixed(3).padStart(12)}  ${(x.adds >= 0 ? '+' : '') + s(x.adds)}`
  );
}
