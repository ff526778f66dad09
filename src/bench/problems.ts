import type { CouplingProblem } from '../engine/etd/coupling/problem';
import type { EtdSampler } from '../engine/samplers/etdSampler';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createPresetTarget } from '../engine/targets/presets';

/**
 * A realistic Sinkhorn problem of size N x 25N: the one ETD-B actually solves at its third
 * step on gmm-grid-4 (particles, pooled proposals, importance weights, normalised cost).
 */
export function etdProblem(n: number, seed = 1): CouplingProblem {
  const target = createPresetTarget('gmm-grid-4');
  const s = createSampler('etd-b', { target, seed, initial: initialCloud(seed, { n, center: [0, 0], spread: 2 }), params: { maxIter: 5 } }) as EtdSampler;
  for (let k = 0; k < 3; k++) s.step();
  return s.lastCoupling()!.problem;
}

/** The problem as plain arrays, for POT (M_ij = kappa * eps * ||y_j - z_i||^2 with reg = eps). */
export function problemJson(pb: CouplingProblem) {
  return { z: Array.from(pb.z), y: Array.from(pb.y), logb: Array.from(pb.logB), kappa: pb.kappa, eps: pb.eps };
}
