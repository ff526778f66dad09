import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random/rng';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { createMixture } from '../../src/engine/targets/presets/gmm';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';
import type { Target } from '../../src/engine/targets/types';
import { factor, logQAndGrad, reparameterise, type GaussianMixture } from '../../src/engine/vi/mixture';
import { pathGradient } from '../../src/engine/vi/pathGradient';
import { createGvi, createGviMixture, GaussianViSampler } from '../../src/engine/vi/viSampler';

/** Sigma = S S^T of component c. */
function covariance(q: GaussianMixture, c = 0): Float64Array {
  const { d } = q;
  const out = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += q.scale[c * d * d + a * d + k] * q.scale[c * d * d + b * d + k];
      out[a * d + b] = s;
    }
  return out;
}

const cloud = (seed: number, n: number, dim = 2) => initialCloud(seed, { n, center: [0.5, -0.5], spread: 2, dim });

/** The 2D 'gaussian' preset: N(0, [[1, 0.9], [0.9, 1]]), its precision P and covariance. */
const GAUSS_COV = [1, 0.9, 0.9, 1];
const GAUSS_PREC = [1 / 0.19, -0.9 / 0.19, -0.9 / 0.19, 1 / 0.19];

describe('Gaussian VI converges to a Gaussian target exactly', () => {
  it('2D, correlation 0.9, K = 64: mean and covariance to 1e-2, ELBO to 0 (pi is normalised)', () => {
    const s = createGvi({ target: createPresetTarget('gaussian'), seed: 3, initial: cloud(3, 40), params: { K: 64, h: 0.05 } });
    let d = s.step();
    for (let t = 1; t < 800; t++) d = s.step();
    const q = s.mixture();
    expect(Math.abs(q.mu[0])).toBeLessThan(1e-2);
    expect(Math.abs(q.mu[1])).toBeLessThan(1e-2);
    const cov = covariance(q);
    for (let k = 0; k < 4; k++) expect(Math.abs(cov[k] - GAUSS_COV[k]), `Sigma entry ${k}`).toBeLessThan(1e-2);
    // At the optimum every sample's path-derivative gradient is zero (the estimator has no noise there).
    expect(d.gradNorm).toBeLessThan(1e-6);
    expect(Math.abs(d.elbo)).toBeLessThan(1e-6);
  });

  it('d = 6 anisotropic Gaussian (std 0.1 to 1), K = 64: mean and variances to 1e-2 (relative), off-diagonals to 1e-2', () => {
    const nd = createNdTarget('aniso-gaussian', 6);
    const s = createGvi({ target: ndAsTarget(nd), seed: 4, initial: cloud(4, 30, 6), params: { K: 64, h: 0.01 } });
    for (let t = 0; t < 2500; t++) s.step();
    const q = s.mixture();
    const cov = covariance(q);
    for (let a = 0; a < 6; a++) {
      expect(Math.abs(q.mu[a]), `mean ${a}`).toBeLessThan(1e-2 * Math.sqrt(nd.variance[a]));
      expect(Math.abs(cov[a * 6 + a] / nd.variance[a] - 1), `variance ${a}`).toBeLessThan(1e-2);
      for (let b = 0; b < a; b++) expect(Math.abs(cov[a * 6 + b]), `covariance ${a},${b}`).toBeLessThan(1e-2 * Math.sqrt(nd.variance[a] * nd.variance[b]));
    }
  });

  it('the particles are draws of q with fixed base noise: at step 0 (s0 = 1) they are the shared initial cloud', () => {
    const x0 = cloud(5, 25);
    const s = createGvi({ target: createPresetTarget('gaussian'), seed: 5, initial: x0, params: {} });
    const p = s.positions();
    for (let k = 0; k < x0.length; k++) expect(p[k]).toBeCloseTo(x0[k], 12);
  });
});

