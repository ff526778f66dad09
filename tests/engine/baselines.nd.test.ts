import { describe, expect, it } from 'vitest';
import { AgfSvgdSampler } from '../../src/engine/baselines/agfSvgd';
import { fitGaussian } from '../../src/engine/baselines/fitGaussian';
import { GfSvgdSampler } from '../../src/engine/baselines/gfSvgd';
import { MalaSampler } from '../../src/engine/baselines/mala';
import { MppiSampler } from '../../src/engine/baselines/mppi';
import { SgldSampler } from '../../src/engine/baselines/sgld';
import { SvgdSampler } from '../../src/engine/baselines/svgd';
import { UlaSampler } from '../../src/engine/baselines/ula';
import { Rng, STREAM } from '../../src/engine/random/rng';
import type { SamplerInit } from '../../src/engine/samplers/types';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import type { Sampler } from '../../src/engine/samplers/types';
import { createNdTarget, ndAsTarget, type NdTargetName, type TargetNd } from '../../src/engine/targets/nd';
import { clipped, fittedGaussianRef, flat, gfPhiRef, medianHeuristic, rowsOf, svgdPhiRef, type Rows } from './ndReference';

const D = 7;
const SEED = 5;

/** A fixed small cloud in D dimensions, a TargetNd and the samplers' view of it. */
function setup(name: NdTargetName, n = 9, spread = 0.7) {
  const nd = createNdTarget(name, D);
  const x0 = initialCloud(SEED, { n, center: [0.4, -0.3], spread, dim: D });
  const init = (params: Record<string, unknown> = {}): SamplerInit => ({ target: ndAsTarget(nd), seed: SEED, initial: x0, params });
  return { nd, x0, init };
}

/** The sampler's own normal stream, replayed for a reference computation. */
const samplerRng = () => new Rng(SEED, STREAM.sampler);

const scoresOf = (nd: TargetNd, x: Float64Array): Rows => rowsOf(nd.score(x), D);

/** Every coordinate of a equals b's to a relative 1e-10 (and the shapes agree). */
function expectRowsClose(a: Float64Array, b: Rows): void {
  const want = flat(b);
  expect(a.length).toBe(want.length);
  for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - want[k]), `coordinate ${k}`).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(want[k])));
}

/** Mean over coordinates of var_k(particles) / var_k(target). */
function varianceRatio(x: Float64Array, nd: TargetNd): number {
  const n = x.length / nd.dim;
  let ratio = 0;
  for (let k = 0; k < nd.dim; k++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * nd.dim + k];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * nd.dim + k] - m) ** 2;
    ratio += v / n / nd.variance[k];
  }
  return ratio / nd.dim;
}

const run = (s: Sampler, steps: number): Float64Array => {
  for (let k = 0; k < steps; k++) s.step();
  return s.positions();
};

