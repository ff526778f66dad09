// The preconditioner axis piece by piece: its linear algebra, the factor's shrinkage, jitter, EMA
// and one-step lag against direct formulas, the identity factor against the plain step, the
// switches, the stage recorder, the GPU hand-over and what happens with broken particles.
import { describe, expect, it } from 'vitest';
import { etdComponents } from '../../src/engine/etd/components';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import type { CouplingProblem } from '../../src/engine/etd/coupling';
import { choleskyShape, CHOLESKY_JITTER, createCholesky, nextCovariance } from '../../src/engine/etd/preconditioner/cholesky';
import { createDiagonal, DIAGONAL_DELTA } from '../../src/engine/etd/preconditioner/diagonal';
import { cholesky, forwardSolve, gram, lowerTimes, lowerTransposeTimes, sampleCovariance } from '../../src/engine/etd/preconditioner/linalg';
import type { Preconditioner } from '../../src/engine/etd/preconditioner';
import { RecordedStep } from '../../src/engine/etd/stages/recordedStep';
import { etdStep, type EtdState } from '../../src/engine/etd/step';
import { etdParamsFor } from '../../src/engine/etd/variantParams';
import { ETD_VARIANTS } from '../../src/engine/etd/variants';
import type { GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { Rng } from '../../src/engine/random/rng';
import { EtdSampler } from '../../src/engine/samplers/etdSampler';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';
import { createPresetTarget } from '../../src/engine/targets/presets';
import type { Target } from '../../src/engine/targets/types';

const normals = (rng: Rng, len: number) => Float64Array.from({ length: len }, () => rng.normal());
const bytes = (x: Float64Array) => Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
};

/** A random lower-triangular (d, d) matrix with a positive diagonal. */
function randomLower(rng: Rng, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) L[a * d + b] = a === b ? 0.5 + Math.abs(rng.normal()) : 0.4 * rng.normal();
  return L;
}

/** (A B)_ab written out over full row-major matrices. */
const mul = (A: Float64Array, B: Float64Array, d: number) => {
  const C = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) for (let k = 0; k < d; k++) C[a * d + b] += A[a * d + k] * B[k * d + b];
  return C;
};
const trans = (A: Float64Array, d: number) => Float64Array.from(A, (_, k) => A[(k % d) * d + Math.floor(k / d)]);

describe('linear algebra of the factor', () => {
  const d = 5;
  const rng = new Rng(17);

  it('sample covariance divides by N - 1 and matches the centred sum of outer products', () => {
    const n = 30;
    const x = normals(rng, n * d);
    const S = sampleCovariance(x, d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let ma = 0, mb = 0;
        for (let i = 0; i < n; i++) { ma += x[i * d + a] / n; mb += x[i * d + b] / n; }
        let s = 0;
        for (let i = 0; i < n; i++) s += (x[i * d + a] - ma) * (x[i * d + b] - mb);
        expect(S[a * d + b]).toBeCloseTo(s / (n - 1), 13);
      }
    }
  });

  it('cholesky gives a lower-triangular L with L L^T = S, and null for an indefinite or non-finite S', () => {
    const L0 = randomLower(rng, d);
    const S = mul(L0, trans(L0, d), d);
    const L = cholesky(S, d)!;
    expect(maxAbs(L, L0)).toBeLessThan(1e-12);
    expect(maxAbs(gram(L, d), S)).toBeLessThan(1e-12);
    for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) expect(L[a * d + b]).toBe(0);
    const bad = Float64Array.from(S);
    bad[0] = -1;
    expect(cholesky(bad, d)).toBeNull();
    bad[0] = NaN;
    expect(cholesky(bad, d)).toBeNull();
  });

  it('L v, L^T v and L^-1 v equal the direct products', () => {
    const L = randomLower(rng, d);
    const v = normals(rng, d);
    const out = new Float64Array(d);
    lowerTimes(L, v, 0, out, 0, d);
    for (let a = 0; a < d; a++) expect(out[a]).toBeCloseTo(Array.from({ length: d }, (_, k) => L[a * d + k] * v[k]).reduce((s, t) => s + t, 0), 13);
    lowerTransposeTimes(L, v, 0, out, 0, d);
    for (let a = 0; a < d; a++) expect(out[a]).toBeCloseTo(Array.from({ length: d }, (_, k) => L[k * d + a] * v[k]).reduce((s, t) => s + t, 0), 13);
    forwardSolve(L, v, 0, out, 0, d);
    const back = new Float64Array(d);
    lowerTimes(L, out, 0, back, 0, d);
    expect(maxAbs(back, v)).toBeLessThan(1e-13);
    // In place, as the MALA move uses it.
    const w = Float64Array.from(v);
    forwardSolve(L, w, 0, w, 0, d);
    expect(maxAbs(w, out)).toBe(0);
  });
});