describe('the BBVI step is the forward Euler step of the Bures-Wasserstein flow (2D Gaussian target)', () => {
  // For pi = N(m, P^-1): E_q[grad log pi] = -P (mu - m), E_q[grad^2 log pi] = -P, so the flow is
  //   mu' = -P (mu - m),  S' = (-P + Sigma^-1) S = -P S + S^-T,  Sigma' = 2 I - P Sigma - Sigma P.
  const target = createPresetTarget('gaussian'); // m = 0
  const q: GaussianMixture = { c: 1, d: 2, mu: Float64Array.from([0.7, -1.2]), scale: Float64Array.from([1.5, 0, 0.4, 0.6]) };
  const P = GAUSS_PREC;
  const S = q.scale;
  const det = S[0] * S[3] - S[1] * S[2];
  const sInvT = [S[3] / det, -S[2] / det, -S[1] / det, S[0] / det]; // S^-T
  const flowMu = [-(P[0] * q.mu[0] + P[1] * q.mu[1]), -(P[2] * q.mu[0] + P[3] * q.mu[1])];
  const flowS = [0, 1, 2, 3].map((k) => {
    const a = k >> 1, b = k & 1;
    return -(P[a * 2] * S[b] + P[a * 2 + 1] * S[2 + b]) + sInvT[k];
  });

  it('exact expectation (base draws +-sqrt(d) e_a have the exact first two moments, and the gradient is linear in xi): the update equals the ODE field', () => {
    const r2 = Math.SQRT2;
    const xi = Float64Array.from([r2, 0, -r2, 0, 0, r2, 0, -r2]); // (1, 4, 2)
    const g = pathGradient(q, target, xi);
    for (let a = 0; a < 2; a++) expect(-g.mu[a]).toBeCloseTo(flowMu[a], 12);
    for (let k = 0; k < 4; k++) expect(-g.scale[k], `S entry ${k}`).toBeCloseTo(flowS[k], 12);
  });

  it('the covariance form: (S + h S\')(S + h S\')^T = Sigma + h (2 I - P Sigma - Sigma P) + O(h^2)', () => {
    const sigma = covariance(q);
    for (const h of [1e-2, 1e-3]) {
      const next: GaussianMixture = { ...q, scale: Float64Array.from(S, (v, k) => v + h * flowS[k]) };
      const got = covariance(next);
      for (let k = 0; k < 4; k++) {
        const a = k >> 1, b = k & 1;
        let ps = 0, sp = 0;
        for (let t = 0; t < 2; t++) {
          ps += P[a * 2 + t] * sigma[t * 2 + b];
          sp += sigma[a * 2 + t] * P[t * 2 + b];
        }
        const euler = sigma[k] + h * ((a === b ? 2 : 0) - ps - sp);
        expect(Math.abs(got[k] - euler), `entry ${k} at h = ${h}`).toBeLessThan(h * h * 100);
      }
    }
  });

  it("the sampler's own step with K = 4096 random draws matches the Euler step to Monte Carlo error", () => {
    const h = 0.01;
    const s = createGvi({ target, seed: 9, initial: cloud(9, 10), params: { K: 4096, h, s0: 0.3 } });
    const q0 = s.mixture();
    const S0 = q0.scale;
    const det0 = S0[0] * S0[3] - S0[1] * S0[2];
    const sInvT0 = [S0[3] / det0, -S0[2] / det0, -S0[1] / det0, S0[0] / det0];
    s.step();
    const q1 = s.mixture();
    const fieldMu = [0, 1].map((a) => -(P[a * 2] * q0.mu[0] + P[a * 2 + 1] * q0.mu[1]));
    const fieldS = [0, 1, 2, 3].map((k) => -(P[(k >> 1) * 2] * S0[k & 1] + P[(k >> 1) * 2 + 1] * S0[2 + (k & 1)]) + sInvT0[k]);
    // Per sample g = -fieldS xi - fieldMu (linear in xi): four standard errors of the K-sample means.
    const rowSq = (a: number) => fieldS[2 * a] ** 2 + fieldS[2 * a + 1] ** 2;
    const se = 4 / Math.sqrt(4096);
    for (let a = 0; a < 2; a++) expect(Math.abs((q1.mu[a] - q0.mu[a]) / h - fieldMu[a]), `mu ${a}`).toBeLessThan(se * Math.sqrt(rowSq(a)));
    for (let k = 0; k < 4; k++) {
      const a = k >> 1;
      expect(Math.abs((q1.scale[k] - S0[k]) / h - fieldS[k]), `S ${k}`).toBeLessThan(se * Math.sqrt(fieldMu[a] ** 2 + 2 * rowSq(a)));
    }
  });
});

