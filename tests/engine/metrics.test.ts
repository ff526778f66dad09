import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  energyDistance,
  exactReference,
  jensenShannon,
  ksd,
  METRIC_INFO,
  METRIC_NAMES,
  modeBalance,
  modeCoverage,
  slicedW2,
} from '../../src/engine/metrics';
import { Rng } from '../../src/engine/random/rng';
import { createFormulaTarget } from '../../src/engine/targets/formula';
import { createPresetTarget } from '../../src/engine/targets/presets';
import type { Target } from '../../src/engine/targets/types';
import { meanCov } from './helpers';

/** n standard normal points (n, 2), shifted along x by `shift`. */
function normals(n: number, seed: number, shift = 0): Float64Array {
  const x = new Rng(seed, 7).fillNormal(new Float64Array(2 * n));
  for (let i = 0; i < n; i++) x[2 * i] += shift;
  return x;
}

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

function expectIncreasing(values: number[]): void {
  for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThan(values[k - 1]);
}

describe('energy distance and sliced W2', () => {
  it('are 0 for a sample against itself', () => {
    const x = normals(300, 1);
    expect(energyDistance(x, x)).toBeLessThan(1e-12);
    expect(slicedW2(x, x)).toBeLessThan(1e-12);
  });

  it('are small for two samples of one law and grow with a shift', () => {
    const x = normals(1000, 2);
    const shifts = [0, 0.5, 1, 2];
    const e = shifts.map((s) => energyDistance(x, normals(1000, 3, s)));
    const w = shifts.map((s) => slicedW2(x, normals(1000, 3, s)));
    expect(e[0]).toBeLessThan(0.01);
    expect(w[0]).toBeLessThan(0.1);
    expectIncreasing(e);
    expectIncreasing(w);
    // A pure shift by (s, 0): the mean over directions of (s cos theta)^2 is s^2 / 2.
    expect(w[3]).toBeCloseTo(Math.SQRT1_2 * 2, 1);
  });

  it('sliced W2 handles different sample sizes by interpolating quantiles', () => {
    const x = normals(500, 4);
    const y = normals(2000, 5);
    expect(slicedW2(x, y)).toBeLessThan(0.1);
    expect(slicedW2(x, normals(2000, 5, 1))).toBeGreaterThan(0.5);
  });
});

describe('KSD (IMQ)', () => {
  it('is small for exact standard-normal samples and grows with a shift', () => {
    const scoreOf = (x: Float64Array): Float64Array => x.map((v) => -v); // standard normal: s(x) = -x
    const values = [0, 0.5, 1, 2].map((s) => {
      const x = normals(500, 6, s);
      // Scores of the standard normal, evaluated at the (possibly shifted) particles.
      return ksd(x, scoreOf(x));
    });
    expect(values[0]).toBeLessThan(0.15);
    expectIncreasing(values);
    expect(values[2]).toBeGreaterThan(3 * values[0]);
  });

  it('of a single particle is sqrt(||s||^2 + 2)', () => {
    expect(ksd(new Float64Array([1, 2]), new Float64Array([3, 4]))).toBeCloseTo(Math.sqrt(27), 12);
  });
});

