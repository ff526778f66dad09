import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCost } from '../../src/engine/etd/costs';
import { meanCostScale, medianCostScale } from '../../src/engine/etd/costs/scale';
import { type CouplingProblem, type CouplingResult } from '../../src/engine/etd/coupling';
import { getCoupling } from '../support/couplings';
import { onlineLse } from '../../src/engine/etd/coupling/onlineLse';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import { tfjsSinkhorn } from '../support/tfjsSinkhorn';
import { guidedScores } from '../../src/engine/etd/proposals/scores';
import { barycentricUpdate } from '../../src/engine/etd/update/barycentric';
import { categoricalUpdate } from '../../src/engine/etd/update/categorical';
import { importanceWeights } from '../../src/engine/etd/weights/importance';
import { proposalLogDensity } from '../../src/engine/etd/weights/mixture';
import { ETD_VARIANTS } from '../../src/engine/etd/variants';
import type { GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { Rng } from '../../src/engine/random/rng';
import { EtdSampler } from '../../src/engine/samplers/etdSampler';
import { distinctFraction, particleHealth } from '../../src/engine/samplers/health';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { targetFromSpec } from '../../src/engine/targets/fromSpec';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';
import type { Target } from '../../src/engine/targets/types';
import { initTensorBackend } from '../../src/engine/tensor/backend';
import { setSimdEnabled } from '../../src/engine/wasm/simd';
import { D2_CASES, D2_TYPED_RUNS } from '../fixtures/d2Cases';

const normals = (rng: Rng, len: number, scale = 1, shift = 0) => Float64Array.from({ length: len }, () => shift + scale * rng.normal());

/** ||a_i - b_j||^2 written out on plain rows, independent of the engine's sqDist. */
const dist2 = (a: Float64Array, i: number, b: Float64Array, j: number, d: number) => {
  const ra = Array.from(a.subarray(i * d, i * d + d));
  const rb = Array.from(b.subarray(j * d, j * d + d));
  return ra.reduce((s, v, k) => s + (v - rb[k]) ** 2, 0);
};

const lse = (v: number[]) => {
  const m = Math.max(...v);
  return m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
};

describe('d = 2 through the typed-array paths', () => {
  // Recorded with SIMD off before the engine learnt d (tests/fixtures/makeD2TypedParticles.ts).
  const FROZEN: Record<string, number[]> = JSON.parse(readFileSync(new URL('../fixtures/d2_typed_particles.json', import.meta.url), 'utf8'));

  it('every ETD run (categorical and barycentric) equals the typed-array 2D runs, bit for bit', () => {
    setSimdEnabled(false);
    try {
      for (const c of D2_CASES) {
        const target = targetFromSpec(c.target);
        for (const [sampler, params] of D2_TYPED_RUNS(c.extra)) {
          const key = `${c.name}|${sampler}|${JSON.stringify(params)}`;
          expect(FROZEN[key], `${key} is not in the fixture`).toBeDefined();
          const s = createSampler(sampler, { target, seed: c.seed, initial: initialCloud(c.seed, { n: c.n, center: [0, 0], spread: 2 }), params });
          for (let k = 0; k < c.steps; k++) s.step();
          expect(Array.from(s.positions()), key).toEqual(FROZEN[key]);
        }
      }
    } finally {
      setSimdEnabled(true);
    }
  });
});

describe('proposal mixture in d dimensions', () => {
  const d = 7, n = 9, M = 4, sigma = 0.8;
  const rng = new Rng(11);
  const mu = normals(rng, n * d);
  const y = Float64Array.from({ length: n * M * d }, (_, k) => mu[Math.floor(k / (M * d)) * d + (k % d)] + sigma * rng.normal());
  /** log q(y_j) = log((1/N) sum_i (2 pi sigma^2)^(-d/2) exp(-||y_j - mu_i||^2 / (2 sigma^2))), summed directly. */
  const direct = (j: number) => {
    let q = 0;
    for (let i = 0; i < n; i++) q += Math.pow(2 * Math.PI * sigma * sigma, -d / 2) * Math.exp(-dist2(y, j, mu, i, d) / (2 * sigma * sigma));
    return Math.log(q / n);
  };

  it('log q at d = 7 equals the direct sum of the Gaussian densities (normaliser included)', () => {
    const logQ = proposalLogDensity(y, mu, sigma, new Float64Array(n), d);
    for (let j = 0; j < n * M; j++) expect(logQ(j)).toBeCloseTo(direct(j), 10);
  });

  it('importance weights use the target\'s d: a target equal to q gives uniform weights', () => {
    // If only two coordinates entered the mixture, log pi - log q would vary with j.
    const target: Target = {
      name: 'q', dim: d, box: { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
      logDensity: (pts, out = new Float64Array(pts.length / d)) => {
        for (let j = 0; j < out.length; j++) out[j] = direct(j);
        return out;
      },
      score: () => { throw new Error('unused'); },
      logDensityAt: () => 0,
    };
    const logB = new Float64Array(n * M);
    importanceWeights(target, y, mu, sigma, logB, new Float64Array(n));
    for (const v of logB) expect(v).toBeCloseTo(-Math.log(n * M), 10);
  });
});

describe('cost, Sinkhorn plan and updates at d = 5 against brute force', () => {
  const d = 5, n = 12, M = 5, p = n * M, eps = 0.1;
  const rng = new Rng(5);
  const x = normals(rng, n * d);
  const scores = normals(rng, n * d, 0.5);
  const y = Float64Array.from({ length: p * d }, (_, k) => x[Math.floor(k / (M * d)) * d + (k % d)] + 0.7 * rng.normal());
  const w = Array.from({ length: p }, () => rng.uniform() + 0.2);
  const logB = Float64Array.from(w, (v) => Math.log(v / w.reduce((a, b) => a + b, 0)));
  const logA = new Float64Array(n).fill(-Math.log(n));

  it('euclidean and Langevin-residual costs, their mean and median, match C_ij summed over 5 coordinates', () => {
    for (const name of ['euclidean', 'langevin-residual'] as const) {
      const cost = getCost(name)({ x, scores, eps });
      const C: number[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < p; j++) {
          // The cost written from its formula: 0.5 ||x_i - y_j||^2, or ||y_j - x_i - eps s_i||^2 / (4 eps).
          let s = 0;
          for (let k = 0; k < d; k++) {
            const r = y[j * d + k] - x[i * d + k] - (name === 'euclidean' ? 0 : eps * scores[i * d + k]);
            s += r * r;
          }
          C.push(name === 'euclidean' ? 0.5 * s : s / (4 * eps));
          expect(cost.coef * dist2(cost.z, i, y, j, d)).toBeCloseTo(C[C.length - 1], 12);
        }
      }
      const sorted = [...C].sort((a, b) => a - b);
      // 720 pairs: the median's subsample (about 2048) is every pair.
      expect(medianCostScale(cost, y, d)).toBeCloseTo(0.5 * (sorted[359] + sorted[360]), 12);
      expect(meanCostScale(cost, y, d)).toBeCloseTo(C.reduce((a, b) => a + b, 0) / C.length, 10);
    }
  });

  const cost = getCost('euclidean')({ x, scores, eps });
  const kappa = cost.coef / (medianCostScale(cost, y, d) * eps);
  const pb: CouplingProblem = { z: x, y, dim: d, kappa, logA, logB, eps };
  const logK = (i: number, j: number) => -kappa * dist2(x, i, y, j, d);

  /** The damped scaling iteration on the dense matrix, to 1e-14. */
  function reference(lamB: number): number[][] {
    let F = new Array<number>(n).fill(0);
    let G = new Array<number>(p).fill(0);
    for (let it = 0; it < 100000; it++) {
      const Fn = F.map((_, i) => logA[i] - lse(G.map((g, j) => logK(i, j) + g)));
      const Gn = G.map((_, j) => lamB * (logB[j] - lse(Fn.map((f, i) => logK(i, j) + f))));
      const change = Math.max(...Fn.map((f, i) => Math.abs(f - F[i])), ...Gn.map((g, j) => Math.abs(g - G[j])));
      F = Fn;
      G = Gn;
      if (change < 1e-14) break;
    }
    return F.map((f, i) => G.map((g, j) => Math.exp(logK(i, j) + f + g)));
  }
  const planOf = (F: ArrayLike<number>, G: ArrayLike<number>) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => Math.exp(logK(i, j) + F[i] + G[j])));
  const worst = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]) / Math.max(...b[i]))));

  const tight = { maxIter: 100000, tol: 1e-12 };
  const balancedRef = reference(1);

  // The default solver at d > 2: the float64 held kernel, whose rows the update then samples.
  const held = getCoupling('balanced', { rho: 1 })(pb, null, tight);
  const online = sinkhornScaling(pb, null, tight, 1, 1, onlineLse);

  it('balanced plan (float64 held kernel and log-domain passes) equals the dense reference', () => {
    expect(held.converged && online.converged).toBe(true);
    expect(held.held).toBeTruthy();
    expect(worst(planOf(held.F, held.G), balancedRef)).toBeLessThan(1e-10);
    expect(worst(planOf(online.F, online.G), balancedRef)).toBeLessThan(1e-10);
    // Row normalisers and ESS from the held rows against the exact final pass.
    for (let i = 0; i < n; i++) {
      expect(held.rowLse[i]).toBeCloseTo(online.rowLse[i], 10);
      expect(held.rowEss[i]).toBeCloseTo(online.rowEss[i], 6);
    }
  });

  it('unbalanced (rho = 1) and semi-relaxed plans equal their dense references', () => {
    const ub = getCoupling('unbalanced', { rho: 1 })(pb, null, tight);
    expect(ub.converged).toBe(true);
    expect(worst(planOf(ub.F, ub.G), reference(0.5))).toBeLessThan(1e-10);
    const sr = getCoupling('semi-relaxed', { rho: 1 })(pb, null, tight);
    // Gibbs: gamma_ij = a_i softmax_j(log K_ij + log b_j).
    const gibbs = Array.from({ length: n }, (_, i) => {
      const row = Array.from({ length: p }, (_, j) => logK(i, j) + logB[j]);
      const z = lse(row);
      return row.map((v) => Math.exp(logA[i] + v - z));
    });
    expect(worst(planOf(sr.F, sr.G), gibbs)).toBeLessThan(1e-12);
  });

  it('the tfjs Sinkhorn (float32) agrees at d = 5', async () => {
    expect(await initTensorBackend('wasm')).toBe('wasm');
    const r = await tfjsSinkhorn(pb, null, { maxIter: 5000, tol: 1e-7 }, 1, 1);
    expect(r.converged).toBe(true);
    expect(worst(planOf(r.F, r.G), balancedRef)).toBeLessThan(1e-3);
  });

  const plans: [string, CouplingResult][] = [['exact rows', online], ['held rows', held]];

  it('categorical update moves each particle to one whole proposal (all 5 coordinates), the same from held rows', () => {
    const picked: number[][] = [];
    for (const [, plan] of plans) {
      const xs = Float64Array.from(x);
      const picks = new Int32Array(n).fill(-1);
      categoricalUpdate(pb, plan, xs, 1, new Rng(3), { picks });
      for (let i = 0; i < n; i++) {
        expect(picks[i]).toBeGreaterThanOrEqual(0);
        expect(Array.from(xs.subarray(i * d, i * d + d))).toEqual(Array.from(y.subarray(picks[i] * d, picks[i] * d + d)));
      }
      picked.push(Array.from(picks));
    }
    expect(picked[1]).toEqual(picked[0]);
  });

  it('barycentric update averages all 5 coordinates with the plan row', () => {
    for (const [name, plan] of plans) {
      const xs = Float64Array.from(x);
      const eta = 0.6;
      barycentricUpdate(pb, plan, xs, eta, new Rng(3));
      for (let i = 0; i < n; i++) {
        const row = balancedRef[i];
        const total = row.reduce((a, b) => a + b, 0);
        for (let k = 0; k < d; k++) {
          const mean = row.reduce((s, g, j) => s + g * y[j * d + k], 0) / total;
          expect(xs[i * d + k], name).toBeCloseTo((1 - eta) * x[i * d + k] + eta * mean, 9);
        }
      }
    }
  });
});