/** The Monte Carlo KL estimate of a mixture with common random numbers xi: (C, K, d); `frozen` holds log q's parameters (stop-gradient) or null (they move too). */
function klEstimate(q: GaussianMixture, frozen: GaussianMixture | null, target: Target, xi: Float64Array): number {
  const z = reparameterise(q, xi);
  const logPi = target.logDensity(z);
  const dens = frozen ?? q;
  const f = factor(dens);
  const g = new Float64Array(q.d);
  const u = new Float64Array(q.c * q.d);
  let sum = 0;
  for (let s = 0; s < logPi.length; s++) sum += logQAndGrad(dens, f, z, s * q.d, g, u) - logPi[s];
  return sum / logPi.length;
}

/** Central differences of fn over every entry of q.mu and q.scale. */
function finiteDifferences(q: GaussianMixture, fn: (p: GaussianMixture) => number, eps = 1e-5) {
  const along = (which: 'mu' | 'scale') =>
    Float64Array.from(q[which], (_, k) => {
      const up = { ...q, [which]: q[which].slice() } as GaussianMixture;
      const down = { ...q, [which]: q[which].slice() } as GaussianMixture;
      up[which][k] += eps;
      down[which][k] -= eps;
      return (fn(up) - fn(down)) / (2 * eps);
    });
  return { mu: along('mu'), scale: along('scale') };
}

describe('path-derivative gradients against finite differences of the Monte Carlo KL (common random numbers)', () => {
  const banana = createPresetTarget('banana');
  const twoModes = createMixture('two modes', { xmin: -6, xmax: 6, ymin: -6, ymax: 6 }, [
    { center: [-2, 0.5], std: 0.8, weight: 0.5 },
    { center: [2, -0.5], std: 0.8, weight: 0.5 },
  ]);

  for (const [name, target, q] of [
    ['banana, one Gaussian', banana, { c: 1, d: 2, mu: Float64Array.from([0.3, 1.1]), scale: Float64Array.from([0.9, 0.2, -0.3, 0.7]) }],
    ['two modes, a mixture of 3', twoModes, { c: 3, d: 2, mu: Float64Array.from([-1, 0, 1.5, 0.2, 0, 1]), scale: Float64Array.from([0.8, 0.1, 0, 0.6, 1.1, 0, 0.3, 0.9, 0.5, -0.2, 0.1, 0.7]) }],
  ] as const) {
    it(`${name}: the estimator is the gradient of the stop-gradient KL estimate (times C)`, () => {
      const xi = new Rng(11).fillNormal(new Float64Array(q.c * 8 * 2));
      const g = pathGradient(q, target, xi);
      const fd = finiteDifferences(q, (p) => klEstimate(p, q, target, xi));
      for (let k = 0; k < fd.mu.length; k++) expect(g.mu[k] / q.c, `mu ${k}`).toBeCloseTo(fd.mu[k], 6);
      for (let k = 0; k < fd.scale.length; k++) expect(g.scale[k] / q.c, `S ${k}`).toBeCloseTo(fd.scale[k], 6);
    });
  }

  it('one Gaussian, base draws with exact second moments: it is also the gradient of the full KL estimate (the score-function term vanishes)', () => {
    const q: GaussianMixture = { c: 1, d: 2, mu: Float64Array.from([0.3, 1.1]), scale: Float64Array.from([0.9, 0.2, -0.3, 0.7]) };
    const r2 = Math.SQRT2;
    const xi = Float64Array.from([r2, 0, -r2, 0, 0, r2, 0, -r2]);
    const g = pathGradient(q, banana, xi);
    const fd = finiteDifferences(q, (p) => klEstimate(p, null, banana, xi));
    for (let k = 0; k < 2; k++) expect(g.mu[k]).toBeCloseTo(fd.mu[k], 6);
    for (let k = 0; k < 4; k++) expect(g.scale[k]).toBeCloseTo(fd.scale[k], 6);
  });

  it('the ELBO estimate is the negative KL estimate', () => {
    const q: GaussianMixture = { c: 2, d: 2, mu: Float64Array.from([-1, 0, 1, 0]), scale: Float64Array.from([1, 0, 0, 1, 0.5, 0, 0, 0.5]) };
    const xi = new Rng(2).fillNormal(new Float64Array(2 * 5 * 2));
    expect(pathGradient(q, twoModes, xi).elbo).toBeCloseTo(-klEstimate(q, null, twoModes, xi), 12);
  });
});

