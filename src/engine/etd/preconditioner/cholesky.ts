import { cholesky, forwardSolve, gram, lowerTimes, lowerTransposeTimes, sampleCovariance } from './linalg';
import type { PrecondSettings, Preconditioner, PreconditionerFactory, StepShape } from './types';

/** Added to the covariance's diagonal before factoring, so L exists for a collapsed cloud (the authors' 1e-6). */
export const CHOLESKY_JITTER = 1e-6;

/**
 * The next covariance of the Cholesky preconditioner, from positions x (N, d) and the previous
 * factor (null at the start, when the previous covariance is taken to be I):
 *   S = sample covariance (divide by N - 1), S <- (1 - shrink) S + shrink diag(S),
 *   S <- S + jitter I, then, when ema > 0, S <- ema Lprev Lprev^T + (1 - ema) S.
 * The authors' first factor (etd.step.init) runs the same rule against the identity, so with
 * ema > 0 it is pulled towards I; this does the same.
 */
export function nextCovariance(
  x: Float64Array, // (N, d)
  d: number,
  prev: Float64Array | null, // (d, d) lower-triangular, or null for I
  o: Pick<PrecondSettings, 'shrink' | 'ema'>,
): Float64Array {
  const S = sampleCovariance(x, d);
  const off = 1 - o.shrink;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) if (a !== b) S[a * d + b] *= off;
    S[a * d + a] += CHOLESKY_JITTER;
  }
  if (o.ema > 0) {
    const P = prev ? gram(prev, d) : identity(d);
    for (let k = 0; k < d * d; k++) S[k] = o.ema * P[k] + (1 - o.ema) * S[k];
  }
  return S;
}

const identity = (d: number): Float64Array => {
  const I = new Float64Array(d * d);
  for (let k = 0; k < d; k++) I[k * d + k] = 1;
  return I;
};

/** The step shape of a lower-triangular factor L (d, d): A = L L^T, B = L. */
export function choleskyShape(L: Float64Array, d: number): StepShape {
  let logDet = 0;
  for (let k = 0; k < d; k++) logDet += Math.log(L[k * d + k]);
  const t = new Float64Array(d);
  return {
    d,
    logDet,
    factor: L,
    drift(s, so, out, oo) {
      lowerTransposeTimes(L, s, so, t, 0, d);
      lowerTimes(L, t, 0, out, oo, d);
    },
    noise(xi, out, oo) {
      lowerTimes(L, xi, 0, out, oo, d);
    },
    whiten(points) {
      const out = new Float64Array(points.length);
      for (let o = 0; o < points.length; o += d) forwardSolve(L, points, o, out, o, d);
      return out;
    },
  };
}

/**
 * The authors' full preconditioner: L = chol(shrunk, jittered, EMA-blended covariance of the
 * positions), rebuilt after every step from the positions that step ended with. When the new
 * covariance cannot be factored (a non-finite particle, or N = 1) the previous factor is kept.
 */
export const createCholesky: PreconditionerFactory = (x0, d, o) => {
  let L = cholesky(nextCovariance(x0, d, null, o), d) ?? identity(d);
  let shape = choleskyShape(L, d);
  const pc: Preconditioner = {
    kind: 'cholesky',
    shape: () => shape,
    advance(x) {
      const next = cholesky(nextCovariance(x, d, L, o), d);
      if (!next) return false;
      L = next;
      shape = choleskyShape(L, d);
      return true;
    },
  };
  return pc;
};
