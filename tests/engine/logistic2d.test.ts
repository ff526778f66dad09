import { describe, expect, it } from 'vitest';
import { exactReference } from '../../src/engine/metrics';
import { Rng } from '../../src/engine/random/rng';
import { densityGrid } from '../../src/engine/targets/densityGrid';
import { targetFromSpec } from '../../src/engine/targets/fromSpec';
import {
  checkLogistic2dPoints,
  createLogistic2dTarget,
  dataCentre,
  LR_MAX_POINTS,
  LR_START_POINTS,
  LR_WEIGHT_LIMIT,
  predictiveAt,
  type LabeledPoint,
} from '../../src/engine/targets/logistic2d';

/** log pi written out plainly in float64, with log sigmoid as log(1 / (1 + exp(-z))) (fine for moderate z). */
function naiveLogPi(points: readonly LabeledPoint[], w1: number, w2: number): number {
  const cx = points.reduce((s, p) => s + p[0], 0) / Math.max(1, points.length);
  const cy = points.reduce((s, p) => s + p[1], 0) / Math.max(1, points.length);
  let s = 0;
  for (const [x, y, c] of points) {
    const z = w1 * (x - cx) + w2 * (y - cy);
    const p = 1 / (1 + Math.exp(-z));
    s += c === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s - (w1 * w1 + w2 * w2) / 50;
}

/** n random points in [-lim, lim]^2; class 1 with probability sigmoid(a.x) (a = 0: labels at random). */
function randomPoints(n: number, seed: number, a: [number, number], lim = 3): LabeledPoint[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const x = lim * (2 * rng.uniform() - 1), y = lim * (2 * rng.uniform() - 1);
    return [x, y, rng.uniform() < 1 / (1 + Math.exp(-(a[0] * x + a[1] * y))) ? 1 : 0] as const;
  });
}

/** Mean and covariance of pi by a midpoint rule on the whole weight square [-L, L]^2 (M x M cells), independent of the target's box. */
function quadrature(points: readonly LabeledPoint[], M: number) {
  const L = LR_WEIGHT_LIMIT, h = (2 * L) / M;
  const lp = new Float64Array(M * M);
  let max = -Infinity;
  for (let j = 0; j < M; j++)
    for (let i = 0; i < M; i++) {
      const v = naiveLogPiStable(points, -L + (i + 0.5) * h, -L + (j + 0.5) * h);
      lp[j * M + i] = v;
      if (v > max) max = v;
    }
  let z = 0, m1 = 0, m2 = 0;
  for (let j = 0; j < M; j++)
    for (let i = 0; i < M; i++) {
      const p = Math.exp(lp[j * M + i] - max);
      lp[j * M + i] = p;
      z += p;
      m1 += p * (-L + (i + 0.5) * h);
      m2 += p * (-L + (j + 0.5) * h);
    }
  m1 /= z;
  m2 /= z;
  let s11 = 0, s22 = 0, s12 = 0;
  for (let j = 0; j < M; j++)
    for (let i = 0; i < M; i++) {
      const p = lp[j * M + i] / z;
      const a = -L + (i + 0.5) * h - m1, b = -L + (j + 0.5) * h - m2;
      s11 += p * a * a;
      s22 += p * b * b;
      s12 += p * a * b;
    }
  return { mean: [m1, m2], cov: [[s11, s12], [s12, s22]] };
}

/** The same sum with log sigmoid by Math.log1p (another stable form than the target's softplus). */
function naiveLogPiStable(points: readonly LabeledPoint[], w1: number, w2: number): number {
  const [cx, cy] = dataCentre(points);
  let s = 0;
  for (const [x, y, c] of points) {
    const z = (c === 1 ? 1 : -1) * (w1 * (x - cx) + w2 * (y - cy));
    s += z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
  }
  return s - (w1 * w1 + w2 * w2) / 50;
}

