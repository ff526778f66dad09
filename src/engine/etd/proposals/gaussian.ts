import type { Rng } from '../../random/rng';

/**
 * Langevin proposals: mu_i = x_i + alpha s_i, y_(i,m) = mu_i + sigma xi, pooled row-major by
 * particle (slot j = i * M + m), so slot j keeps its meaning across steps for warm starts.
 */
export function langevinProposals(
  x: Float64Array, // (N, 2)
  s: Float64Array, // (N, 2)
  alpha: number,
  sigma: number,
  M: number,
  rng: Rng,
  mu: Float64Array, // (N, 2) out
  y: Float64Array, // (N * M, 2) out
): void {
  const n = x.length >> 1;
  for (let i = 0; i < n; i++) {
    const mx = x[2 * i] + alpha * s[2 * i];
    const my = x[2 * i + 1] + alpha * s[2 * i + 1];
    mu[2 * i] = mx;
    mu[2 * i + 1] = my;
    for (let m = 0; m < M; m++) {
      const j = i * M + m;
      y[2 * j] = mx + sigma * rng.normal();
      y[2 * j + 1] = my + sigma * rng.normal();
    }
  }
}
