import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POSTERIOR_METRIC_NAMES, posteriorMetrics, REFERENCE_METRIC_NAMES } from '../../src/engine/metrics/posterior';
import { sliceDirections, slicedW2Nd } from '../../src/engine/metrics/nd/slicedW2';
import { Rng } from '../../src/engine/random/rng';
import { BLR_DATA_SETS, blrDataFromText, buildBlrReference, laplace, type BlrData, type ReferenceProgress } from '../../src/engine/targets/blr';

const root = new URL('../..', import.meta.url).pathname;
const ionosphere: BlrData = blrDataFromText('ionosphere', {
  csv: readFileSync(`${root}data/${BLR_DATA_SETS.ionosphere.file}`, 'utf8'),
  reference: JSON.parse(readFileSync(`${root}data/reference/ionosphere.json`, 'utf8')),
});

describe('sliced W2 in d dimensions', () => {
  it('uses fixed unit directions; is 0 between a set and itself; equals the mean projected shift for a translated copy', () => {
    const d = 7;
    const dirs = sliceDirections(d, 50);
    expect(sliceDirections(d, 50)).toBe(dirs);
    for (let l = 0; l < 50; l++) expect(Math.hypot(...dirs.subarray(l * d, (l + 1) * d))).toBeCloseTo(1, 12);
    const rng = new Rng(2);
    const x = Float64Array.from({ length: 40 * d }, () => rng.normal());
    expect(slicedW2Nd(x, x, d, 50)).toBe(0);
    const shift = Float64Array.from({ length: d }, (_, k) => 0.3 * (k - 3));
    const y = Float64Array.from(x, (v, t) => v + shift[t % d]);
    let expected = 0;
    for (let l = 0; l < 50; l++) {
      let p = 0;
      for (let k = 0; k < d; k++) p += dirs[l * d + k] * shift[k];
      expected += (p * p) / 50;
    }
    expect(slicedW2Nd(x, y, d, 50)).toBeCloseTo(Math.sqrt(expected), 12);
  });
});

describe('posterior metrics (BLR)', () => {
  it('are near their ideal for draws of the reference posterior and flag a collapsed cloud', { timeout: 30_000 }, () => {
    const ref = ionosphere.reference!;
    const d = ref.dim;
    // 200 of the reference's own draws: a perfect sampler's particles.
    const good = ref.draws.slice(0, 200 * d);
    const m = posteriorMetrics(ionosphere, good);
    expect(Object.keys(m).sort()).toEqual([...POSTERIOR_METRIC_NAMES].sort());
    expect(m.varRatioMean).toBeGreaterThan(0.85);
    expect(m.varRatioMean).toBeLessThan(1.15);
    expect(m.varRatioMedian).toBeGreaterThan(0.85);
    expect(m.meanErrorSd).toBeLessThan(0.15);
    expect(m.testAccuracy).toBeGreaterThan(0.8);
    // Every particle at the reference mean: no variance, the mean is right, the distances grow.
    const collapsed = new Float64Array(100 * d);
    for (let i = 0; i < 100; i++) collapsed.set(ref.mean, i * d);
    const c = posteriorMetrics(ionosphere, collapsed);
    expect(c.varRatioMean).toBeLessThan(1e-20);
    expect(c.meanErrorSd).toBeLessThan(1e-12);
    expect(c.energy).toBeGreaterThan(3 * m.energy);
    expect(c.slicedW2).toBeGreaterThan(2 * m.slicedW2);
    // A cloud one reference sd off in every coordinate: the mean error in sds is 1.
    const off = Float64Array.from(good, (v, t) => v + Math.sqrt(ref.variance[t % d]));
    expect(posteriorMetrics(ionosphere, off).meanErrorSd - m.meanErrorSd).toBeGreaterThan(0.8);
    // Non-finite particles are dropped and counted.
    const broken = Float64Array.from(good);
    broken[5] = NaN;
    expect(posteriorMetrics(ionosphere, broken).finiteFraction).toBe(199 / 200);
  });

  it('without a reference: only the predictive metrics, with nothing made up', () => {
    const noRef: BlrData = { problem: ionosphere.problem, reference: null };
    const m = posteriorMetrics(noRef, ionosphere.reference!.draws.slice(0, 50 * 33));
    expect(Object.keys(m).sort()).toEqual(['finiteFraction', 'testAccuracy', 'testLogPredictive']);
    for (const name of REFERENCE_METRIC_NAMES) expect(m[name]).toBeUndefined();
  });
});

describe('buildBlrReference (HMC in the engine)', () => {
  /** A well-determined synthetic problem (many rows, weak signal): its posterior is close to the Laplace Gaussian. */
  function synthetic(): BlrData {
    const rng = new Rng(9);
    const lines = ['a,b,c,label'];
    for (let i = 0; i < 400; i++) {
      const x = [rng.normal(), rng.normal(), rng.normal()];
      const z = 0.8 * x[0] - 0.5 * x[1] + 0.2 * x[2];
      lines.push([...x.map((v) => v.toFixed(6)), rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0].join(','));
    }
    return blrDataFromText('synthetic', { csv: lines.join('\n') });
  }

  it('agrees with the Laplace approximation on a near-Gaussian posterior, reports R-hat and ESS and its progress', { timeout: 60_000 }, () => {
    const data = synthetic();
    const progress: ReferenceProgress[] = [];
    const ref = buildBlrReference(data, { chains: 4, warmup: 300, samples: 1000, seed: 3 }, { onProgress: (p) => progress.push(p), chunk: 100 })!;
    expect(progress.map((p) => p.iteration)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300]);
    expect(progress.at(-1)!.phase).toBe('done');
    expect(progress[0].phase).toBe('warmup');
    expect(progress[3].phase).toBe('sampling');
    const lap = laplace(data.problem);
    const d = data.problem.dim;
    for (let k = 0; k < d; k++) {
      const sd = Math.sqrt(lap.cov[k * d + k]);
      expect(Math.abs(ref.mean[k] - lap.mode[k])).toBeLessThan(0.1 * sd);
      expect(ref.variance[k] / lap.cov[k * d + k]).toBeGreaterThan(0.85);
      expect(ref.variance[k] / lap.cov[k * d + k]).toBeLessThan(1.15);
    }
    expect(ref.diagnostics.maxRhat).toBeLessThan(1.02);
    expect(ref.diagnostics.minEss).toBeGreaterThan(1000);
    expect(ref.diagnostics.acceptance).toBeGreaterThan(0.6);
    expect(ref.draws.length).toBe(2000 * d);
    expect(Array.from(ref.testRows)).toEqual(Array.from(data.problem.testRows));
    // With it the posterior metrics are complete.
    const m = posteriorMetrics({ problem: data.problem, reference: ref }, ref.draws.slice(0, 300 * d));
    expect(m.varRatioMean).toBeGreaterThan(0.8);
  });

  it('stops when asked, returning null', () => {
    let calls = 0;
    expect(buildBlrReference(synthetic(), { warmup: 500, samples: 500 }, { stop: () => ++calls > 2, chunk: 10 })).toBeNull();
    expect(calls).toBe(3);
  });
});
