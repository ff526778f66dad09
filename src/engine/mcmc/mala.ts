import type { Rng } from '../random/rng';
import { dimOf, type Target } from '../targets/types';
import { forwardSolve, lowerTimes, lowerTransposeTimes } from '../etd/preconditioner/linalg';
import { clipRows } from './clip';

/**
 * One Metropolis-adjusted Langevin move for every particle of x (N, d), d = dimOf(target), in place:
 * y = x + h s(x) + sqrt(2h) xi, log q(y | x) = -||y - x - h s(x)||^2 / (4h), accepted with
 * probability min(1, pi(y) q(x | y) / (pi(x) q(y | x))). Scores are clipped to norm c, which
 * keeps the chain exact (q uses the same clipped drift both ways). Returns the number accepted.
 * With a lower-triangular factor L (d, d) the move is preconditioned by Sigma = L L^T:
 * y = x + h Sigma s(x) + sqrt(2h) L xi, log q(y | x) = -||L^-1 (y - x - h Sigma s(x))||^2 / (4h).
 */
export function malaMove(target: Target, x: Float64Array, h: number, c: number, rng: Rng, L?: Float64Array | null): number {
  if (L) return malaMoveShaped(target, x, h, c, rng, L);
  const d = dimOf(target);
  const n = x.length / d;
  const sx = target.score(x);
  clipRows(sx, c, d);
  const lx = target.logDensity(x);
  const y = new Float64Array(x.length);
  const noise = Math.sqrt(2 * h);
  for (let k = 0; k < x.length; k++) y[k] = x[k] + h * sx[k] + noise * rng.normal();
  const sy = target.score(y);
  clipRows(sy, c, d);
  const ly = target.logDensity(y);
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let sqF = 0; // ||forward residual||^2
    let sqR = 0; // ||reverse residual||^2
    for (let t = o; t < o + d; t++) {
      const f = y[t] - x[t] - h * sx[t];
      const r = x[t] - y[t] - h * sy[t];
      sqF += f * f;
      sqR += r * r;
    }
    const logQf = -sqF / (4 * h);
    const logQr = -sqR / (4 * h);
    const logRatio = ly[i] + logQr - lx[i] - logQf;
    // NaN ratios (broken target) are rejected, so a particle never jumps to a NaN.
    if (logRatio >= 0 || Math.log(rng.uniform()) < logRatio) {
      for (let t = o; t < o + d; t++) x[t] = y[t];
      accepted++;
    }
  }
  return accepted;
}

/** Sigma s for every row of s (N, d), Sigma = L L^T. */
function sigmaTimes(L: Float64Array, s: Float64Array, d: number): Float64Array {
  const out = new Float64Array(s.length);
  const t = new Float64Array(d);
  for (let o = 0; o < s.length; o += d) {
    lowerTransposeTimes(L, s, o, t, 0, d);
    lowerTimes(L, t, 0, out, o, d);
  }
  return out;
}

/**
 * The preconditioned move. Normals are drawn particle by particle, coordinate by coordinate (the
 * unpreconditioned order), then one uniform per particle in order.
 */
function malaMoveShaped(target: Target, x: Float64Array, h: number, c: number, rng: Rng, L: Float64Array): number {
  const d = dimOf(target);
  const n = x.length / d;
  const sx = target.score(x);
  clipRows(sx, c, d);
  const ax = sigmaTimes(L, sx, d);
  const lx = target.logDensity(x);
  const y = new Float64Array(x.length);
  const noise = Math.sqrt(2 * h);
  const xi = new Float64Array(d);
  const b = new Float64Array(d);
  for (let o = 0; o < x.length; o += d) {
    for (let k = 0; k < d; k++) xi[k] = rng.normal();
    lowerTimes(L, xi, 0, b, 0, d);
    for (let k = 0; k < d; k++) y[o + k] = x[o + k] + h * ax[o + k] + noise * b[k];
  }
  const sy = target.score(y);
  clipRows(sy, c, d);
  const ay = sigmaTimes(L, sy, d);
  const ly = target.logDensity(y);
  const f = new Float64Array(d);
  const r = new Float64Array(d);
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) {
      f[k] = y[o + k] - x[o + k] - h * ax[o + k];
      r[k] = x[o + k] - y[o + k] - h * ay[o + k];
    }
    forwardSolve(L, f, 0, f, 0, d);
    forwardSolve(L, r, 0, r, 0, d);
    let sqF = 0, sqR = 0;
    for (let k = 0; k < d; k++) {
      sqF += f[k] * f[k];
      sqR += r[k] * r[k];
    }
    const logRatio = ly[i] - sqR / (4 * h) - lx[i] + sqF / (4 * h);
    if (logRatio >= 0 || Math.log(rng.uniform()) < logRatio) {
      for (let t = o; t < o + d; t++) x[t] = y[t];
      accepted++;
    }
  }
  return accepted;
}