describe('the Cholesky factor: shrinkage, jitter, EMA, first factor and lag', () => {
  const d = 4, n = 25;
  const rng = new Rng(23);
  const x = normals(rng, n * d).map((v, k) => v * (1 + (k % d)) + 0.3 * (k % 3));

  it('next covariance = ema Lprev Lprev^T + (1 - ema) ((1 - s) S + s diag(S) + jitter I)', () => {
    const prev = randomLower(rng, d);
    const S = sampleCovariance(x, d);
    const P = mul(prev, trans(prev, d), d);
    for (const [shrink, ema] of [[0.1, 0.8], [0.35, 0], [1, 0.5], [0, 0.2]]) {
      const got = nextCovariance(x, d, prev, { shrink, ema });
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          const fresh = (1 - shrink) * S[a * d + b] + (a === b ? shrink * S[a * d + b] + CHOLESKY_JITTER : 0);
          const want = ema > 0 ? ema * P[a * d + b] + (1 - ema) * fresh : fresh;
          expect(got[a * d + b]).toBeCloseTo(want, 13);
        }
      }
    }
    // Shrinkage 1 keeps only the diagonal: the factor is diagonal.
    const L = cholesky(nextCovariance(x, d, null, { shrink: 1, ema: 0 }), d)!;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) if (a !== b) expect(Math.abs(L[a * d + b])).toBe(0);
  });

  it("the first factor is the initial cloud's, EMA-blended with the identity (the authors' init)", () => {
    const pc = createCholesky(x, d, { shrink: 0.1, ema: 0.8, beta: 0.9 })!;
    const S = nextCovariance(x, d, null, { shrink: 0.1, ema: 0 });
    const want = Float64Array.from(S, (v, k) => 0.8 * (k % (d + 1) === 0 ? 1 : 0) + 0.2 * v);
    expect(maxAbs(gram(pc.shape().factor!, d), want)).toBeLessThan(1e-13);
  });

  it('step t uses the factor built from the positions after step t - 1 (one-step lag)', () => {
    const target = ndAsTarget(createNdTarget('aniso-gaussian', d));
    const s = createSampler('etd-b', { target, seed: 2, initial: initialCloud(2, { n, center: [0, 0], spread: 2, dim: d }), params: { precond: 'cholesky', alpha: 0.5, precondEma: 0.6, precondShrink: 0.2 } });
    if (!(s instanceof EtdSampler)) throw new Error('not ETD');
    const o = { shrink: 0.2, ema: 0.6 };
    let prev: Float64Array | null = null;
    for (let t = 0; t < 4; t++) {
      const rec = new RecordedStep();
      s.step(undefined, rec);
      const prep = rec.prep!;
      // The positions before step t are those step t - 1 ended with (the initial cloud at t = 0).
      const want = cholesky(nextCovariance(prep.x, d, prev, o), d)!;
      expect(maxAbs(prep.shape!.factor!, want), `step ${t}`).toBeLessThan(1e-13);
      prev = prep.shape!.factor!;
    }
  });

  it('the shape: drift L L^T s, noise L xi, whitening L^-1 and log det', () => {
    const L = randomLower(rng, d);
    const sh = choleskyShape(L, d);
    const v = normals(rng, 3 * d);
    const Sigma = mul(L, trans(L, d), d);
    const out = new Float64Array(d);
    sh.drift(v, d, out, 0);
    for (let a = 0; a < d; a++) expect(out[a]).toBeCloseTo(Array.from({ length: d }, (_, k) => Sigma[a * d + k] * v[d + k]).reduce((s, t) => s + t, 0), 13);
    const noisy = new Float64Array(3 * d);
    for (let r = 0; r < 3; r++) sh.noise(v.subarray(r * d, r * d + d), noisy, r * d);
    expect(maxAbs(sh.whiten(noisy), v)).toBeLessThan(1e-13);
    expect(sh.logDet).toBeCloseTo(Array.from({ length: d }, (_, k) => Math.log(L[k * d + k])).reduce((s, t) => s + t, 0), 14);
  });

  it('a non-finite particle keeps the previous factor and is reported', () => {
    const pc = createCholesky(x, d, { shrink: 0.1, ema: 0.8, beta: 0.9 })!;
    const before = Float64Array.from(pc.shape().factor!);
    const broken = Float64Array.from(x);
    broken[5] = NaN;
    expect(pc.advance(broken)).toBe(false);
    expect(bytes(pc.shape().factor!)).toEqual(bytes(before));
    // One particle has no covariance: the identity stands in, and stays.
    const one = createCholesky(x.subarray(0, d), d, { shrink: 0.1, ema: 0, beta: 0.9 })!;
    expect(Array.from(one.shape().factor!)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const target = ndAsTarget(createNdTarget('iso-gaussian', d));
    const s = createSampler('etd-b', { target, seed: 1, initial: x.subarray(0, d), params: { precond: 'cholesky' } });
    expect(s.step().precondKept).toBe(1);
  });
});

