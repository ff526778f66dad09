import { problemDim, proposalPositions } from '../coupling/problem';
import { sqDist } from '../sqDist';
import type { UpdateFn } from './types';

/**
 * Draw j* ~ gbar_i. by inverse CDF (one uniform per particle), x_i <- (1 - eta) x_i + eta y_j*
 * (y_j* in the particles' coordinates when the problem is whitened).
 */
export const categoricalUpdate: UpdateFn = (pb, plan, x, eta, rng, trace) => {
  const { z, y, kappa } = pb;
  const d = problemDim(pb);
  const n = x.length / d;
  const p = y.length / d;
  const { G, rowLse, held } = plan;
  const dest = proposalPositions(pb); // y itself unless the cost was whitened
  // One uniform per particle, in particle order (drawn first so held rows can be sampled at once).
  const us = new Float64Array(n);
  for (let i = 0; i < n; i++) us[i] = rng.uniform();
  const fast = held?.pick ? new Int32Array(n) : null;
  if (fast) held!.pick!(us, fast);
  for (let i = 0; i < n; i++) {
    const u = us[i];
    let pick = -1;
    let lastPositive = -1;
    const total = held ? held.rowSum[i] : NaN;
    if (fast && total > 0) {
      pick = fast[i];
    } else if (total > 0) {
      // The solver's held row: gbar_ij = kt_ij v_j / total, no exp per entry.
      const { kt, v } = held!;
      const row = i * held!.stride;
      const goal = u * total;
      let cum = 0;
      for (let j = 0; j < p; j++) {
        const w = kt[row + j] * v[j];
        if (w > 0) lastPositive = j;
        cum += w;
        if (cum > goal) {
          pick = j;
          break;
        }
      }
    } else {
      const norm = rowLse[i];
      let cum = 0;
      for (let j = 0; j < p; j++) {
        const w = Math.exp(G[j] - kappa * sqDist(z, i, y, j, d) - norm);
        if (w > 0) lastPositive = j;
        cum += w;
        if (cum > u) {
          pick = j;
          break;
        }
      }
    }
    // Rounding can leave the total a hair under u: take the last proposal with mass.
    if (pick < 0) pick = lastPositive;
    if (trace?.picks) trace.picks[i] = pick;
    if (pick < 0) continue; // an empty row (non-finite plan): the particle stays put
    for (let k = 0; k < d; k++) x[d * i + k] = (1 - eta) * x[d * i + k] + eta * dest[d * pick + k];
  }
};
