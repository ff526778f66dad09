import type { Preconditioner, PreconditionerFactory, StepShape } from './types';

/** Added to the running mean of squared scores before the square root (the authors' delta). */
export const DIAGONAL_DELTA = 1e-8;

/**
 * The step shape of the diagonal preconditioner P = 1 / sqrt(G + delta), as the authors use it:
 * drift P * s, noise P * xi, cost and mixture whitened by 1 / P. (P stands where the Cholesky
 * path has both L L^T and L; it is not the square root of its drift matrix.)
 */
export function diagonalShape(G: Float64Array): StepShape {
  const d = G.length;
  const P = Float64Array.from(G, (g) => 1 / Math.sqrt(g + DIAGONAL_DELTA));
  let logDet = 0;
  for (let k = 0; k < d; k++) logDet += Math.log(P[k]);
  return {
    d,
    logDet,
    factor: null,
    drift(s, so, out, oo) {
      for (let k = 0; k < d; k++) out[oo + k] = P[k] * s[so + k];
    },
    noise(xi, out, oo) {
      for (let k = 0; k < d; k++) out[oo + k] = P[k] * xi[k];
    },
    whiten(points) {
      const out = new Float64Array(points.length);
      for (let o = 0; o < points.length; o += d) for (let k = 0; k < d; k++) out[o + k] = points[o + k] / P[k];
      return out;
    },
  };
}

/**
 * The authors' RMSProp preconditioner: G starts at 1 in every coordinate and after each step
 * G <- beta G + (1 - beta) mean_i s_i^2 (elementwise, over that step's clipped scores).
 */
export const createDiagonal: PreconditionerFactory = (_x0, d, o) => {
  const G = new Float64Array(d).fill(1);
  let shape = diagonalShape(G);
  const pc: Preconditioner = {
    kind: 'diagonal',
    shape: () => shape,
    advance(_x, scores) {
      if (!scores) throw new Error('the diagonal preconditioner is built from scores: none were given');
      const n = scores.length / d;
      const next = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) next[k] += scores[i * d + k] * scores[i * d + k];
      for (let k = 0; k < d; k++) next[k] = o.beta * G[k] + (1 - o.beta) * (next[k] / n);
      if (!next.every(Number.isFinite)) return false;
      G.set(next);
      shape = diagonalShape(G);
      return true;
    },
  };
  return pc;
};
