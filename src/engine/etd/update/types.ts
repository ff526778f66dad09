import type { Rng } from '../../random/rng';
import type { CouplingProblem, CouplingResult } from '../coupling/problem';

/**
 * An update axis: moves x (N, d) in place (d = the problem's dim) using the row-normalised plan
 * gbar_ij = exp(log K_ij + G_j - rowLse_i) over the pooled proposals pb.y.
 */
export type UpdateFn = (pb: CouplingProblem, plan: CouplingResult, x: Float64Array, eta: number, rng: Rng, trace?: UpdateTrace) => void;

/**
 * What an update chose, for the stage-by-stage view; filling it draws nothing from the rng.
 * picks: (N) the proposal each particle moved to (-1: stayed, an empty row), categorical only.
 * means: (N, d) each row's barycentre sum_j gbar_ij y_j (NaN: an empty row), barycentric only.
 */
export interface UpdateTrace {
  readonly picks?: Int32Array;
  readonly means?: Float64Array;
}
