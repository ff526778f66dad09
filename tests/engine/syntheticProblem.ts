import type { CouplingProblem } from '../../src/engine/etd/coupling';

/**
 * A seeded n x p transport problem for kernel tests (Node and browser pages): particles in
 * [-1.5, 1.5]^2, proposals in two clusters, non-uniform target weights.
 */
export function syntheticProblem(n: number, p: number, seed: number): CouplingProblem {
  let s = seed;
  const u = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const z = Float64Array.from({ length: 2 * n }, () => 3 * u() - 1.5);
  const y = Float64Array.from({ length: 2 * p }, (_, k) => (k % 4 < 2 ? -1 : 1) + u() - 0.5);
  const w = Array.from({ length: p }, () => u() + 0.2);
  const total = w.reduce((a, b) => a + b, 0);
  return {
    z, y, kappa: 2, eps: 0.1,
    logA: new Float64Array(n).fill(-Math.log(n)),
    logB: Float64Array.from(w, (v) => Math.log(v / total)),
  };
}
