import type { Rng } from '../../random/rng';
import type { StepShape } from '../preconditioner/types';

/**
 * Langevin proposals: mu_i = x_i + alpha s_i, y_(i,m) = mu_i + sigma xi, pooled row-major by
 * particle (slot j = i * M + m), so slot j keeps its meaning across steps for warm starts.
 * Normals are drawn particle by particle, proposal by proposal, coordinate by coordinate (the
 * order the 2D runs have always used).
 * With a preconditioner's shape (A, B): mu_i = x_i + alpha A s_i, y = mu_i + sigma B xi, the d
 * normals of xi drawn in the same order before B is applied.
 */
export function langevinProposals(
  x: Float64Array, // (N, d)
  s: Float64Array, // (N, d)
  alpha: number,
  sigma: number,
  M: number,
  rng: Rng,
  mu: Float64Array, // (N, d) out
  y: Float64Array, // (N * M, d) out
  d = 2,
  shape?: StepShape,
): void {
  if (shape) {
    shapedProposals(x, s, alpha, sigma, M, rng, mu, y, shape);
    return;
  }
  const n = x.length / d;
  for (let i = 0; i < n; i++) {
    const o = d * i;
    for (let k = 0; k < d; k++) mu[o + k] = x[o + k] + alpha * s[o + k];
    for (let m = 0; m < M; m++) {
      const oj = d * (i * M + m);
      for (let k = 0; k < d; k++) y[oj + k] = mu[o + k] + sigma * rng.normal();
    }
  }
}

function shapedProposals(
  x: Float64Array, // (N, d)
  s: Float64Array, // (N, d)
  alpha: number,
  sigma: number,
  M: number,
  rng: Rng,
  mu: Float64Array, // (N, d) out
  y: Float64Array, // (N * M, d) out
  shape: StepShape,
): void {
  const d = shape.d;
  const n = x.length / d;
  const a = new Float64Array(d);
  const xi = new Float64Array(d);
  const b = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = d * i;
    shape.drift(s, o, a, 0);
    for (let k = 0; k < d; k++) mu[o + k] = x[o + k] + alpha * a[k];
    for (let m = 0; m < M; m++) {
      const oj = d * (i * M + m);
      for (let k = 0; k < d; k++) xi[k] = rng.normal();
      shape.noise(xi, b, 0);
      for (let k = 0; k < d; k++) y[oj + k] = mu[o + k] + sigma * b[k];
    }
  }
}
