import { integrate2d } from './helpers';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random/rng';
import { createNdTarget, ND_DIM_MAX, ND_TARGET_NAMES, type TargetNd } from '../../src/engine/targets/nd';

const LOG_2PI = Math.log(2 * Math.PI);

/** m points (m, d): exact draws, plus points between gmm modes where the responsibilities are mixed. */
function testPoints(t: TargetNd, m: number, seed: number): Float64Array {
  const d = t.dim;
  const rng = new Rng(seed, 3);
  const x = t.sample(m, rng);
  for (let i = 0; i < m; i += 2) {
    for (let k = 0; k < d; k++) x[i * d + k] = 0.5 * rng.normal();
    x[i * d + (i % d)] += 2.5;
    x[i * d + ((i + 1) % d)] += 2.5;
  }
  return x;
}

describe('d-dimensional targets', () => {
  it('registry builds every target at d = 2 and d = 100 with consistent shapes', () => {
    expect([...ND_TARGET_NAMES]).toEqual(['iso-gaussian', 'aniso-gaussian', 'gmm-d', 'gmm-ring-d', 'funnel-d']);
    for (const name of ND_TARGET_NAMES) {
      for (const d of [2, ND_DIM_MAX]) {
        const t = createNdTarget(name, d);
        expect(t.name).toBe(name);
        expect(t.dim).toBe(d);
        expect(t.mean.length).toBe(d);
        expect(t.variance.length).toBe(d);
        const x = t.sample(3, new Rng(1));
        expect(x.length).toBe(3 * d);
        expect(t.logDensity(x).length).toBe(3);
        expect(t.score(x).length).toBe(3 * d);
      }
    }
  });

  it('rejects unknown names and invalid dimensions with clear messages', () => {
    expect(() => createNdTarget('banana', 3)).toThrow("unknown nd target 'banana' (valid: iso-gaussian, aniso-gaussian, gmm-d, gmm-ring-d, funnel-d)");
    for (const d of [1, 101, 2.5, NaN]) {
      expect(() => createNdTarget('iso-gaussian', d)).toThrow(`invalid dimension: ${d} (must be an integer in [2, 100])`);
    }
    const t = createNdTarget('gmm-d', 4);
    expect(() => t.marginal2d(1, 1)).toThrow(/must differ/);
    expect(() => t.marginal2d(0, 4)).toThrow('invalid coordinate: 4 (must be an integer in [0, 3])');
    expect(() => t.logDensity(new Float64Array(7))).toThrow(/not a multiple of the dimension 4/);
    expect(() => t.sample(-1, new Rng(0))).toThrow(/invalid sample count/);
  });

  it('aniso-gaussian std is log-spaced from 0.1 to 1', () => {
    const t = createNdTarget('aniso-gaussian', 5);
    const std = Array.from(t.variance, Math.sqrt);
    expect(std[0]).toBeCloseTo(0.1, 14);
    expect(std[4]).toBeCloseTo(1, 14);
    for (let k = 1; k < 5; k++) expect(std[k] / std[k - 1]).toBeCloseTo(Math.pow(10, 1 / 4), 12);
  });

  it('gmm-d has min(d, 10) equal modes at 5 e_k', () => {
    for (const [d, K] of [[2, 2], [7, 7], [10, 10], [30, 10]]) {
      const modes = createNdTarget('gmm-d', d).modes!;
      expect(modes.length).toBe(K);
      modes.forEach((m, k) => {
        expect(m.weight).toBeCloseTo(1 / K, 15);
        expect(m.std).toBe(1);
        const want = new Float64Array(d);
        want[k] = 5;
        expect(Array.from(m.center)).toEqual(Array.from(want));
      });
    }
  });

  it('scores match central finite differences of log pi at d = 7', () => {
    const d = 7;
    const h = 1e-5;
    for (const name of ND_TARGET_NAMES) {
      const t = createNdTarget(name, d);
      const x = testPoints(t, 20, 11);
      const s = t.score(x);
      for (let i = 0; i < 20; i++) {
        const p = x.slice(i * d, (i + 1) * d);
        let err2 = 0, norm2 = 0;
        for (let k = 0; k < d; k++) {
          const plus = p.slice(), minus = p.slice();
          plus[k] += h;
          minus[k] -= h;
          const fd = (t.logDensity(plus)[0] - t.logDensity(minus)[0]) / (2 * h);
          err2 += (fd - s[i * d + k]) ** 2;
          norm2 += s[i * d + k] ** 2;
        }
        expect(Math.sqrt(err2) / Math.max(1, Math.sqrt(norm2))).toBeLessThan(1e-6);
      }
    }
  });

  it('gmm-d score mixes the modes: the midpoint of two modes pulls towards both equally', () => {
    const t = createNdTarget('gmm-d', 7);
    const x = new Float64Array(7);
    x[0] = 2.5;
    x[1] = 2.5;
    const s = t.score(x);
    // Responsibilities 1/2 on modes 1 and 2 (the others are e^-12.5 smaller): s = -x + 5 r.
    expect(s[0]).toBeCloseTo(0, 4);
    expect(s[1]).toBeCloseTo(0, 4);
    expect(s[2]).toBeGreaterThan(0);
    expect(s[2]).toBeLessThan(1e-4);
  });

  it('gaussian log densities equal the closed form N(x; 0, diag(s^2))', () => {
    for (const name of ['iso-gaussian', 'aniso-gaussian']) {
      const t = createNdTarget(name, 7);
      const x = t.sample(10, new Rng(4));
      const lp = t.logDensity(x);
      for (let i = 0; i < 10; i++) {
        let want = 0;
        for (let k = 0; k < 7; k++) {
          const v = t.variance[k];
          want += -0.5 * Math.log(2 * Math.PI * v) - (x[i * 7 + k] ** 2) / (2 * v);
        }
        expect(lp[i]).toBeCloseTo(want, 11);
      }
    }
    // The iso closed form at the origin, independently of variance: -(d/2) log(2 pi).
    expect(createNdTarget('iso-gaussian', 9).logDensity(new Float64Array(9))[0]).toBeCloseTo(-4.5 * LOG_2PI, 13);
  });

  it('gmm-d log density equals a direct sum of the component densities, and stays finite far away', () => {
    const d = 7;
    const t = createNdTarget('gmm-d', d);
    const x = testPoints(t, 20, 5);
    const lp = t.logDensity(x);
    for (let i = 0; i < 20; i++) {
      let sum = 0;
      for (const m of t.modes!) {
        let q = 0;
        for (let k = 0; k < d; k++) q += (x[i * d + k] - m.center[k]) ** 2;
        sum += m.weight * Math.pow(2 * Math.PI, -d / 2) * Math.exp(-0.5 * q);
      }
      expect(lp[i]).toBeCloseTo(Math.log(sum), 10);
    }
    const far = new Float64Array(d).fill(-60);
    expect(Number.isFinite(t.logDensity(far)[0])).toBe(true);
    // Every mode is equally far: responsibilities 1/K, so the score is -x + 5 / K on the mode axes.
    const s = t.score(far);
    for (let k = 0; k < d; k++) expect(s[k]).toBeCloseTo(60 + 5 / 7, 12);
  });

  it('exact samplers have the exact mean and per-coordinate variance (n = 20000)', () => {
    const n = 20000;
    for (const name of ND_TARGET_NAMES) {
      const d = name === 'gmm-d' ? 12 : 7;
      const t = createNdTarget(name, d);
      const x = t.sample(n, new Rng(2024, 5));
      for (let k = 0; k < d; k++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += x[i * d + k];
        m /= n;
        let m2 = 0, m4 = 0;
        for (let i = 0; i < n; i++) {
          const c = (x[i * d + k] - m) ** 2;
          m2 += c;
          m4 += c * c;
        }
        m2 /= n;
        m4 /= n;
        // 4 standard errors: of the mean sqrt(var / n), of the variance sqrt((m4 - var^2) / n).
        expect(Math.abs(m - t.mean[k])).toBeLessThan(4 * Math.sqrt(t.variance[k] / n));
        expect(Math.abs(m2 - t.variance[k])).toBeLessThan(4 * Math.sqrt((m4 - m2 * m2) / n));
      }
    }
  });

  it('gmm-d sampler gives every mode its weight', () => {
    const d = 12, K = 10, n = 20000;
    const t = createNdTarget('gmm-d', d);
    const x = t.sample(n, new Rng(7, 5));
    // Nearest centre 5 e_k is the largest of the first K coordinates (||x - 5 e_k||^2 = ||x||^2 - 10 x_k + 25).
    const counts = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (x[i * d + k] > x[i * d + best]) best = k;
      counts[best]++;
    }
    for (let k = 0; k < K; k++) expect(Math.abs(counts[k] / n - 0.1)).toBeLessThan(4 * Math.sqrt(0.1 * 0.9 / n));
  });

  it('samplers are reproducible from the seed', () => {
    const t = createNdTarget('gmm-d', 5);
    expect(Array.from(t.sample(50, new Rng(3)))).toEqual(Array.from(t.sample(50, new Rng(3))));
    expect(Array.from(t.sample(50, new Rng(3)))).not.toEqual(Array.from(t.sample(50, new Rng(4))));
  });
});

