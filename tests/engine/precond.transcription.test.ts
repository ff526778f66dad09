// ETD-B with the authors' preconditioners against a float64 transcription of their step
// (vpacelli/etd: src/etd/step.py, proposals/langevin.py, proposals/preconditioner.py, weights.py,
// costs/euclidean.py, coupling/sinkhorn.py, primitives/mutation.py), written here on plain
// number arrays with its own linear algebra, fed the same random draws as the engine.
import { describe, expect, it } from 'vitest';
import { RecordedStep } from '../../src/engine/etd/stages/recordedStep';
import { Rng, STREAM } from '../../src/engine/random/rng';
import { EtdSampler } from '../../src/engine/samplers/etdSampler';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';
import type { Target } from '../../src/engine/targets/types';

type Mat = number[][];

const zeros = (r: number, c: number): Mat => Array.from({ length: r }, () => new Array<number>(c).fill(0));
const eye = (d: number): Mat => zeros(d, d).map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
const matVec = (A: Mat, v: number[]): number[] => A.map((row) => row.reduce((s, a, k) => s + a * v[k], 0));
const transpose = (A: Mat): Mat => A[0].map((_, j) => A.map((row) => row[j]));
const matMul = (A: Mat, B: Mat): Mat => A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
const lse = (v: number[]): number => {
  const m = Math.max(...v);
  return m + Math.log(v.reduce((s, t) => s + Math.exp(t - m), 0));
};

/** Cholesky-Crout, column by column (a different loop order from the engine's). */
function chol(S: Mat): Mat {
  const d = S.length;
  const L = zeros(d, d);
  for (let j = 0; j < d; j++) {
    let s = S[j][j];
    for (let k = 0; k < j; k++) s -= L[j][k] ** 2;
    L[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < d; i++) {
      let t = S[i][j];
      for (let k = 0; k < j; k++) t -= L[i][k] * L[j][k];
      L[i][j] = t / L[j][j];
    }
  }
  return L;
}

/** The inverse of a lower-triangular matrix, column by column (solve_triangular(L, I)). */
function lowerInverse(L: Mat): Mat {
  const d = L.length;
  const inv = zeros(d, d);
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < d; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i][k] * inv[k][c];
      inv[i][c] = s / L[i][i];
    }
  }
  return inv;
}

/** compute_ensemble_cholesky: covariance (N - 1), shrink to the diagonal, jitter, EMA on the covariance, factor. */
function ensembleCholesky(X: Mat, prevL: Mat, shrink: number, ema: number): Mat {
  const n = X.length, d = X[0].length;
  const mean = X[0].map((_, k) => X.reduce((s, r) => s + r[k], 0) / n);
  const C = X.map((r) => r.map((v, k) => v - mean[k]));
  const cov = matMul(transpose(C), C).map((row) => row.map((v) => v / (n - 1)));
  let S = cov.map((row, a) => row.map((v, b) => (1 - shrink) * v + shrink * (a === b ? v : 0) + (a === b ? 1e-6 : 0)));
  if (ema > 0) {
    const prev = matMul(prevL, transpose(prevL));
    S = S.map((row, a) => row.map((v, b) => ema * prev[a][b] + (1 - ema) * v));
  }
  return chol(S);
}

const clipRow = (s: number[], c: number): number[] => {
  const norm = Math.sqrt(s.reduce((t, v) => t + v * v, 0));
  return norm > c ? s.map((v) => (v * c) / norm) : s;
};

interface AuthorsState {
  x: Mat;
  L: Mat; // the Cholesky factor for the coming step
  G: number[]; // the RMSProp accumulator for the coming step
}

interface AuthorsSettings {
  kind: 'cholesky' | 'diagonal';
  alpha: number;
  eps: number;
  M: number;
  shrink: number;
  ema: number;
  beta: number;
  mutation: { steps: number; h: number } | null;
}

