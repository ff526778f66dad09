/**
 * Laplace approximation of the BLR posterior: the mode w* (MAP) by damped Newton, and the
 * Gaussian N(w*, H^-1) with H the Hessian of -log pi at w*. The posterior is log-concave (the
 * prior makes H positive definite everywhere), so Newton with backtracking converges from 0.
 */
import { cholesky, choleskyInverse, choleskySolve } from './linalg';
import { blrLogDensity, blrNegHessian, blrScore } from './posterior';
import type { BlrProblem } from './problem';

export interface Laplace {
  /** The posterior mode. (d) */
  readonly mode: Float64Array;
  /** H^-1. (d, d) */
  readonly cov: Float64Array;
  /** Cholesky factor of cov. (d, d) */
  readonly covChol: Float64Array;
  /** Newton iterations used. */
  readonly iterations: number;
  /** ||grad log pi|| at the mode. */
  readonly gradNorm: number;
}

const cache = new WeakMap<BlrProblem, Laplace>();

/** The Laplace approximation of a problem (cached per problem object). */
export function laplace(p: BlrProblem): Laplace {
  const hit = cache.get(p);
  if (hit) return hit;
  const d = p.dim;
  let w = new Float64Array(d);
  let f = blrLogDensity(p, w)[0];
  let it = 0;
  let gradNorm = Infinity;
  for (; it < 100; it++) {
    const g = blrScore(p, w);
    gradNorm = Math.hypot(...g);
    if (gradNorm < 1e-9 * (1 + Math.abs(f))) break;
    const step = choleskySolve(cholesky(blrNegHessian(p, w), d), d, g); // ascent direction H^-1 g
    let t = 1;
    let next = w;
    let fNext = -Infinity;
    for (let k = 0; k < 50; k++, t /= 2) {
      next = Float64Array.from(w, (v, i) => v + t * step[i]);
      fNext = blrLogDensity(p, next)[0];
      if (fNext >= f) break;
    }
    if (!(fNext >= f)) break;
    const done = fNext - f < 1e-13 * (1 + Math.abs(f));
    w = next;
    f = fNext;
    if (done) {
      gradNorm = Math.hypot(...blrScore(p, w));
      it++;
      break;
    }
  }
  const cov = choleskyInverse(cholesky(blrNegHessian(p, w), d), d);
  const out: Laplace = { mode: w, cov, covChol: cholesky(cov, d), iterations: it, gradNorm };
  cache.set(p, out);
  return out;
}
