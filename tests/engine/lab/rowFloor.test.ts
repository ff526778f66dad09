import { describe, expect, it } from 'vitest';
import { rowDraws, rowFloor } from '../../../src/engine/lab/rowFloor';
import { weightedEnergyDistance } from '../../../src/engine/lab/weightedEnergy';
import { Rng } from '../../../src/engine/random/rng';

/** m points (m, 2) and a positive row on them (sum 1): a Gaussian bump of weights. */
function someRow(m: number, seed: number) {
  const rng = new Rng(seed, 1);
  const y = rng.fillNormal(new Float64Array(2 * m));
  const w = new Float64Array(m).map((_, j) => Math.exp(-2 * ((y[2 * j] - 0.5) ** 2 + y[2 * j + 1] ** 2)) + 1e-3);
  const s = w.reduce((a, b) => a + b, 0);
  return { y, w: w.map((v) => v / s) };
}

/** Direct energy distance between two weighted measures on the same points (all pairs, float64). */
function directEd(y: Float64Array, a: Float64Array, b: Float64Array): number {
  let ab = 0, aa = 0, bb = 0;
  for (let j = 0; j < a.length; j++)
    for (let k = 0; k < a.length; k++) {
      const d = Math.hypot(y[2 * j] - y[2 * k], y[2 * j + 1] - y[2 * k + 1]);
      ab += a[j] * b[k] * d; aa += a[j] * a[k] * d; bb += b[j] * b[k] * d;
    }
  return 2 * ab - aa - bb;
}

describe("the plan row's sampling floor", () => {
  it('is the mean energy distance between the two renormalised halves of random splits (direct transcription, same splits)', () => {
    const { y, w } = someRow(60, 2);
    const f = rowFloor(y, w, 5, 8);
    // the same splits: Rng(seed, 31), one uniform per point (all points are in the support here)
    const rng = new Rng(5, 31);
    const eds: number[] = [];
    while (eds.length < 8) {
      const inA = Array.from(w, () => rng.uniform() < 0.5);
      const ma = w.reduce((s, v, j) => s + (inA[j] ? v : 0), 0);
      const a = w.map((v, j) => (inA[j] ? v / ma : 0)), b = w.map((v, j) => (inA[j] ? 0 : v / (1 - ma)));
      eds.push(directEd(y, a, b));
    }
    const mean = eds.reduce((s, v) => s + v, 0) / 8;
    expect(f.floor).toBeCloseTo(mean, 12);
    expect(f.floorSd).toBeCloseTo(Math.sqrt(eds.reduce((s, v) => s + (v - mean) ** 2, 0) / 7), 12);
    expect(f.effectivePoints).toBeCloseTo(1 / w.reduce((s, v) => s + v * v, 0), 9);
    expect(f.meanPairDistance).toBeCloseTo(directEd(y, w, new Float64Array(60)) / -1, 12);
  });

  it('n exact draws of the row are D / n from it on average (the V-statistic bias), D = sum w_j w_k |y_j - y_k|', () => {
    const { y, w } = someRow(40, 3);
    const f = rowFloor(y, w, 1);
    const rng = new Rng(4, 0);
    const n = 25, reps = 1500;
    const eds = Array.from({ length: reps }, () => weightedEnergyDistance(rowDraws(y, w, n, rng), y, w));
    const mean = eds.reduce((s, v) => s + v, 0) / reps;
    const se = Math.sqrt(eds.reduce((s, v) => s + (v - mean) ** 2, 0) / (reps - 1) / reps);
    expect(Math.abs(mean - f.meanPairDistance / n)).toBeLessThan(4 * se);
  });

  it('draws the row: frequencies match the weights', () => {
    const y = Float64Array.of(0, 0, 1, 0, 2, 0);
    const w = Float64Array.of(0.2, 0.5, 0.3);
    const d = rowDraws(y, w, 20_000, new Rng(6, 0));
    const counts = [0, 0, 0];
    for (let c = 0; c < 20_000; c++) counts[d[2 * c]]++;
    counts.forEach((k, j) => expect(Math.abs(k / 20_000 - w[j])).toBeLessThan(0.015));
  });

  it('a row on a single point has no floor; it grows as the row spreads over fewer points', () => {
    const y = Float64Array.of(0, 0, 1, 0, 2, 0, 3, 0);
    expect(rowFloor(y, Float64Array.of(0, 1, 0, 0), 1, 4).floor).toBe(0);
    const { y: y2, w } = someRow(200, 8);
    const sharp = w.map((v) => v ** 4);
    const ss = sharp.reduce((a, b) => a + b, 0);
    const f1 = rowFloor(y2, w, 1), f2 = rowFloor(y2, sharp.map((v) => v / ss), 1);
    expect(f2.effectivePoints).toBeLessThan(f1.effectivePoints);
    expect(f2.floor / f2.meanPairDistance).toBeGreaterThan(f1.floor / f1.meanPairDistance);
  });
});