describe('exact reference', () => {
  const gaussian = createPresetTarget('gaussian');

  it('normalises the gaussian preset and reproduces its moments', () => {
    const ref = exactReference(gaussian);
    expect(ref.grid).toBe(256);
    expect(ref.probs.length).toBe(256 * 256);
    expect(sum(ref.probs)).toBeCloseTo(1, 12);
    expect(sum(ref.marginalX)).toBeCloseTo(1, 12);
    expect(sum(ref.marginalY)).toBeCloseTo(1, 12);
    expect(Math.abs(ref.mean[0])).toBeLessThan(1e-2);
    expect(Math.abs(ref.mean[1])).toBeLessThan(1e-2);
    expect(ref.cov[0][0]).toBeCloseTo(1, 2);
    expect(ref.cov[1][1]).toBeCloseTo(1, 2);
    expect(ref.cov[0][1]).toBeCloseTo(0.9, 2);
    expect(ref.cov[1][0]).toBe(ref.cov[0][1]);
  });

  it('integrates the normalised density to 1 (probs are cell masses of the exact density)', () => {
    // The preset is exactly normalised, so cell mass ~ pi(centre) * cell area.
    const ref = exactReference(gaussian);
    const area = (8 / 256) ** 2;
    const c = 128 * 256 + 128; // cell just above/right of the origin
    const x = 4 / 256, y = 4 / 256;
    expect(ref.probs[c] / (Math.exp(gaussian.logDensityAt(x, y)) * area)).toBeCloseTo(1, 3);
  });

  it('draws reference samples with the right mean and covariance', () => {
    const ref = exactReference(gaussian);
    expect(ref.samples.length).toBe(2 * 2000);
    const m = meanCov(ref.samples);
    // Sampling standard error ~ 1 / sqrt(2000) ~ 0.022.
    expect(Math.abs(m.mean[0])).toBeLessThan(0.08);
    expect(Math.abs(m.mean[1])).toBeLessThan(0.08);
    expect(Math.abs(m.varX - 1)).toBeLessThan(0.1);
    expect(Math.abs(m.varY - 1)).toBeLessThan(0.1);
    expect(Math.abs(m.cov - 0.9)).toBeLessThan(0.1);
  });

  it('is cached per target and options', () => {
    const a = exactReference(gaussian);
    expect(exactReference(gaussian)).toBe(a);
    expect(exactReference(gaussian, { grid: 256, samples: 2000 })).toBe(a);
    const small = exactReference(gaussian, { grid: 64, samples: 100 });
    expect(small).not.toBe(a);
    expect(small.probs.length).toBe(64 * 64);
    expect(small.samples.length).toBe(200);
    expect(exactReference(gaussian, { grid: 64, samples: 100 })).toBe(small);
  });

  it('normalises a formula target with its default box', () => {
    const ref = exactReference(createFormulaTarget('0.5*(x^2+y^2)'));
    expect(ref.box).toEqual({ xmin: -4, xmax: 4, ymin: -4, ymax: 4 });
    expect(Math.abs(ref.mean[0])).toBeLessThan(1e-6);
    expect(Math.abs(ref.mean[1])).toBeLessThan(1e-6);
    // Truncation to [-4, 4]^2 removes ~0.1% of the variance.
    expect(ref.cov[0][0]).toBeCloseTo(1, 2);
    expect(ref.cov[1][1]).toBeCloseTo(1, 2);
    expect(Math.abs(ref.cov[0][1])).toBeLessThan(1e-6);
  });

  it('treats non-finite log pi as zero mass and rejects a massless target', () => {
    const half = createFormulaTarget('x^2 + y^2 + log(x)'); // log pi = -inf or NaN for x <= 0
    const ref = exactReference(half, { grid: 32, samples: 50 });
    for (let ix = 0; ix < 16; ix++) expect(ref.marginalX[ix]).toBe(0);
    for (let s = 0; s < 50; s++) expect(ref.samples[2 * s]).toBeGreaterThan(0);
    const dead: Target = { ...half, name: 'dead', logDensity: (p, out) => (out ?? new Float64Array(p.length / 2)).fill(-Infinity) };
    expect(() => exactReference(dead)).toThrow(/zero mass/);
  });
});

