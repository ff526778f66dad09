import { describe, expect, it } from 'vitest';
import { energyDistance, jensenShannon, modeBalance, modeCoverage, momentErrors, nearestModeShares } from '../../src/engine/metrics';
import {
  chiCdf,
  chiQuantile,
  computeMetricsNd,
  coverageRadius,
  energyDistanceNd,
  modeBalanceNd,
  modeCoverageNd,
  momentErrorsNd,
  ndReference,
  nearestModeSharesNd,
} from '../../src/engine/metrics/nd';
import { Rng } from '../../src/engine/random/rng';
import { createNdTarget, type NdMode, type TargetNd } from '../../src/engine/targets/nd';
import { createPresetTarget } from '../../src/engine/targets/presets';

const draw = (t: TargetNd, n: number, seed: number): Float64Array => t.sample(n, new Rng(seed, 9));

/** n points around mode `k` of a mixture: centre + scale * N(0, I). */
function onMode(t: TargetNd, k: number, n: number, seed: number, scale = 0.5): Float64Array {
  const d = t.dim;
  const c = t.modes![k].center;
  const x = new Rng(seed, 9).fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n * d; i++) x[i] = c[i % d] + scale * x[i];
  return x;
}

describe('chi distribution', () => {
  it('matches known quantiles', () => {
    // chi_1 is |N(0, 1)|; chi_2^2 is exponential with mean 2; chi-square tables for d = 10, 100.
    expect(chiQuantile(1, 0.99)).toBeCloseTo(2.5758293, 6);
    expect(chiQuantile(2, 0.99)).toBeCloseTo(Math.sqrt(-2 * Math.log(0.01)), 10);
    expect(chiQuantile(10, 0.99) ** 2).toBeCloseTo(23.2093, 3);
    expect(chiQuantile(100, 0.99) ** 2).toBeCloseTo(135.807, 2);
    expect(chiCdf(chiQuantile(37, 0.3), 37)).toBeCloseTo(0.3, 12);
    expect(chiCdf(0, 5)).toBe(0);
    expect(chiCdf(Infinity, 5)).toBe(1);
  });

  it('holds 99% of standard normal draws within coverageRadius(d)', () => {
    const d = 40, n = 20000;
    const x = new Rng(1, 9).fillNormal(new Float64Array(n * d));
    const r2 = coverageRadius(d) ** 2;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x[i * d + k] ** 2;
      if (s <= r2) inside++;
    }
    expect(Math.abs(inside / n - 0.99)).toBeLessThan(4 * Math.sqrt(0.99 * 0.01 / n));
  });
});

describe('moments in d dimensions', () => {
  it('variance ratios are ~1 for exact draws and ~0.25 for draws scaled by 0.5', () => {
    const t = createNdTarget('aniso-gaussian', 10);
    const x = draw(t, 5000, 1);
    const m = momentErrorsNd(x, 10, t.mean, t.variance);
    expect(m.varRatio.length).toBe(10);
    expect(Math.abs(m.meanVarRatio - 1)).toBeLessThan(0.03);
    expect(m.minVarRatio).toBeGreaterThan(0.93);
    expect(m.minVarRatio).toBeLessThanOrEqual(m.meanVarRatio);
    // Error of the mean ~ sqrt(sum var / n) = sqrt(3.7 / 5000) ~ 0.03.
    expect(m.meanError).toBeLessThan(0.1);
    const half = momentErrorsNd(x.map((v) => 0.5 * v), 10, t.mean, t.variance);
    expect(half.meanVarRatio).toBeCloseTo(0.25 * m.meanVarRatio, 12);
    expect(Math.abs(half.meanVarRatio - 0.25)).toBeLessThan(0.01);
  });

  it('mean error measures a shift, and the min ratio finds one collapsed coordinate', () => {
    const t = createNdTarget('iso-gaussian', 6);
    const x = draw(t, 4000, 2);
    const base = momentErrorsNd(x, 6, t.mean, t.variance);
    const shifted = x.map((v, i) => (i % 6 === 2 ? v + 3 : i % 6 === 4 ? v - 4 : v));
    expect(momentErrorsNd(shifted, 6, t.mean, t.variance).meanError).toBeCloseTo(5, 1);
    const squashed = x.map((v, i) => (i % 6 === 3 ? 0.1 * v : v));
    const sq = momentErrorsNd(squashed, 6, t.mean, t.variance);
    expect(sq.minVarRatio).toBeCloseTo(0.01 * base.varRatio[3], 12);
    expect(sq.meanVarRatio).toBeGreaterThan(0.8);
    expect(() => momentErrorsNd(x, 6, [0, 0], [1, 1])).toThrow(/expected the dimension 6/);
  });
});

