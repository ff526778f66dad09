// Preconditioned MALA (y = x + h L L^T s + sqrt(2h) L xi, accepted with the matching asymmetric q)
// leaves a correlated Gaussian invariant; the MALA baseline's precond = cholesky uses it.
import { describe, expect, it } from 'vitest';
import { malaMove } from '../../src/engine/mcmc/mala';
import { rwmMove } from '../../src/engine/mcmc/rwm';
import { Rng } from '../../src/engine/random/rng';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';
import type { Target } from '../../src/engine/targets/types';

const d = 3;
// Sigma = V diag(lam) V^T with V an orthonormal basis (Gram-Schmidt of fixed vectors).
const V = (() => {
  const raw = [[1, 0.5, -0.3], [0.2, 1, 0.7], [-0.4, 0.1, 1]];
  const out: number[][] = [];
  for (const r of raw) {
    const v = [...r];
    for (const u of out) {
      const dot = v.reduce((s, t, k) => s + t * u[k], 0);
      for (let k = 0; k < d; k++) v[k] -= dot * u[k];
    }
    const norm = Math.hypot(...v);
    out.push(v.map((t) => t / norm));
  }
  return out; // rows are the eigenvectors
})();
const lam = [0.3 ** 2, 1, 2.5 ** 2];
const mean = [1, -2, 0.5];
const Sigma = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => V.reduce((s, v, k) => s + v[a] * lam[k] * v[b], 0)));
const Prec = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => V.reduce((s, v, k) => s + (v[a] * v[b]) / lam[k], 0)));

const gaussian: Target = {
  name: 'correlated gaussian',
  dim: d,
  box: { xmin: -10, xmax: 10, ymin: -10, ymax: 10 },
  logDensity(points, out = new Float64Array(points.length / d)) {
    for (let i = 0; i < out.length; i++) {
      const r = [0, 1, 2].map((k) => points[i * d + k] - mean[k]);
      out[i] = -0.5 * r.reduce((s, ra, a) => s + ra * r.reduce((t, rb, b) => t + Prec[a][b] * rb, 0), 0);
    }
    return out;
  },
  score(points, out = new Float64Array(points.length)) {
    for (let i = 0; i < points.length / d; i++) {
      const r = [0, 1, 2].map((k) => points[i * d + k] - mean[k]);
      for (let a = 0; a < d; a++) out[i * d + a] = -r.reduce((t, rb, b) => t + Prec[a][b] * rb, 0);
    }
    return out;
  },
  logDensityAt: () => 0,
};

/** n exact draws of N(mean, Sigma). */
function exactDraws(n: number, rng: Rng): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = lam.map((l) => Math.sqrt(l) * rng.normal());
    for (let a = 0; a < d; a++) x[i * d + a] = mean[a] + V.reduce((s, v, k) => s + v[a] * z[k], 0);
  }
  return x;
}

/** Every mean and covariance entry within 5 standard errors of the exact one. */
function expectMoments(x: Float64Array) {
  const n = x.length / d;
  const m = [0, 1, 2].map((k) => Array.from({ length: n }, (_, i) => x[i * d + k]).reduce((s, t) => s + t, 0) / n);
  for (let a = 0; a < d; a++) {
    expect(Math.abs(m[a] - mean[a]), `mean ${a}`).toBeLessThan(5 * Math.sqrt(Sigma[a][a] / n));
    for (let b = 0; b <= a; b++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += (x[i * d + a] - m[a]) * (x[i * d + b] - m[b]);
      c /= n - 1;
      const se = Math.sqrt((Sigma[a][a] * Sigma[b][b] + Sigma[a][b] ** 2) / n);
      expect(Math.abs(c - Sigma[a][b]), `cov ${a}${b}`).toBeLessThan(5 * se);
    }
  }
}

// A factor that does not match Sigma (neither its scale nor its orientation), so q is far from symmetric.
const L = new Float64Array([0.6, 0, 0, 0.9, 1.2, 0, -0.5, 0.4, 0.8]);

describe('preconditioned MALA and RWM moves leave N(mean, Sigma) invariant', () => {
  it('MALA with a mismatched factor: 25 moves of 20000 exact draws keep every mean and covariance entry', () => {
    const rng = new Rng(31);
    const x = exactDraws(20000, rng);
    let accepted = 0;
    for (let k = 0; k < 25; k++) accepted += malaMove(gaussian, x, 0.12, 1e6, rng, L);
    const rate = accepted / (25 * 20000);
    // Rejections happen often enough that a wrong ratio would show.
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.9);
    expectMoments(x);
  });

  it('RWM with the same factor keeps them too', () => {
    const rng = new Rng(32);
    const x = exactDraws(20000, rng);
    for (let k = 0; k < 8; k++) rwmMove(gaussian, x, 0.5, rng, L);
    expectMoments(x);
  });
});

describe('the MALA baseline with precond = cholesky', () => {
  it('at h = 0.05 on aniso-gaussian (d = 10) it accepts far more than plain MALA and keeps every variance near 1x', () => {
    const dd = 10, n = 200;
    const nd = createNdTarget('aniso-gaussian', dd);
    const target = ndAsTarget(nd);
    const initial = nd.sample(n, new Rng(3, 1));
    const run = (params: Record<string, unknown>) => {
      const s = createSampler('mala', { target, seed: 3, initial, params: { h: 0.05, ...params } });
      let acc = 0;
      for (let k = 0; k < 60; k++) acc += s.step().acceptance;
      return { s, acc: acc / 60 };
    };
    const plain = run({});
    const pre = run({ precond: 'cholesky' });
    expect(plain.acc).toBeLessThan(0.2);
    expect(pre.acc).toBeGreaterThan(0.5);
    const x = pre.s.positions();
    for (let k = 0; k < dd; k++) {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += x[i * dd + k] / n;
      for (let i = 0; i < n; i++) v += (x[i * dd + k] - m) ** 2 / (n - 1);
      expect(v / nd.variance[k], `coordinate ${k}`).toBeGreaterThan(0.6);
      expect(v / nd.variance[k], `coordinate ${k}`).toBeLessThan(1.5);
    }
  });

  it('rejects an unknown preconditioner and keeps the default unchanged', () => {
    const target = ndAsTarget(createNdTarget('iso-gaussian', 3));
    const initial = initialCloud(1, { n: 10, center: [0, 0], spread: 1, dim: 3 });
    expect(() => createSampler('mala', { target, seed: 1, initial, params: { precond: 'diagonal' } })).toThrow('invalid precond: diagonal (must be one of none, cholesky)');
    const a = createSampler('mala', { target, seed: 1, initial });
    const b = createSampler('mala', { target, seed: 1, initial, params: { precond: 'none' } });
    a.step();
    b.step();
    expect(Array.from(b.positions())).toEqual(Array.from(a.positions()));
  });
});