describe('mode metrics', () => {
  const ring = createPresetTarget('gmm-ring-8');
  const modes = ring.modes!;
  const at = (idx: number[]): Float64Array => Float64Array.from(idx.flatMap((j) => [...modes[j].center]));

  it('coverage counts modes with a particle within 2 std', () => {
    expect(modes.length).toBe(8);
    expect(modeCoverage(at([0, 3, 5]), modes)).toBe(3 / 8);
    expect(modeCoverage(at([0, 1, 2, 3, 4, 5, 6, 7]), modes)).toBe(1);
    // 0.7 away from a centre (std 0.4): within 2 std; 0.9 away: outside.
    const [cx, cy] = modes[0].center;
    expect(modeCoverage(new Float64Array([cx + 0.7, cy]), modes)).toBe(1 / 8);
    expect(modeCoverage(new Float64Array([cx + 0.9, cy]), modes)).toBe(0);
  });

  it('balance is 0 for an even spread and > 0 otherwise', () => {
    const even = at([0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(modeBalance(even, modes)).toBe(0);
    expect(modeBalance(at([0, 1, 2, 3, 4, 5, 6, 7, 0]), modes)).toBeGreaterThan(0);
    // All particles in one of 8 equal modes.
    const js = modeBalance(at([2, 2, 2]), modes);
    const p = new Float64Array(8); p[2] = 1;
    expect(js).toBeCloseTo(jensenShannon(p, new Float64Array(8).fill(1 / 8)), 14);
    expect(js).toBeGreaterThan(0.3);
    expect(js).toBeLessThanOrEqual(Math.LN2);
  });
});

describe('computeMetrics', () => {
  const gaussian = createPresetTarget('gaussian');

  it('reports every metric, small for reference-like particles', () => {
    const ref = exactReference(gaussian);
    // Independent exact-ish draws: a different seed of the same grid sampler.
    const x = exactReference(gaussian, { seed: 99, samples: 500 }).samples;
    const m = computeMetrics(gaussian, x, ref);
    expect(Object.keys(m).sort()).toEqual(['energy', 'finiteFraction', 'ksd', 'meanError', 'slicedW2', 'varRatioX', 'varRatioY'].sort());
    expect(m.finiteFraction).toBe(1);
    expect(m.energy).toBeLessThan(0.01);
    expect(m.slicedW2).toBeLessThan(0.15);
    expect(m.ksd).toBeLessThan(0.3);
    expect(m.meanError).toBeLessThan(0.15);
    expect(Math.abs(m.varRatioX - 1)).toBeLessThan(0.2);
    expect(Math.abs(m.varRatioY - 1)).toBeLessThan(0.2);
    const bad = computeMetrics(gaussian, x.map((v, k) => (k % 2 === 0 ? v + 1 : v)), ref);
    expect(bad.energy).toBeGreaterThan(m.energy);
    expect(bad.slicedW2).toBeGreaterThan(m.slicedW2);
    expect(bad.ksd).toBeGreaterThan(m.ksd);
    expect(bad.meanError).toBeCloseTo(m.meanError + 1, 0);
  });

  it('drops non-finite particles and gives NaN when none is left', () => {
    const ref = exactReference(gaussian);
    const x = new Float64Array([0, 0, NaN, 1, 0.5, Infinity, 0.3, -0.2]);
    const m = computeMetrics(gaussian, x, ref);
    expect(m.finiteFraction).toBe(0.5);
    expect(Number.isFinite(m.energy) && Number.isFinite(m.ksd) && Number.isFinite(m.slicedW2)).toBe(true);
    const none = computeMetrics(gaussian, new Float64Array([NaN, 0, Infinity, 1]), ref);
    expect(none.finiteFraction).toBe(0);
    for (const k of ['energy', 'slicedW2', 'ksd', 'meanError', 'varRatioX', 'varRatioY']) expect(none[k]).toBeNaN();
  });

  it('subsamples deterministically above maxParticles', () => {
    const ref = exactReference(gaussian);
    const x = normals(1200, 11);
    const a = computeMetrics(gaussian, x, ref, { maxParticles: 300, directions: 16, referenceSamples: 500 });
    const b = computeMetrics(gaussian, x, ref, { maxParticles: 300, directions: 16, referenceSamples: 500 });
    expect(a).toEqual(b);
    const strided = new Float64Array(600);
    for (let j = 0; j < 300; j++) { strided[2 * j] = x[8 * j]; strided[2 * j + 1] = x[8 * j + 1]; }
    expect(a.energy).toBeCloseTo(energyDistance(strided, ref.samples.subarray(0, 1000)), 12);
    expect(a.slicedW2).toBeCloseTo(slicedW2(strided, ref.samples.subarray(0, 1000), 16), 12);
  });

  it('adds mode metrics for mixtures', () => {
    const ring = createPresetTarget('gmm-ring-8');
    const ref = exactReference(ring);
    const three = Float64Array.from([0, 3, 5].flatMap((j) => [...ring.modes![j].center]));
    const m = computeMetrics(ring, three, ref);
    expect(m.modeCoverage).toBe(3 / 8);
    expect(m.modeBalance).toBeGreaterThan(0);
    expect(computeMetrics(ring, ref.samples, ref).modeCoverage).toBe(1);
  });

  it('documents every metric', () => {
    for (const name of METRIC_NAMES) {
      expect(METRIC_INFO[name].doc.length).toBeGreaterThan(10);
      expect(typeof METRIC_INFO[name].lowerIsBetter).toBe('boolean');
    }
  });
});