describe(`one step of every baseline at d = ${D} against a direct computation`, () => {
  it('SVGD: x + lr phi, phi by a naive double loop with the sorted-median bandwidth, scores clipped', () => {
    const { nd, x0, init } = setup('aniso-gaussian');
    const lr = 0.05, clip = 8; // aniso scores reach ~70 here, so the clip is active
    const s = new SvgdSampler(init({ step: 'plain', lr, clip }));
    const diag = s.step();
    const x = rowsOf(x0, D);
    const h = medianHeuristic(x);
    expect(diag.bandwidth).toBeCloseTo(h, 12);
    const sc = scoresOf(nd, x0);
    expect(sc.some((r) => Math.hypot(...r) > clip)).toBe(true);
    const phi = svgdPhiRef(x, sc.map((r) => clipped(r, clip)), h);
    expectRowsClose(s.positions(), x.map((r, i) => r.map((v, t) => v + lr * phi[i][t])));
  });

  it('GF-SVGD: the weights rho / pi of the d-dimensional KDE and its gradient', () => {
    const { nd, x0, init } = setup('gmm-d');
    const lr = 0.3;
    const s = new GfSvgdSampler(init({ step: 'plain', lr }));
    s.step();
    const x = rowsOf(x0, D);
    const phi = gfPhiRef(x, Array.from(nd.logDensity(x0)), medianHeuristic(x));
    expectRowsClose(s.positions(), x.map((r, i) => r.map((v, t) => v + lr * phi[i][t])));
  });

  it('AGF-SVGD: beta = 0 aims at rho0 alone, beta = 1/4 at pi^(1/4) rho0^(3/4); rho0 is the fitted d-dim Gaussian', () => {
    const { nd, x0, init } = setup('gmm-d', 12);
    const lr = 0.3;
    const s = new AgfSvgdSampler(init({ step: 'plain', lr, annealSteps: 4 }));
    const logRho0 = fittedGaussianRef(rowsOf(x0, D));
    let x = rowsOf(x0, D);
    for (const beta of [0, 0.25]) {
      const lp = nd.logDensity(flat(x));
      const logTarget = x.map((r, j) => beta * lp[j] + (1 - beta) * logRho0(r));
      const phi = gfPhiRef(x, logTarget, medianHeuristic(x));
      expect(s.step().beta).toBe(beta);
      x = x.map((r, i) => r.map((v, t) => v + lr * phi[i][t]));
      expectRowsClose(s.positions(), x);
    }
  });

  it('AGF-SVGD rho0: the normalised log density of the fitted Gaussian in d dimensions', () => {
    const { x0 } = setup('gmm-d', 12);
    const logRho0 = fitGaussian(x0, D);
    const ref = fittedGaussianRef(rowsOf(x0, D));
    const probe = initialCloud(SEED + 1, { n: 6, center: [1, 0], spread: 1, dim: D });
    for (const p of [...rowsOf(x0, D), ...rowsOf(probe, D)]) expect(logRho0(Float64Array.from(p), 0)).toBeCloseTo(ref(p), 8);
  });

  it('ULA: x + h clip(s) + sqrt(2h) xi, normals particle by particle, coordinate by coordinate', () => {
    const { nd, x0, init } = setup('aniso-gaussian');
    const h = 0.003, clip = 5;
    const s = new UlaSampler(init({ h, clip }));
    s.step();
    const rng = samplerRng();
    const sc = scoresOf(nd, x0).map((r) => clipped(r, clip));
    expectRowsClose(s.positions(), rowsOf(x0, D).map((r, i) => r.map((v, t) => v + h * sc[i][t] + Math.sqrt(2 * h) * rng.normal())));
  });

  it('SGLD: x + (e0 / 2)(clip(s) + tau xi1) + sqrt(e0) xi2, the gradient noise drawn first', () => {
    const { nd, x0, init } = setup('gmm-d');
    const e0 = 0.04, tau = 0.3, clip = 5;
    const s = new SgldSampler(init({ e0, tau, clip }));
    s.step();
    const rng = samplerRng();
    const noisy = scoresOf(nd, x0).map((r) => clipped(r, clip).map((v) => v + tau * rng.normal()));
    expectRowsClose(s.positions(), rowsOf(x0, D).map((r, i) => r.map((v, t) => v + (e0 / 2) * noisy[i][t] + Math.sqrt(e0) * rng.normal())));
  });

  it('MALA: each proposal accepted with probability min(1, pi(y) q(x | y) / (pi(x) q(y | x)))', () => {
    const { nd, x0, init } = setup('aniso-gaussian', 40);
    const h = 0.004, clip = 5;
    const s = new MalaSampler(init({ h, clip }));
    const diag = s.step();
    const rng = samplerRng();
    const x = rowsOf(x0, D);
    const sx = scoresOf(nd, x0).map((r) => clipped(r, clip));
    const y = x.map((r, i) => r.map((v, t) => v + h * sx[i][t] + Math.sqrt(2 * h) * rng.normal()));
    const sy = scoresOf(nd, flat(y)).map((r) => clipped(r, clip));
    const [lx, ly] = [nd.logDensity(x0), nd.logDensity(flat(y))];
    const logQ = (to: number[], from: number[], sFrom: number[]) => -to.reduce((a, v, t) => a + (v - from[t] - h * sFrom[t]) ** 2, 0) / (4 * h);
    const alpha = x.map((_, i) => Math.min(1, Math.exp(ly[i] + logQ(x[i], y[i], sy[i]) - lx[i] - logQ(y[i], x[i], sx[i]))));
    // A uniform is drawn only when the proposal might be rejected.
    const take = alpha.map((a) => a === 1 || rng.uniform() < a);
    expect(alpha.some((a) => a > 0.05 && a < 0.95)).toBe(true);
    expect(take.some((t) => !t)).toBe(true);
    expect(diag.acceptance).toBe(take.filter(Boolean).length / x.length);
    expectRowsClose(s.positions(), x.map((r, i) => (take[i] ? y[i] : r)));
  });

  it('MPPI: each particle moves to the softmax(log pi / T)-weighted mean of its M candidates', () => {
    const { nd, x0, init } = setup('gmm-d');
    const M = 6, sigma = 0.5, T = 0.7;
    const s = new MppiSampler(init({ M, sigma, T }));
    s.step();
    const rng = samplerRng();
    const want = rowsOf(x0, D).map((r) => {
      const ys = Array.from({ length: M }, () => r.map((v) => v + sigma * rng.normal()));
      const lp = Array.from(nd.logDensity(flat(ys)));
      const top = Math.max(...lp);
      const w = lp.map((v) => Math.exp((v - top) / T));
      const sw = w.reduce((a, v) => a + v, 0);
      return r.map((_, t) => ys.reduce((a, yv, m) => a + w[m] * yv[t], 0) / sw);
    });
    expectRowsClose(s.positions(), want);
  });

  it('a cloud whose length is not a multiple of d is refused, naming d', () => {
    const { init } = setup('iso-gaussian');
    expect(() => new UlaSampler({ ...init(), initial: new Float64Array(2 * D + 3) })).toThrow(`(n, ${D})`);
  });
});

