/**
 * Cross-check of a reference fixture against an independent computation in Node: the engine's
 * own HMC (src/engine/targets/blr/buildReference.ts: Laplace-whitened static HMC, its own random
 * numbers, no code shared with scripts/reference/blr_reference.py) and the Laplace approximation.
 * Prints, per data set, the largest |mean difference| in reference sds and the range of the
 * variance ratios.
 *
 *   npx tsx scripts/reference/cross_check.ts [ionosphere] [--chains 4 --warmup 1000 --samples 5000]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BLR_DATA_SETS, blrDataFromText, buildBlrReference, isVendoredBlrData, laplace } from '../../src/engine/targets/blr';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { chains: { type: 'string', default: '4' }, warmup: { type: 'string', default: '1000' }, samples: { type: 'string', default: '5000' }, seed: { type: 'string', default: '7' } },
});
const root = new URL('../../', import.meta.url).pathname;
for (const name of positionals.length ? positionals : ['ionosphere']) {
  if (!isVendoredBlrData(name)) throw new Error(`unknown data set ${name}`);
  const data = blrDataFromText(name, {
    csv: readFileSync(`${root}data/${BLR_DATA_SETS[name].file}`, 'utf8'),
    reference: JSON.parse(readFileSync(`${root}data/reference/${name}.json`, 'utf8')),
  });
  const ref = data.reference!;
  const d = ref.dim;
  const t0 = performance.now();
  let last = 0;
  const mine = buildBlrReference(
    data,
    { chains: Number(values.chains), warmup: Number(values.warmup), samples: Number(values.samples), seed: Number(values.seed) },
    {
      chunk: 100,
      onProgress: (p) => {
        if (performance.now() - last > 10_000) {
          last = performance.now();
          console.error(`  ${name}: ${p.phase} ${p.iteration}/${p.total}`);
        }
      },
    },
  )!;
  const secs = (performance.now() - t0) / 1000;
  const lap = laplace(data.problem);
  const compare = (mean: ArrayLike<number>, variance: (k: number) => number) => {
    let maxZ = 0, lo = Infinity, hi = 0;
    for (let k = 0; k < d; k++) {
      maxZ = Math.max(maxZ, Math.abs(mean[k] - ref.mean[k]) / Math.sqrt(ref.variance[k]));
      const r = variance(k) / ref.variance[k];
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    return `max |mean - ref| / sd ${maxZ.toFixed(3)}, variance ratio ${lo.toFixed(3)}-${hi.toFixed(3)}`;
  };
  console.log(`${name} (d = ${d}):`);
  console.log(`  engine HMC (${mine.source}; ${secs.toFixed(0)} s; max R-hat ${mine.diagnostics.maxRhat.toFixed(4)}, min ESS ${mine.diagnostics.minEss.toFixed(0)}): ${compare(mine.mean, (k) => mine.variance[k])}`);
  console.log(`  Laplace approximation: ${compare(lap.mode, (k) => lap.cov[k * d + k])}`);
}
