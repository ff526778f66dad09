import { integrate2d } from './helpers';
// The ETD authors' high-dimensional targets (vpacelli/etd targets/gmm.py with the ring layout of
// configs gmm/10d_5, 20d_5, and targets/funnel.py): densities against direct formulas, scores
// against finite differences, exact moments and the exact 2D marginals.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random/rng';
import { createNdTarget } from '../../src/engine/targets/nd';

const LOG_2PI = Math.log(2 * Math.PI);

/** Standard normal CDF by the Abramowitz-Stegun erf (|error| < 1.5e-7). */
function Phi(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-(z * z) / 2);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

const integrate = integrate2d;

describe('gmm-ring-d', () => {
  const d = 10;
  const t = createNdTarget('gmm-ring-d', d);

  it('has 5 equal modes N(m_k, I) with m_k = 3 (cos 2 pi k / 5, sin 2 pi k / 5, 0, ...)', () => {
    expect(t.modes!.length).toBe(5);
    t.modes!.forEach((m, k) => {
      expect(m.center[0]).toBeCloseTo(3 * Math.cos((2 * Math.PI * k) / 5), 14);
      expect(m.center[1]).toBeCloseTo(3 * Math.sin((2 * Math.PI * k) / 5), 14);
      for (let j = 2; j < d; j++) expect(m.center[j]).toBe(0);
      expect(m.weight).toBe(0.2);
      expect(m.std).toBe(1);
    });
    // Var = 1 + 9 mean(cos^2) = 5.5 on the ring's plane, 1 elsewhere; the mean is 0.
    expect(t.variance[0]).toBeCloseTo(5.5, 12);
    expect(t.variance[1]).toBeCloseTo(5.5, 12);
    expect(t.variance[5]).toBe(1);
    expect(Math.abs(t.mean[0]) + Math.abs(t.mean[1])).toBeLessThan(1e-14);
  });

  it('log density equals the direct mixture sum, and the score its finite differences', () => {
    const rng = new Rng(4);
    const x = Float64Array.from({ length: 6 * d }, () => 2 * rng.normal());
    const lp = t.logDensity(x);
    const s = t.score(x);
    for (let i = 0; i < 6; i++) {
      const row = x.subarray(i * d, i * d + d);
      let q = 0;
      for (const m of t.modes!) q += 0.2 * Math.exp(-0.5 * row.reduce((a, v, k) => a + (v - m.center[k]) ** 2, 0) - 0.5 * d * LOG_2PI);
      expect(lp[i]).toBeCloseTo(Math.log(q), 10);
      for (let k = 0; k < d; k++) {
        const h = 1e-5;
        const up = Float64Array.from(row), dn = Float64Array.from(row);
        up[k] += h;
        dn[k] -= h;
        expect(s[i * d + k]).toBeCloseTo((t.logDensity(up)[0] - t.logDensity(dn)[0]) / (2 * h), 6);
      }
    }
  });

  it('its (x0, x1) marginal is the 2D ring of five, normalised', () => {
    const r = integrate(t.marginal2d(0, 1));
    expect(r.mass).toBeGreaterThan(0.999);
    expect(r.mass).toBeLessThan(1.0001);
    expect(Math.abs(r.mx) + Math.abs(r.my)).toBeLessThan(1e-3);
    expect(t.marginal2d(0, 1).modes!.length).toBe(5);
  });
});

describe('funnel-d', () => {
  const d = 6;
  const t = createNdTarget('funnel-d', d);

  it('log density is log N(v; 0, 9) + sum_k log N(x_k; 0, e^v), finite deep in the neck', () => {
    const x = new Float64Array([1.3, 0.5, -2, 0.1, 3, -0.7, -9, 0, 0.001, 0, 0, 0.002]);
    const lp = t.logDensity(x);
    for (let i = 0; i < 2; i++) {
      const v = x[i * d];
      let want = -(v * v) / 18 - 0.5 * Math.log(18 * Math.PI);
      for (let k = 1; k < d; k++) want += -0.5 * x[i * d + k] ** 2 * Math.exp(-v) - 0.5 * v - 0.5 * LOG_2PI;
      expect(lp[i]).toBeCloseTo(want, 9);
    }
    expect(t.score(x).every(Number.isFinite)).toBe(true);
    expect(Array.from(t.variance)).toEqual([9, ...new Array(d - 1).fill(Math.exp(4.5))]);
  });

  it('score equals finite differences of log pi', () => {
    const rng = new Rng(9);
    const x = t.sample(5, rng);
    const s = t.score(x);
    for (let i = 0; i < 5; i++) {
      const row = x.subarray(i * d, i * d + d);
      for (let k = 0; k < d; k++) {
        const h = 1e-6 * Math.max(1, Math.abs(row[k]));
        const up = Float64Array.from(row), dn = Float64Array.from(row);
        up[k] += h;
        dn[k] -= h;
        const fd = (t.logDensity(up)[0] - t.logDensity(dn)[0]) / (2 * h);
        expect(Math.abs(s[i * d + k] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('the (v, x_k) and (x_k, v) marginals are the 2D funnel, with the mass their box holds', () => {
    // P(|v| < 8, |x| < 10) = int_{-8}^{8} N(v; 0, 9) (2 Phi(10 e^{-v/2}) - 1) dv.
    let want = 0;
    for (let v = -8 + 0.0005; v < 8; v += 0.001) want += (Math.exp(-(v * v) / 18) / Math.sqrt(18 * Math.PI)) * (2 * Phi(10 * Math.exp(-v / 2)) - 1) * 0.001;
    const a = integrate(t.marginal2d(0, 3), 800);
    const b = integrate(t.marginal2d(2, 0), 800);
    expect(a.mass).toBeCloseTo(want, 3);
    expect(b.mass).toBeCloseTo(want, 3);
    expect(t.marginal2d(0, 3).logDensityAt(1.5, -0.4)).toBeCloseTo(t.marginal2d(2, 0).logDensityAt(-0.4, 1.5), 14);
  });

  it('the (x_i, x_j) marginal is the scale mixture: normalised, its score by finite differences', () => {
    // The density depends on r = |(a, b)| only: int p 2 pi r dr over r log-spaced from 1e-8 to 1e5.
    const m = t.marginal2d(1, 4);
    let mass = 0;
    const steps = 4000, lo = Math.log(1e-8), hi = Math.log(1e5);
    for (let k = 0; k < steps; k++) {
      const r = Math.exp(lo + ((k + 0.5) * (hi - lo)) / steps);
      mass += Math.exp(m.logDensityAt(r, 0)) * 2 * Math.PI * r * r * ((hi - lo) / steps);
    }
    expect(mass).toBeCloseTo(1, 3);
    const g = m.score(new Float64Array([0.7, -1.2]));
    const h = 1e-6;
    expect(g[0]).toBeCloseTo((m.logDensityAt(0.7 + h, -1.2) - m.logDensityAt(0.7 - h, -1.2)) / (2 * h), 5);
    expect(g[1]).toBeCloseTo((m.logDensityAt(0.7, -1.2 + h) - m.logDensityAt(0.7, -1.2 - h)) / (2 * h), 5);
    // Against a direct Monte Carlo of the mixture over v at one point.
    const rng = new Rng(2);
    let mc = 0;
    const K = 200000;
    for (let k = 0; k < K; k++) {
      const v = 3 * rng.normal();
      mc += Math.exp(-(0.49 + 1.44) / (2 * Math.exp(v)) - v) / (2 * Math.PI);
    }
    expect(Math.exp(m.logDensityAt(0.7, -1.2)) / (mc / K)).toBeCloseTo(1, 1);
  });
});
