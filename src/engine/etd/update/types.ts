import type { Rng } from '../../random/rng';
import type { CouplingProblem, CouplingResult } from '../coupling/problem';

/**
 * An update axis: moves x (N, 2) in place using the row-normalised plan
 * gbar_ij = exp(log K_ij + G_j - rowLse_i) over the pooled proposals pb.y.
 */
export type UpdateFn = (pb: CouplingProblem, plan: CouplingResult, x: Float64Array, eta: number, rng: Rng) => void;