describe('the diagonal (RMSProp) preconditioner', () => {
  it('G starts at 1 and moves by G <- beta G + (1 - beta) mean s^2; P = 1 / sqrt(G + 1e-8)', () => {
    const d = 3, n = 7;
    const rng = new Rng(5);
    const pc = createDiagonal(new Float64Array(n * d), d, { shrink: 0.1, ema: 0.8, beta: 0.75 })!;
    const xi = new Float64Array([1, 1, 1]);
    const out = new Float64Array(d);
    pc.shape().noise(xi, out, 0);
    for (const v of out) expect(v).toBeCloseTo(1 / Math.sqrt(1 + DIAGONAL_DELTA), 15);
    const s = normals(rng, n * d);
    pc.advance(new Float64Array(n * d), s);
    const G = Array.from({ length: d }, (_, k) => 0.75 + 0.25 * Array.from({ length: n }, (_, i) => s[i * d + k] ** 2).reduce((a, b) => a + b, 0) / n);
    const sh = pc.shape();
    sh.drift(new Float64Array([2, 3, 4]), 0, out, 0);
    G.forEach((g, k) => expect(out[k]).toBeCloseTo([2, 3, 4][k] / Math.sqrt(g + DIAGONAL_DELTA), 13));
    expect(sh.whiten(out)).toEqual(Float64Array.from([2, 3, 4].map((v, k) => (v / Math.sqrt(G[k] + DIAGONAL_DELTA)) * Math.sqrt(G[k] + DIAGONAL_DELTA))));
    expect(sh.logDet).toBeCloseTo(G.reduce((a, g) => a - 0.5 * Math.log(g + DIAGONAL_DELTA), 0), 14);
  });

  it('needs score-guided proposals', () => {
    const target = createPresetTarget('banana');
    expect(() => createSampler('etd-b-sf', { target, seed: 1, initial: initialCloud(1, { n: 4, center: [0, 0], spread: 2 }), params: { precond: 'diagonal' } })).toThrow(
      'invalid precond: diagonal (it is a running mean of squared scores, so it needs score-guided proposals)',
    );
  });
});

/** A preconditioner stuck at the identity: its steps must be the plain ones, bit for bit. */
const identityPrecond = (d: number): Preconditioner => {
  const I = new Float64Array(d * d);
  for (let k = 0; k < d; k++) I[k * d + k] = 1;
  const shape = choleskyShape(I, d);
  return { kind: 'cholesky', shape: () => shape, advance: () => true };
};

describe('covariance I: the preconditioned step is the plain step', () => {
  const CASES: [string, Target, number, Record<string, unknown>][] = [
    ['2D gmm-ring-8 (SIMD mixture path)', createPresetTarget('gmm-ring-8'), 2, {}],
    ['d = 5 aniso-gaussian, barycentric', ndAsTarget(createNdTarget('aniso-gaussian', 5)), 5, { update: 'barycentric', eta: 0.6 }],
    ['d = 3 gmm-d, MALA mutation', ndAsTarget(createNdTarget('gmm-d', 3)), 3, { mutation: 'mala', mutationSteps: 2 }],
    ['d = 3 gmm-d, LRET-B with RWM mutation', ndAsTarget(createNdTarget('gmm-d', 3)), 3, { cost: 'langevin-residual', alpha: 0.1, mutation: 'rwm' }],
  ];
  for (const [name, target, d, params] of CASES) {
    it(`${name}: identical particles over 4 steps`, () => {
      const p = etdParamsFor(ETD_VARIANTS['etd-b'], params);
      const c = etdComponents(p);
      const x0 = initialCloud(9, { n: 30, center: [0, 0], spread: 2, dim: d });
      const plain: EtdState = { x: Float64Array.from(x0), warm: null, last: null };
      const shaped: EtdState = { x: Float64Array.from(x0), warm: null, last: null, precond: identityPrecond(d) };
      const r1 = new Rng(4, 2), r2 = new Rng(4, 2);
      for (let t = 0; t < 4; t++) {
        etdStep(plain, target, p, c, r1);
        etdStep(shaped, target, p, c, r2);
        expect(bytes(shaped.x), `step ${t}`).toEqual(bytes(plain.x));
      }
      // The whitened problem kept the particles' coordinates beside it.
      expect(shaped.last!.problem.positions).toBeDefined();
      expect(plain.last!.problem.positions).toBeUndefined();
    });
  }

  it('precond = cholesky with every switch off runs exactly the plain ETD', () => {
    const target = ndAsTarget(createNdTarget('aniso-gaussian', 4));
    const initial = initialCloud(3, { n: 25, center: [0, 0], spread: 2, dim: 4 });
    const a = createSampler('etd-b', { target, seed: 3, initial, params: { mutation: 'mala' } });
    const b = createSampler('etd-b', { target, seed: 3, initial, params: { mutation: 'mala', precond: 'cholesky', precondProposals: false, precondCost: false, precondMutation: false } });
    for (let t = 0; t < 3; t++) {
      a.step();
      b.step();
    }
    expect(bytes(b.positions())).toEqual(bytes(a.positions()));
  });

  it('each switch alone changes the step', () => {
    const target = ndAsTarget(createNdTarget('aniso-gaussian', 4));
    const initial = initialCloud(3, { n: 25, center: [0, 0], spread: 2, dim: 4 });
    const run = (params: Record<string, unknown>) => {
      const s = createSampler('etd-b', { target, seed: 3, initial, params: { precond: 'cholesky', precondProposals: false, precondCost: false, ...params } });
      s.step();
      return Array.from(s.positions());
    };
    const off = run({});
    expect(run({ precondProposals: true })).not.toEqual(off);
    expect(run({ precondCost: true })).not.toEqual(off);
  });
});