describe('scores and health in d dimensions', () => {
  it('clips each score row to norm c over all d coordinates and zeroes non-finite rows', () => {
    const d = 4;
    const rows = [[3, 4, 12, 0], [0.1, 0.2, 0.3, 0.4], [1, NaN, 0, 0]];
    const target = { dim: d, score: (_x: Float64Array, out: Float64Array) => (out.set(rows.flat()), out) } as unknown as Target;
    const out = new Float64Array(3 * d);
    expect(guidedScores(target, new Float64Array(3 * d), 5, out)).toBe(1);
    expect(Array.from(out.subarray(0, 4)).map((v) => v * (13 / 5))).toEqual([3, 4, 12, 0].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(out.subarray(4, 8))).toEqual(rows[1]);
    expect(Array.from(out.subarray(8))).toEqual([0, 0, 0, 0]);
  });

  it('particleHealth counts a particle with any non-finite coordinate and leaves escapes unmeasured for d > 2', () => {
    const box = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };
    const x = new Float64Array([0, 0, 0, 1e6, 1e6, 1e6, 0, 0, NaN]); // (3, 3)
    const h = particleHealth(x, box, false, 3);
    expect(h.nonFiniteParticles).toBe(1);
    expect(h.escaped).toBeNaN();
  });

  it('distinctFraction tells rows apart by every coordinate', () => {
    // Equal in the first two coordinates, different in the third.
    expect(distinctFraction(new Float64Array([1, 2, 3, 1, 2, 4, 1, 2, 3]), 3)).toBeCloseTo(2 / 3, 15);
    expect(distinctFraction(new Float64Array([1, 2, 3, 1, 2, 3]), 3)).toBe(0.5);
  });
});