describe('exact 2D marginals', () => {
  const integrate = (t: TargetNd, i: number, j: number, G = 400) => integrate2d(t.marginal2d(i, j), G);

  it('gaussian marginals are the product of the two coordinate normals', () => {
    const t = createNdTarget('aniso-gaussian', 6);
    const m = t.marginal2d(0, 5);
    const [v0, v5] = [t.variance[0], t.variance[5]];
    const want = -Math.log(2 * Math.PI) - 0.5 * Math.log(v0 * v5) - 0.3 ** 2 / (2 * v0) - 0.7 ** 2 / (2 * v5);
    expect(m.logDensityAt(0.3, -0.7)).toBeCloseTo(want, 12);
    expect(m.box.xmax).toBeCloseTo(0.4, 12);
    expect(m.box.ymax).toBeCloseTo(4, 12);
    expect(Array.from(m.score(new Float64Array([0.3, -0.7])))).toEqual([-0.3 / v0, 0.7 / v5]);
  });

  it('gmm-d marginals are normalised, have the exact means and merge coinciding components', () => {
    const t = createNdTarget('gmm-d', 12);
    for (const [i, j] of [[0, 1], [3, 11], [10, 11]]) {
      const r = integrate(t, i, j);
      // The box holds each mode to 4 std: ~1e-4 of the mass lies outside it.
      expect(r.mass).toBeGreaterThan(0.9998);
      expect(r.mass).toBeLessThan(1);
      expect(r.mx).toBeCloseTo(t.mean[i], 3);
      expect(r.my).toBeCloseTo(t.mean[j], 3);
    }
    const m = t.marginal2d(0, 1).modes!;
    expect(m.map((q) => [...q.center])).toEqual([[5, 0], [0, 5], [0, 0]]);
    expect(m.map((q) => q.weight)).toEqual([0.1, 0.1, expect.closeTo(0.8, 14)]);
    expect(t.marginal2d(10, 11).modes!.length).toBe(1);
    // Direct sum over the 10 unmerged projected components at one point.
    const at = [4, 1];
    let sum = 0;
    for (const q of t.modes!) sum += 0.1 * Math.exp(-0.5 * ((at[0] - q.center[0]) ** 2 + (at[1] - q.center[1]) ** 2)) / (2 * Math.PI);
    expect(t.marginal2d(0, 1).logDensityAt(at[0], at[1])).toBeCloseTo(Math.log(sum), 12);
  });
});
