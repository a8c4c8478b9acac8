// npm run bench's signing scenario: the tiny 3-platform push by the action as on a GitHub-hosted runner, with
// `sign: true` (keyless: the job's token from the stand-in token service, a Fulcio certificate, a Rekor entry and
// a timestamp from the local Sigstore stand-in, the bundle written to the lab registry and checked there) and
// without, and signed with `attest: provenance` (a second bundle, the SLSA provenance), beside raw buildx,
// interleaved and rotated in the same run. The figures are paired medians: (signed - unsigned), the time signing
// adds, and (attested - signed), the time the provenance adds to it.
import {median} from './bench-account.mjs';

const WAYS = ['signed', 'attested', 'unsigned', 'raw'];

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
    const turn = i % WAYS.length;
    for (const way of [...WAYS.slice(turn), ...WAYS.slice(0, turn)]) {
      const tag = `${reg}/bench/sign:${way}`;
      if (way === 'raw') runs.raw.push(viaRaw(ctx, tag, `r${nonce}`).ms);
      else {
        const extra = {
          signed: {cache: 'none', ...instance},
          attested: {cache: 'none', ...instance, attest: 'provenance'},
          unsigned: {cache: 'none'}
        }[way];
        const run = await viaAction(ctx, tag, `${way[0]}${nonce}`, extra, {...hosted, ...sigstore.env});
        if (way !== 'unsigned' && run.outputs.signed !== 'true') throw new Error(`the ${way} way signed nothing`);
        if (way === 'attested' && run.outputs.attestations === '{}')
          throw new Error('the attested way attested nothing');
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
    attestAdds: paired('attested', 'signed'),
    signedOverRaw: paired('signed', 'raw')
  };
}

export function printSign(x) {
  const s = ms => `${(ms / 1000).toFixed(2)} s`;
  console.log('\nsigning: tiny 3-platform push, hosted, keyless against the local Sigstore stand-in (medians)');
  const plus = ms => (ms >= 0 ? '+' : '') + s(ms);
  console.log(
    'reps  signed   attested  unsigned  raw      signed/raw  unsigned/raw  signing adds  provenance adds (paired)'
  );
  console.log(
    `${String(x.reps).padStart(4)}  ${s(x.signed).padEnd(7)}  ${s(x.attested).padEnd(8)}  ${s(x.unsigned).padEnd(8)}  ${s(x.raw).padEnd(7)}  ${(x.signed / x.raw).toFixed(3).padStart(10)}  ${(x.unsigned / x.raw).toFixed(3).padStart(12)}  ${plus(x.adds).padStart(12)}  ${plus(x.attestAdds)}`
  );
}
