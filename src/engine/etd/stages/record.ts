import type { CouplingProblem, CouplingResult, SinkhornIterate } from '../coupling/problem';
import type { StepShape } from '../preconditioner/types';
import type { UpdateTrace } from '../update/types';

/** Steps 1-4 of one ETD iteration, as the step computed them. */
export interface PreparedStage {
  /** (N, d) the particles before the step (a copy: the step moves x in place). */
  readonly x: Float64Array;
  /** (N, d) clipped scores (zeros when score-free). */
  readonly scores: Float64Array;
  /** (N, d) proposal means mu_i = x_i + alpha s_i. */
  readonly mu: Float64Array;
  readonly alpha: number;
  readonly sigma: number;
  /** The transport problem: proposals y, normalised log b, kappa, the cost anchors z and d (problem.dim). */
  readonly problem: CouplingProblem;
  /** The cost statistic C was divided by (after the floor). */
  readonly costScale: number;
  /** C_ij = costCoef ||y_j - z_i||^2 before normalisation. */
  readonly costCoef: number;
  readonly nonFiniteDensity: number;
  readonly degenerateWeights: boolean;
  /**
   * The preconditioner's shape this step used (null without one): proposals N(x + alpha A s,
   * sigma^2 B B^T) when precondProposals is on, and, when precondCost is on, problem.z and
   * problem.y whitened by B^-1 with problem.positions holding them in the particles' coordinates.
   */
  readonly shape?: StepShape | null;
}

/**
 * Receives the intermediates of one ETD step (etdStep's optional recorder). Recording reads
 * only: the step draws the same random numbers and computes the same particles with or without it.
 */
export interface StepRecorder {
  prepared(stage: PreparedStage): void;
  /** After every iteration of the solver the step itself runs (never called by the closed-form coupling). */
  iteration(it: SinkhornIterate): void;
  solved(plan: CouplingResult): void;
  /** x: the particles after the update (live: copy); trace: what the update chose. */
  updated(x: Float64Array, trace: UpdateTrace): void;
  /** x: the particles after the mutation (live: copy); acceptance NaN when there is none. */
  mutated(x: Float64Array, acceptance: number): void;
}