describe('EtdSampler in d dimensions', () => {
  const target = ndAsTarget(createNdTarget('aniso-gaussian', 3));
  const init = { target, seed: 4, initial: initialCloud(4, { n: 30, center: [0, 0], spread: 1, dim: 3 }) };

  it('steps a (30, 3) cloud with MALA moves and refuses a cloud that is not (n, 3)', () => {
    expect(() => new EtdSampler('etd-b', ETD_VARIANTS['etd-b'], { ...init, initial: new Float64Array(31) })).toThrow(/\(n, 3\)/);
    const a = new EtdSampler('etd-b', ETD_VARIANTS['etd-b'], { ...init, params: { mutation: 'mala' } });
    expect(a.n).toBe(30);
    for (let k = 0; k < 3; k++) {
      const da = a.step();
      expect(da.nonFiniteParticles).toBe(0);
      expect(da.acceptance).toBeGreaterThan(0);
    }
    expect(a.positions().length).toBe(90);
    expect(a.positions().every(Number.isFinite)).toBe(true);
    expect(a.lastCoupling()!.problem.dim).toBe(3);
  });

  it('hands the GPU a problem with dim = 3 (the WGSL kernels take d as a compile-time constant)', async () => {
    const seen: number[] = [];
    // A stand-in GPU that solves on the CPU: what matters here is what the sampler passes it.
    const gpu = {
      solve: async (pb: CouplingProblem, warm: null, o: { maxIter: number; tol: number }) => {
        seen.push(pb.dim ?? 2);
        const r = sinkhornScaling(pb, warm, { maxIter: o.maxIter, tol: o.tol }, 1, 1, onlineLse);
        return { F: r.F, G: r.G, iterations: r.iterations, residual: r.residual, omega: 1, converged: r.converged };
      },
    } as unknown as GpuSinkhorn;
    const b = new EtdSampler('etd-b', ETD_VARIANTS['etd-b'], init);
    expect(b.couplesOn(gpu)).toBe(true);
    const db = await b.stepAsync(gpu);
    expect(db.gpu).toBe(1);
    expect(seen).toEqual([3]);
    expect(b.positions().every(Number.isFinite)).toBe(true);
  });
});