describe('the variance of the cloud on iso-gaussian', () => {
  const start = (d: number, n: number) => {
    const nd = createNdTarget('iso-gaussian', d);
    return { nd, init: { target: ndAsTarget(nd), seed: 11, initial: initialCloud(11, { n, center: [0, 0], spread: 2, dim: d }) } };
  };

  // From spread 2 the variance relaxes like 1 + 3 exp(-2 h t): 600 steps of h = 0.01 leave ~2e-5.
  it.each([
    ['ULA', (i: SamplerInit) => new UlaSampler(i)],
    ['MALA', (i: SamplerInit) => new MalaSampler(i)],
  ])('%s at d = 10 with N = 200 ends with a mean variance ratio within [0.8, 1.25]', (_, make) => {
    const { nd, init } = start(10, 200);
    const r = varianceRatio(run(make(init), 600), nd);
    expect(r).toBeGreaterThan(0.8);
    expect(r).toBeLessThan(1.25);
  });

  // An independent NumPy SVGD (issue 13) measured 0.43 at d = 10 and 0.10 at d = 50; N = 100
  // reproduces them (the ratio settles within 100 steps and grows with N).
  it('SVGD with N = 100 under-disperses as the independent implementation does (the ratios are printed)', () => {
    const [r10, r50] = [10, 50].map((d) => {
      const { nd, init } = start(d, 100);
      return varianceRatio(run(new SvgdSampler(init), 300), nd);
    });
    console.info(`SVGD variance ratio on iso-gaussian, N = 100, 300 steps: d = 10: ${r10.toFixed(3)}, d = 50: ${r50.toFixed(3)}`);
    expect(Math.abs(r10 - 0.43)).toBeLessThan(0.05);
    expect(Math.abs(r50 - 0.1)).toBeLessThan(0.02);
  });
});