describe('the mixture on a two-mode target', () => {
  const target = createMixture('two modes', { xmin: -6, xmax: 6, ymin: -6, ymax: 6 }, [
    { center: [-3, 0], std: 0.7, weight: 0.5 },
    { center: [3, 0], std: 0.7, weight: 0.5 },
  ]);
  const meanElbo = (s: GaussianViSampler, steps: number) => {
    let sum = 0;
    for (let t = 0; t < steps; t++) sum += s.step().elbo;
    return sum / steps;
  };

  it('reduces KL(q || pi) below what one Gaussian can reach, and its components sit on both modes', () => {
    const x0 = initialCloud(1, { n: 40, center: [0, 0], spread: 2 });
    const mix = createGviMixture({ target, seed: 1, initial: x0, params: { C: 2, K: 32, h: 0.05 } });
    const single = createGvi({ target, seed: 1, initial: x0, params: { K: 32, h: 0.05 } });
    const firstElbo = mix.step().elbo;
    meanElbo(mix, 600);
    meanElbo(single, 600);
    // pi is normalised, so KL = -ELBO: the mixture reaches ~0, a single Gaussian at best log 2 (one mode).
    const klMix = -meanElbo(mix, 100);
    const klSingle = -meanElbo(single, 100);
    expect(klMix).toBeLessThan(-firstElbo);
    expect(klMix).toBeLessThan(0.05);
    expect(klSingle).toBeGreaterThan(0.5);
    const q = mix.mixture();
    const xs = [q.mu[0], q.mu[2]].sort((a, b) => a - b);
    expect(Math.abs(xs[0] + 3)).toBeLessThan(0.1);
    expect(Math.abs(xs[1] - 3)).toBeLessThan(0.1);
  });
});

describe('failures', () => {
  it('a non-finite score gives a clear error and keeps q', () => {
    const base = createPresetTarget('gaussian');
    const broken: Target = { ...base, score: (p, out) => base.score(p, out).fill(NaN) };
    const s = createGvi({ target: broken, seed: 1, initial: cloud(1, 10), params: {} });
    const before = s.mixture();
    expect(() => s.step()).toThrow(/non-finite gradient: the target's score is NaN or infinite at 16 of 16 samples/);
    expect(Array.from(s.mixture().mu)).toEqual(Array.from(before.mu));
    expect(Array.from(s.mixture().scale)).toEqual(Array.from(before.scale));
  });

  it('unknown or invalid parameters are rejected with the valid ones listed', () => {
    const init = { target: createPresetTarget('gaussian'), seed: 1, initial: cloud(1, 10) };
    expect(() => createGvi({ ...init, params: { C: 3 } })).toThrow(/unknown parameter 'C' \(valid: K, h, s0\)/);
    expect(() => createGviMixture({ ...init, params: { K: 0 } })).toThrow(/invalid K: 0/);
  });
});