/** One ETD-B step of the authors with their preconditioner, on plain arrays; mutates st, returns intermediates. */
function authorsStep(st: AuthorsState, target: Target, o: AuthorsSettings, rng: Rng) {
  const { x } = st;
  const n = x.length, d = x[0].length, P = n * o.M;
  const flat = (rows: Mat) => Float64Array.from(rows.flat());
  const rawScores = target.score(flat(x));
  const s = x.map((_, i) => clipRow(Array.from(rawScores.subarray(i * d, i * d + d)), 5));
  const sigma = Math.sqrt(2 * o.alpha);
  // Proposals: drift and noise by L L^T and L, or by P.
  const Pdiag = st.G.map((g) => 1 / Math.sqrt(g + 1e-8));
  const driftOf = (v: number[]) => (o.kind === 'cholesky' ? matVec(st.L, matVec(transpose(st.L), v)) : v.map((t, k) => Pdiag[k] * t));
  const noiseOf = (xi: number[]) => (o.kind === 'cholesky' ? matVec(st.L, xi) : xi.map((t, k) => Pdiag[k] * t));
  const means = x.map((xi, i) => xi.map((v, k) => v + o.alpha * driftOf(s[i])[k]));
  const y: Mat = [];
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < o.M; m++) {
      const xi = Array.from({ length: d }, () => rng.normal());
      const b = noiseOf(xi);
      y.push(means[i].map((v, k) => v + sigma * b[k]));
    }
  }
  // log q with the mixture's covariance sigma^2 L L^T (or diag(sigma P)^2), whitened.
  const W = o.kind === 'cholesky' ? lowerInverse(st.L.map((row) => row.map((v) => sigma * v))) : null;
  const wq = (v: number[]) => (W ? matVec(W, v) : v.map((t, k) => t / (sigma * Pdiag[k])));
  const logDetTerm = -0.5 * (d * Math.log(2 * Math.PI) + 2 * (W ? st.L.reduce((t, row, k) => t + Math.log(sigma * row[k]), 0) : Pdiag.reduce((t, p) => t + Math.log(sigma * p), 0)));
  const zy = y.map(wq);
  const zm = means.map(wq);
  const logPi = target.logDensity(flat(y));
  let logB = zy.map((z, j) => {
    const logQ = lse(zm.map((m) => logDetTerm - 0.5 * z.reduce((t, v, k) => t + (v - m[k]) ** 2, 0))) - Math.log(n);
    return logPi[j] - logQ;
  });
  const top = Math.max(...logB);
  logB = logB.map((v) => Math.max(v, top - 30));
  const norm = lse(logB);
  logB = logB.map((v) => v - norm);
  // Cost in whitened coordinates, median-normalised (all N P entries: N P < 4096).
  const Winv = o.kind === 'cholesky' ? lowerInverse(st.L) : null;
  const wc = (v: number[]) => (Winv ? matVec(Winv, v) : v.map((t, k) => t / Pdiag[k]));
  const xw = x.map(wc), yw = y.map(wc);
  const C = xw.map((a) => yw.map((b) => 0.5 * a.reduce((t, v, k) => t + (v - b[k]) ** 2, 0)));
  const sorted = C.flat().sort((a, b) => a - b);
  const median = 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
  const logK = C.map((row) => row.map((c) => -c / median / o.eps));
  // Balanced Sinkhorn in the log domain, to convergence.
  const logA = -Math.log(n);
  let f = new Array<number>(n).fill(0), g = new Array<number>(P).fill(0);
  for (let it = 0; it < 20000; it++) {
    const fNew = logK.map((row) => o.eps * (logA - lse(row.map((k, j) => k + g[j] / o.eps))));
    g = logB.map((lb, j) => o.eps * (lb - lse(logK.map((row, i) => row[j] + fNew[i] / o.eps))));
    const change = Math.max(...fNew.map((v, i) => Math.abs(v - f[i])));
    f = fNew;
    if (change < 1e-13) break;
  }
  // Categorical update by inverse CDF with one uniform per particle (damping 1).
  const next = x.map((_, i) => {
    const row = logK[i].map((k, j) => k + g[j] / o.eps);
    const z = lse(row);
    const u = rng.uniform();
    let cum = 0;
    for (let j = 0; j < P; j++) {
      cum += Math.exp(row[j] - z);
      if (cum > u) return [...y[j]];
    }
    return [...y[P - 1]];
  });
  // MALA mutation with the step's factor (drift h L L^T s, noise sqrt(2h) L xi, whitened q).
  if (o.mutation) {
    const { h } = o.mutation;
    const Linv = lowerInverse(st.L);
    const sig = (v: number[]) => matVec(st.L, matVec(transpose(st.L), v));
    const scoreRows = (rows: Mat) => {
      const raw = target.score(flat(rows));
      return rows.map((_, i) => clipRow(Array.from(raw.subarray(i * d, i * d + d)), 5));
    };
    for (let k = 0; k < o.mutation.steps; k++) {
      const sx = scoreRows(next).map(sig);
      const lx = target.logDensity(flat(next));
      const prop = next.map((xi, i) => {
        const b = matVec(st.L, Array.from({ length: d }, () => rng.normal()));
        return xi.map((v, t) => v + h * sx[i][t] + Math.sqrt(2 * h) * b[t]);
      });
      const sy = scoreRows(prop).map(sig);
      const ly = target.logDensity(flat(prop));
      for (let i = 0; i < n; i++) {
        const fw = matVec(Linv, prop[i].map((v, t) => v - next[i][t] - h * sx[i][t]));
        const rv = matVec(Linv, next[i].map((v, t) => v - prop[i][t] - h * sy[i][t]));
        const ratio = ly[i] - rv.reduce((a, v) => a + v * v, 0) / (4 * h) - lx[i] + fw.reduce((a, v) => a + v * v, 0) / (4 * h);
        if (ratio >= 0 || Math.log(rng.uniform()) < ratio) next[i] = prop[i];
      }
    }
  }
  const used = { L: st.L, logB, median };
  // The preconditioner for the next step, from the positions this one ended with.
  if (o.kind === 'cholesky') st.L = ensembleCholesky(next, st.L, o.shrink, o.ema);
  else st.G = st.G.map((g0, k) => o.beta * g0 + (1 - o.beta) * s.reduce((t, r) => t + r[k] * r[k], 0) / n);
  st.x = next;
  return used;
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
};