const SETS: Record<string, readonly LabeledPoint[]> = {
  start: LR_START_POINTS,
  empty: [],
  'one class': [[1, 2, 1], [-0.5, 0.3, 1], [2, -1, 1]],
  separable: [[-2, -1, 0], [-1, -2, 0], [-1.5, 0.5, 0], [1, 2, 1], [2, 1, 1], [0.5, 1.5, 1]],
  'noisy 60': randomPoints(60, 3, [1.5, -0.7]),
  'many 200': randomPoints(200, 4, [2, 1.5], 5),
};

describe('logistic regression you can see: the target', () => {
  it('is the centred logistic posterior with the N(0, 5^2 I) prior, finite far out', () => {
    for (const [name, pts] of Object.entries(SETS)) {
      const t = createLogistic2dTarget({ points: pts });
      for (const [w1, w2] of [[0, 0], [1.3, -0.7], [-4, 6], [10, 12]]) {
        // The plain form loses digits in log(1 - p) once p is near 1: it is the reference only for small w.
        const want = Math.hypot(w1, w2) < 2 ? naiveLogPi(pts, w1, w2) : naiveLogPiStable(pts, w1, w2);
        expect(Math.abs(t.logDensityAt(w1, w2) - want), `${name} at (${w1}, ${w2})`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
      }
      // Where exp(-z) overflows in the naive form the softplus form stays finite and matches log1p's.
      for (const [w1, w2] of [[800, -900], [-1e4, 3e4]]) {
        const v = t.logDensityAt(w1, w2);
        expect(Number.isFinite(v)).toBe(true);
        expect(Math.abs(v - naiveLogPiStable(pts, w1, w2))).toBeLessThan(1e-9 * Math.abs(v));
        const s = t.score(Float64Array.of(w1, w2));
        expect(Number.isFinite(s[0]) && Number.isFinite(s[1])).toBe(true);
      }
    }
  });

  it('has an analytic score that matches central finite differences', () => {
    const h = 1e-5;
    for (const [name, pts] of Object.entries(SETS)) {
      const t = createLogistic2dTarget({ points: pts });
      const rng = new Rng(11);
      for (let k = 0; k < 12; k++) {
        const w1 = 16 * rng.uniform() - 8, w2 = 16 * rng.uniform() - 8;
        const s = t.score(Float64Array.of(w1, w2));
        const f1 = (t.logDensityAt(w1 + h, w2) - t.logDensityAt(w1 - h, w2)) / (2 * h);
        const f2 = (t.logDensityAt(w1, w2 + h) - t.logDensityAt(w1, w2 - h)) / (2 * h);
        const scale = Math.max(1, Math.hypot(s[0], s[1]));
        expect(Math.abs(s[0] - f1) / scale, `${name} d/dw1 at (${w1}, ${w2})`).toBeLessThan(1e-6);
        expect(Math.abs(s[1] - f2) / scale, `${name} d/dw2 at (${w1}, ${w2})`).toBeLessThan(1e-6);
      }
    }
  });

  it('gives batch and pointwise values that agree (logDensity, score on (n, 2))', () => {
    const t = createLogistic2dTarget({ points: SETS['noisy 60'] });
    const w = Float64Array.of(0.5, 1, -2, 3, 4, -1);
    const lp = t.logDensity(w);
    const sc = t.score(w);
    for (let i = 0; i < 3; i++) {
      expect(lp[i]).toBe(t.logDensityAt(w[2 * i], w[2 * i + 1]));
      const one = t.score(Float64Array.of(w[2 * i], w[2 * i + 1]));
      expect([sc[2 * i], sc[2 * i + 1]]).toEqual([one[0], one[1]]);
    }
  });

  it(
    "has a box, grid density and exact moments that match a brute-force quadrature over the whole weight square",
    { timeout: 60_000 },
    () => {
      for (const [name, pts] of Object.entries(SETS)) {
        const t = createLogistic2dTarget({ points: pts });
        const { box } = t;
        expect(box.xmax - box.xmin, name).toBeCloseTo(box.ymax - box.ymin, 9); // square: w1 and w2 on one scale
        expect(box.xmin >= -LR_WEIGHT_LIMIT && box.xmax <= LR_WEIGHT_LIMIT).toBe(true);
        // The grid the panels draw is log pi at the cell centres.
        const g = densityGrid((a, b) => t.logDensityAt(a, b), box, 16);
        const dx = (box.xmax - box.xmin) / 16, dy = (box.ymax - box.ymin) / 16;
        for (const [row, col] of [[0, 0], [5, 11], [15, 15]])
          expect(g.values[row * 16 + col]).toBeCloseTo(naiveLogPiStable(pts, box.xmin + (col + 0.5) * dx, box.ymax - (row + 0.5) * dy), 3);
        // Moments of the grid reference (on the target's own box) against the quadrature (on [-20, 20]^2).
        const ref = exactReference(t);
        const q = quadrature(pts, 400);
        const sd = [Math.sqrt(q.cov[0][0]), Math.sqrt(q.cov[1][1])];
        for (const i of [0, 1]) {
          expect(Math.abs(ref.mean[i] - q.mean[i]) / sd[i], `${name} mean ${i}`).toBeLessThan(0.005);
          expect(ref.cov[i][i] / q.cov[i][i], `${name} variance ${i}`).toBeGreaterThan(0.99);
          expect(ref.cov[i][i] / q.cov[i][i], `${name} variance ${i}`).toBeLessThan(1.01);
        }
        expect(Math.abs(ref.cov[0][1] - q.cov[0][1]) / (sd[0] * sd[1]), `${name} covariance`).toBeLessThan(0.005);
      }
      // No data: the prior N(0, 25 I) (cut at 4 std by the weight square).
      const prior = exactReference(createLogistic2dTarget({ points: [] }));
      expect(Math.abs(prior.mean[0]) + Math.abs(prior.mean[1])).toBeLessThan(1e-6);
      expect(prior.cov[0][0]).toBeGreaterThan(24.5);
      expect(prior.cov[0][0]).toBeLessThan(25.1);
    },
  );

  it('refuses bad data with one precise message', () => {
    expect(checkLogistic2dPoints(LR_START_POINTS)).toBeNull();
    expect(checkLogistic2dPoints('x')).toMatch(/must be a list/);
    expect(checkLogistic2dPoints(Array.from({ length: LR_MAX_POINTS + 1 }, () => [0, 0, 1]))).toMatch(/too many points: 201/);
    expect(checkLogistic2dPoints([[0, 0, 1], [7, 0, 0]])).toMatch(/point 2: coordinate 7/);
    expect(checkLogistic2dPoints([[0, Number.NaN, 1]])).toMatch(/point 1: coordinate NaN/);
    expect(checkLogistic2dPoints([[0, 0, 2]])).toMatch(/class 2/);
    expect(checkLogistic2dPoints([[0, 0]])).toMatch(/must be \[x, y, class\]/);
    expect(() => createLogistic2dTarget({ points: [[0, 0, 3 as 1]] })).toThrow(/class 3/);
    expect(targetFromSpec({ kind: 'logistic2d', points: LR_START_POINTS }).name).toMatch(/14 points/);
  });

  it('predicts the mean of sigmoid(w.(x - c)) over the particles', () => {
    const c = [0.5, -1] as const;
    expect(predictiveAt([], c, 1, 1)).toBe(0.5);
    expect(predictiveAt([2, 0], c, 0.5, 3)).toBeCloseTo(0.5, 12); // on the line through the centre
    expect(predictiveAt([2, 0, -1, 1], c, 1.5, -1)).toBeCloseTo((1 / (1 + Math.exp(-2)) + 1 / (1 + Math.exp(1))) / 2, 12);
  });
});
