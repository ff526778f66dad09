import type { Rng } from '../random/rng';
import { dimOf, type Target } from '../targets/types';
import { clipRows } from './clip';

/**
 * One Metropolis-adjusted Langevin move for every particle of x (N, d), d = dimOf(target), in place:
 * y = x + h s(x) + sqrt(2h) xi, log q(y | x) = -||y - x - h s(x)||^2 / (4h), accepted with
 * probability min(1, pi(y) q(x | y) / (pi(x) q(y | x))). Scores are clipped to norm c, which
 * keeps the chain exact (q uses the same clipped drift both ways). Returns the number accepted.
 */
export function malaMove(target: Target, x: Float64Array, h: number, c: number, rng: Rng): number {
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