describe("ETD-B with the authors' preconditioner matches a float64 transcription of their step", () => {
  const d = 4, n = 20, M = 5, seed = 3;
  const target = ndAsTarget(createNdTarget('aniso-gaussian', d));
  const x0 = initialCloud(seed, { n, center: [0, 0], spread: 2, dim: d });
  const rows = (a: Float64Array): Mat => Array.from({ length: a.length / d }, (_, i) => Array.from(a.subarray(i * d, i * d + d)));

  const CASES: [string, Record<string, unknown>, AuthorsSettings][] = [
    ['cholesky, EMA 0.8', { precond: 'cholesky' }, { kind: 'cholesky', alpha: 0.5, eps: 0.1, M, shrink: 0.1, ema: 0.8, beta: 0.9, mutation: null }],
    ['cholesky, no EMA, shrinkage 0.3', { precond: 'cholesky', precondEma: 0, precondShrink: 0.3 }, { kind: 'cholesky', alpha: 0.5, eps: 0.1, M, shrink: 0.3, ema: 0, beta: 0.9, mutation: null }],
    [
      'cholesky with MALA mutation on the same factor',
      { precond: 'cholesky', mutation: 'mala', mutationSteps: 2, mutationStep: 0.02 },
      { kind: 'cholesky', alpha: 0.5, eps: 0.1, M, shrink: 0.1, ema: 0.8, beta: 0.9, mutation: { steps: 2, h: 0.02 } },
    ],
    ['diagonal (RMSProp)', { precond: 'diagonal' }, { kind: 'diagonal', alpha: 0.5, eps: 0.1, M, shrink: 0.1, ema: 0.8, beta: 0.9, mutation: null }],
  ];

  for (const [name, params, o] of CASES) {
    it(`${name}: weights, cost scale, factor and particles agree over 3 steps`, () => {
      const s = createSampler('etd-b', {
        target,
        seed,
        initial: x0,
        params: { ...params, alpha: o.alpha, eps: o.eps, M, tol: 1e-11, maxIter: 10000, relax: 'off' },
      });
      if (!(s instanceof EtdSampler)) throw new Error('not ETD');
      const rng = new Rng(seed, STREAM.sampler);
      // The authors' init: the factor of the initial positions against the identity.
      const st: AuthorsState = { x: rows(x0), L: ensembleCholesky(rows(x0), eye(d), o.shrink, o.ema), G: new Array<number>(d).fill(1) };
      for (let step = 0; step < 3; step++) {
        const rec = new RecordedStep();
        s.step(undefined, rec);
        const want = authorsStep(st, target, o, rng);
        const prep = rec.prep!;
        if (o.kind === 'cholesky') expect(maxAbs(prep.shape!.factor!, want.L.flat()), `factor at step ${step}`).toBeLessThan(1e-12);
        expect(maxAbs(prep.problem.logB, want.logB), `log b at step ${step}`).toBeLessThan(1e-9);
        expect(prep.costScale / want.median - 1, `median at step ${step}`).toBeCloseTo(0, 11);
        expect(maxAbs(s.positions(), st.x.flat()), `particles after step ${step}`).toBeLessThan(1e-10);
      }
    });
  }
});