describe('energy distance in d dimensions', () => {
  const t = createNdTarget('iso-gaussian', 10);
  const x = draw(t, 600, 3);
  const y = draw(t, 600, 4);

  it('is 0 for a set against itself, ~0 for two exact sets and grows with a shift', () => {
    expect(energyDistanceNd(x, x, 10)).toBeLessThan(1e-12);
    const e0 = energyDistanceNd(x, y, 10);
    expect(e0).toBeLessThan(0.05);
    const values = [0.5, 1, 2].map((s) => energyDistanceNd(x.map((v, i) => (i % 10 === 0 ? v + s : v)), y, 10));
    expect(values[0]).toBeGreaterThan(e0);
    expect(values[1]).toBeGreaterThan(values[0]);
    expect(values[2]).toBeGreaterThan(values[1]);
    expect(values[1]).toBeGreaterThan(5 * e0);
  });

  it('sees a variance collapse that leaves the mean right', () => {
    const e0 = energyDistanceNd(x, y, 10);
    expect(energyDistanceNd(x.map((v) => 0.5 * v), y, 10)).toBeGreaterThan(10 * e0);
  });
});

describe('mode metrics in d dimensions', () => {
  it('exact gmm-d draws cover every mode and are balanced, at d = 7 and d = 100', () => {
    for (const d of [7, 100]) {
      const t = createNdTarget('gmm-d', d);
      const x = draw(t, 2000, 5);
      expect(modeCoverageNd(x, d, t.modes!)).toBe(1);
      expect(modeBalanceNd(x, d, t.modes!)).toBeLessThan(0.005);
    }
  });

  it('the fixed 2-std radius of the 2D metric fails in high d: it misses exact draws', () => {
    const t = createNdTarget('gmm-d', 50);
    expect(modeCoverageNd(draw(t, 2000, 6), 50, t.modes!, 2)).toBe(0);
  });

  it('all particles on one mode give coverage 1/K and the one-hot balance', () => {
    for (const d of [7, 100]) {
      const t = createNdTarget('gmm-d', d);
      const K = t.modes!.length;
      const x = onMode(t, 3, 500, 7);
      expect(modeCoverageNd(x, d, t.modes!)).toBe(1 / K);
      // JS(one-hot, uniform on K) in closed form.
      const want = 0.5 * Math.log(2 / (1 + 1 / K)) + 0.5 * (1 / K) * Math.log(2 / (K + 1)) + 0.5 * ((K - 1) / K) * Math.log(2);
      expect(modeBalanceNd(x, d, t.modes!)).toBeCloseTo(want, 12);
    }
  });

  it('two of ten modes give coverage 0.2; particles far from every centre cover nothing', () => {
    const t = createNdTarget('gmm-d', 20);
    const x = new Float64Array([...onMode(t, 0, 50, 8), ...onMode(t, 9, 50, 9)]);
    expect(modeCoverageNd(x, 20, t.modes!)).toBe(0.2);
    expect(Array.from(nearestModeSharesNd(x, 20, t.modes!))).toEqual([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]);
    expect(modeCoverageNd(new Float64Array(20).fill(30), 20, t.modes!)).toBe(0);
    expect(() => modeCoverageNd(x, 19, t.modes!)).toThrow(/expected the dimension 19/);
  });
});

