import type { Rng } from '../random/rng';
import type { Target } from '../targets/types';
import { clipRows } from './clip';

/**
 * One Metropolis-adjusted Langevin move for every particle of x (N, 2), in place:
 * y = x + h s(x) + sqrt(2h) xi, log q(y | x) = -||y - x - h s(x)||^2 / (4h), accepted with
 * probability min(1, pi(y) q(x | y) / (pi(x) q(y | x))). Scores are clipped to norm c, which
 * keeps the chain exact (q uses the same clipped drift both ways). Returns the number accepted.
 */
export function malaMove(target: Target, x: Float64Array, h: number, c: number, rng: Rng): number {
  const n = x.length >> 1;
  const sx = target.score(x);
  clipRows(sx, c);
  const lx = target.logDensity(x);
  const y = new Float64Array(x.length);
  const noise = Math.sqrt(2 * h);
  for (let k = 0; k < x.length; k++) y[k] = x[k] + h * sx[k] + noise * rng.normal();
  const sy = target.score(y);
  clipRows(sy, c);
  const ly = target.logDensity(y);
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const a = 2 * i, b = a + 1;
    const fx = y[a] - x[a] - h * sx[a], fy = y[b] - x[b] - h * sx[b]; // forward residual
    const rx = x[a] - y[a] - h * sy[a], ry = x[b] - y[b] - h * sy[b]; // reverse residual
    const logQf = -(fx * fx + fy * fy) / (4 * h);
    const logQr = -(rx * rx + ry * ry) / (4 * h);
    const logRatio = ly[i] + logQr - lx[i] - logQf;
    // NaN ratios (broken target) are rejected, so a particle never jumps to a NaN.
    if (logRatio >= 0 || Math.log(rng.uniform()) < logRatio) {
      x[a] = y[a];
      x[b] = y[b];
      accepted++;
    }
  }
  return accepted;
}
