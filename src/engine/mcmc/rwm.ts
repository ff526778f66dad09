import type { Rng } from '../random/rng';
import { dimOf, type Target } from '../targets/types';
import { lowerTimes } from '../etd/preconditioner/linalg';

/**
 * One random-walk Metropolis move per particle of x (N, d), d = dimOf(target), in place:
 * y = x + sqrt(2h) xi (the same noise scale as a Langevin step h), accepted with probability
 * min(1, pi(y) / pi(x)). Uses only values of pi. Returns the number accepted.
 * With a lower-triangular factor L (d, d): y = x + sqrt(2h) L xi (still symmetric).
 */
export function rwmMove(target: Target, x: Float64Array, h: number, rng: Rng, L?: Float64Array | null): number {
  const d = dimOf(target);
  const n = x.length / d;
  const lx = target.logDensity(x);
  const y = new Float64Array(x.length);
  const noise = Math.sqrt(2 * h);
  if (L) {
    const xi = new Float64Array(d);
    const b = new Float64Array(d);
    for (let o = 0; o < x.length; o += d) {
      for (let k = 0; k < d; k++) xi[k] = rng.normal();
      lowerTimes(L, xi, 0, b, 0, d);
      for (let k = 0; k < d; k++) y[o + k] = x[o + k] + noise * b[k];
    }
  } else {
    for (let k = 0; k < x.length; k++) y[k] = x[k] + noise * rng.normal();
  }
  const ly = target.logDensity(y);
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const logRatio = ly[i] - lx[i];
    if (logRatio >= 0 || Math.log(rng.uniform()) < logRatio) {
      for (let t = i * d; t < (i + 1) * d; t++) x[t] = y[t];
      accepted++;
    }
  }
  return accepted;
}