describe('memory at d = 50', () => {
  it('one ETD step (N = 40, M = 25) allocates no typed array of N * P * d numbers', () => {
    const d = 50, n = 40, M = 25, P = n * M;
    const target = ndAsTarget(createNdTarget('gmm-d', d));
    const runs = [
      new EtdSampler('etd-b', ETD_VARIANTS['etd-b'], { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2, dim: d }), params: { M } }),
      new EtdSampler('lret-b', ETD_VARIANTS['lret-b'], { target, seed: 2, initial: initialCloud(2, { n, center: [0, 0], spread: 2, dim: d }), params: { M, update: 'barycentric', mutation: 'mala' } }),
      new EtdSampler('etd-sr', ETD_VARIANTS['etd-sr'], { target, seed: 3, initial: initialCloud(3, { n, center: [0, 0], spread: 2, dim: d }), params: { M, costScale: 'mean' } }),
    ];
    const lengths: number[] = [];
    const saved = { Float64Array: globalThis.Float64Array, Float32Array: globalThis.Float32Array };
    const recording = <C extends Float64ArrayConstructor | Float32ArrayConstructor>(ctor: C): C =>
      new Proxy(ctor, {
        construct(t, args: unknown[]) {
          const [a, , len] = args;
          const bytes = ctor.BYTES_PER_ELEMENT;
          if (typeof a === 'number') lengths.push(a);
          else if (a instanceof ArrayBuffer) lengths.push(typeof len === 'number' ? len : a.byteLength / bytes);
          else if (a && typeof a === 'object' && 'length' in a) lengths.push((a as ArrayLike<number>).length);
          // The real constructor as new.target: arrays kept by the engine (its reused kernel
          // buffers) must not carry the map of a proxy-made object, which slows every later access.
          return Reflect.construct(t, args);
        },
      });
    globalThis.Float64Array = recording(saved.Float64Array);
    globalThis.Float32Array = recording(saved.Float32Array);
    try {
      for (const s of runs) s.step();
    } finally {
      globalThis.Float64Array = saved.Float64Array;
      globalThis.Float32Array = saved.Float32Array;
    }
    // The recorder saw the step's own arrays (the proposals are (P, d))...
    expect(lengths).toContain(P * d);
    // ...and none of them holds a number per (particle, proposal, coordinate).
    expect(Math.max(...lengths)).toBeLessThan(n * P * d);
    for (const s of runs) expect(s.positions().every(Number.isFinite)).toBe(true);
  });
});