describe('the preconditioned step through the recorder and the GPU hand-over', () => {
  for (const [name, target, d] of [
    ['2D gmm-ring-8', createPresetTarget('gmm-ring-8'), 2],
    ['d = 6 aniso-gaussian', ndAsTarget(createNdTarget('aniso-gaussian', 6)), 6],
  ] as const) {
    it(`${name}: a recorded step gives bitwise the particles of a plain one; the problem is whitened, the update lands on real proposals`, () => {
      const params = { precond: 'cholesky', alpha: 0.3, mutation: 'mala', mutationSteps: 2 };
      const mk = () => createSampler('etd-b', { target, seed: 5, initial: initialCloud(5, { n: 40, center: [0, 0], spread: 2, dim: d }), params }) as EtdSampler;
      const a = mk(), b = mk();
      for (let t = 0; t < 2; t++) {
        a.step();
        b.step();
      }
      const rec = new RecordedStep();
      expect(b.step(undefined, rec)).toEqual(a.step());
      expect(bytes(b.positions())).toEqual(bytes(a.positions()));
      a.step();
      b.step();
      expect(bytes(b.positions())).toEqual(bytes(a.positions()));
      const pb = rec.prep!.problem;
      const L = rec.prep!.shape!.factor!;
      expect(maxAbs(pb.z, rec.prep!.shape!.whiten(rec.prep!.x))).toBe(0);
      const y = pb.positions!.y;
      const back = new Float64Array(y.length);
      for (let o = 0; o < y.length; o += d) lowerTimes(L, pb.y, o, back, o, d);
      expect(maxAbs(back, y)).toBeLessThan(1e-12);
      // Categorical: every particle sits on the real (unwhitened) proposal it picked.
      const picks = rec.trace!.picks!;
      for (let i = 0; i < picks.length; i++) expect(Array.from(rec.xUpdated!.subarray(i * d, i * d + d))).toEqual(Array.from(y.subarray(picks[i] * d, picks[i] * d + d)));
    });
  }

  it('stepAsync hands the GPU the whitened problem and ends where the CPU step ends', async () => {
    const d = 5;
    const target = ndAsTarget(createNdTarget('aniso-gaussian', d));
    const init = { target, seed: 8, initial: initialCloud(8, { n: 30, center: [0, 0], spread: 2, dim: d }), params: { precond: 'cholesky', alpha: 0.5 } };
    const seen: CouplingProblem[] = [];
    // A stand-in GPU that solves on the CPU with the same reductions as the CPU path.
    const gpu = {
      solve: async (pb: CouplingProblem, warm: null, o: { maxIter: number; tol: number }) => {
        seen.push(pb);
        const r = sinkhornScaling(pb, warm, { maxIter: o.maxIter, tol: o.tol }, 1, 1);
        return { F: r.F, G: r.G, iterations: r.iterations, residual: r.residual, omega: 1, converged: r.converged };
      },
    } as unknown as GpuSinkhorn;
    const a = createSampler('etd-b', { ...init, params: { ...init.params, relax: 'off' } }) as EtdSampler;
    const b = createSampler('etd-b', { ...init, params: { ...init.params, relax: 'off' } }) as EtdSampler;
    for (let t = 0; t < 3; t++) {
      a.step();
      await b.stepAsync(gpu);
      expect(maxAbs(b.positions(), a.positions()), `step ${t}`).toBeLessThan(1e-12);
    }
    expect(seen.length).toBe(3);
    for (const pb of seen) {
      expect(pb.dim).toBe(d);
      expect(pb.positions).toBeDefined();
      expect(maxAbs(pb.z, pb.positions!.z)).toBeGreaterThan(1e-3);
    }
  });
});