describe('agreement with the 2D metrics at d = 2', () => {
  // gmm-grid-4: std 1, separation 6, so the 2-std discs do not overlap.
  const grid = createPresetTarget('gmm-grid-4');
  const gridModes: NdMode[] = grid.modes!.map((m) => ({ center: Float64Array.from(m.center), std: m.std, weight: m.weight }));
  // A cloud that misses one mode and is uneven over the others, plus stragglers between modes.
  const rng = new Rng(10, 9);
  const pts: number[] = [];
  for (let i = 0; i < 300; i++) {
    const m = grid.modes![i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2];
    pts.push(m.center[0] + 1.3 * rng.normal(), m.center[1] + 1.3 * rng.normal());
  }
  pts.push(0, 0, 0.5, -1.2);
  const x = Float64Array.from(pts);
  const gmm2 = createNdTarget('gmm-d', 2);

  it('energy distance equals energyDistance', () => {
    const y = draw(gmm2, 400, 11);
    expect(energyDistanceNd(x, y, 2)).toBeCloseTo(energyDistance(x, y), 12);
    expect(energyDistanceNd(y, x, 2)).toBeCloseTo(energyDistance(y, x), 12);
  });

  it('moments equal momentErrors', () => {
    const refMean: [number, number] = [0.3, -0.2];
    const refVar: [number, number] = [9, 4];
    const a = momentErrors(x, refMean, refVar);
    const b = momentErrorsNd(x, 2, refMean, refVar);
    expect(b.meanError).toBeCloseTo(a.meanError, 12);
    expect(b.varRatio[0]).toBeCloseTo(a.varRatioX, 12);
    expect(b.varRatio[1]).toBeCloseTo(a.varRatioY, 12);
    expect(b.minVarRatio).toBeCloseTo(Math.min(a.varRatioX, a.varRatioY), 12);
  });

  it('mode coverage with radius 2 std equals modeCoverage; shares and balance equal the 2D ones', () => {
    const c2 = modeCoverage(x, grid.modes!);
    expect(c2).toBe(0.75);
    expect(modeCoverageNd(x, 2, gridModes, 2)).toBe(c2);
    const one = Float64Array.from(grid.modes![2].center);
    expect(modeCoverageNd(one, 2, gridModes, 2)).toBe(modeCoverage(one, grid.modes!));
    expect(Array.from(nearestModeSharesNd(x, 2, gridModes))).toEqual(Array.from(nearestModeShares(x, grid.modes!)));
    expect(modeBalanceNd(x, 2, gridModes)).toBeCloseTo(modeBalance(x, grid.modes!), 14);
    expect(modeBalanceNd(x, 2, gridModes)).toBeGreaterThan(0.05);
  });

  it('gmm-d at d = 2 (modes at (5, 0) and (0, 5)) agrees with the 2D metrics on its own modes', () => {
    const modes2 = gmm2.modes!.map((m) => ({ center: [m.center[0], m.center[1]] as const, std: m.std, weight: m.weight }));
    const y = draw(gmm2, 500, 12);
    expect(modeCoverageNd(y, 2, gmm2.modes!, 2)).toBe(modeCoverage(y, modes2));
    expect(modeBalanceNd(y, 2, gmm2.modes!)).toBeCloseTo(modeBalance(y, modes2), 14);
    expect(jensenShannon(nearestModeSharesNd(y, 2, gmm2.modes!), new Float64Array([0.5, 0.5]))).toBeCloseTo(
      modeBalance(y, modes2),
      14,
    );
  });
});

describe('computeMetricsNd', () => {
  it('reports every metric, good for exact draws and bad for a collapsed cloud', () => {
    const t = createNdTarget('gmm-d', 8);
    const ref = ndReference(t, { samples: 500 });
    expect(ndReference(t, { samples: 500 })).toBe(ref);
    expect(ref.samples.length).toBe(500 * 8);
    const good = computeMetricsNd(t, draw(t, 800, 13), ref);
    expect(Object.keys(good).sort()).toEqual(
      ['energy', 'finiteFraction', 'meanError', 'modeBalance', 'modeCoverage', 'varRatioMean', 'varRatioMin'].sort(),
    );
    expect(good.finiteFraction).toBe(1);
    expect(good.modeCoverage).toBe(1);
    expect(good.energy).toBeLessThan(0.05);
    expect(Math.abs(good.varRatioMean - 1)).toBeLessThan(0.1);
    const bad = computeMetricsNd(t, onMode(t, 0, 800, 14), ref);
    expect(bad.modeCoverage).toBe(1 / 8);
    expect(bad.energy).toBeGreaterThan(20 * good.energy);
    expect(bad.varRatioMin).toBeLessThan(0.1);
  });

  it('drops non-finite rows, subsamples for the energy and omits mode metrics without modes', () => {
    const t = createNdTarget('iso-gaussian', 3);
    const ref = ndReference(t, { samples: 200 });
    const x = draw(t, 300, 15);
    x[4] = NaN;
    x[3 * 7] = Infinity;
    const m = computeMetricsNd(t, x, ref, { maxParticles: 100 });
    expect(m.finiteFraction).toBeCloseTo(298 / 300, 15);
    expect('modeCoverage' in m).toBe(false);
    expect(Number.isFinite(m.energy)).toBe(true);
    expect(computeMetricsNd(t, new Float64Array([NaN, 0, 0]), ref).energy).toBeNaN();
    expect(() => computeMetricsNd(createNdTarget('iso-gaussian', 4), x, ref)).toThrow(/dimension 3/);
  });
});
