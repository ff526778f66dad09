import type { StageClock } from '../stageClock';
import type { HeldRows } from './lseOps';

/**
 * One entropic OT problem in the log domain with log K_ij = -kappa ||y_j - z_i||^2, i.e.
 * -C_ij / eps after cost normalisation. Potentials are kept scaled: F = f / eps, G = g / eps
 * (the log-scalings log u, log v of POT), so log gamma_ij = log K_ij + F_i + G_j.
 */
export interface CouplingProblem {
  readonly z: Float64Array; // (N, d) source points of the quadratic cost
  readonly y: Float64Array; // (P, d) proposals
  /** d, the dimension of the points; absent means 2. */
  readonly dim?: number;
  /** log K_ij = -kappa * ||y_j - z_i||^2. */
  readonly kappa: number;
  readonly logA: Float64Array; // (N) source log-marginal
  readonly logB: Float64Array; // (P) target log-weights, LSE = 0
  /** Entropic regularisation (for reporting f = eps F and the tolerance on f). */
  readonly eps: number;
  /**
   * When the cost is preconditioned, z and y above are whitened (B^-1 applied, so every kernel
   * computes the whitened cost unchanged) and these are the same points in the particles'
   * coordinates: where the update moves particles to, and what views draw. Absent: z and y are
   * already in the particles' coordinates.
   */
  readonly positions?: { readonly z: Float64Array; readonly y: Float64Array };
}

/** The proposals (P, d) in the particles' coordinates (where an update moves a particle to). */
export const proposalPositions = (pb: Pick<CouplingProblem, 'y' | 'positions'>): Float64Array => pb.positions?.y ?? pb.y;

/** The dimension d of a problem's points (2 unless it says otherwise). */
export const problemDim = (pb: Pick<CouplingProblem, 'dim'>): number => pb.dim ?? 2;

/** N and P of a problem, from its point arrays and d. */
export function problemSize(pb: CouplingProblem): { n: number; p: number; d: number } {
  const d = problemDim(pb);
  return { n: pb.z.length / d, p: pb.y.length / d, d };
}

export interface SinkhornOptions {
  readonly maxIter: number;
  /**
   * Stop once the plan's marginal residual (L1, see CouplingResult.residual) is at most tol;
   * "converged" means exactly that, whatever eps is.
   */
  readonly tol: number;
  /** 'adaptive': Lehmann et al. over-relaxation with a dual-ascent safeguard; 'off' (default): plain Sinkhorn. */
  readonly relax?: Relaxation;
  /** Charges kernel build, iterations and the final row pass to their stages (benchmarks). */
  readonly clock?: StageClock;
  /** Told after every iteration (the stage-by-stage view); must not modify the potentials. */
  readonly onIteration?: (it: SinkhornIterate) => void;
}

/**
 * The state after one iteration: the plan (F new, G before its half-step) whose marginal
 * residual decided whether to stop. F and G are the solver's live buffers: copy what you keep.
 */
export interface SinkhornIterate {
  readonly iteration: number;
  /** rowResidual + colResidual (compared with tol). */
  readonly residual: number;
  readonly rowResidual: number;
  readonly colResidual: number;
  readonly F: Float64Array;
  readonly G: Float64Array;
}

export type Relaxation = 'off' | 'adaptive';

export interface CouplingResult {
  readonly F: Float64Array; // (N) f / eps
  readonly G: Float64Array; // (P) g / eps
  /** rowLse_i = LSE_j(log K_ij + G_j): normalises row i of the plan. (N) */
  readonly rowLse: Float64Array;
  /** Coupling ESS per row, 1 / sum_j gbar_ij^2. (N) */
  readonly rowEss: Float64Array;
  readonly iterations: number;
  /** residual <= tol. */
  readonly converged: boolean;
  /**
   * L1 distance of the plan's marginals from those its coupling demands: for balanced, rowError +
   * colError; with a soft target marginal, the column part is measured against the marginal the
   * unbalanced optimum has for these potentials. 0 at the fixed point, for every coupling.
   */
  readonly residual: number;
  /** Over-relaxation factor used in the last iterations (1: plain Sinkhorn). */
  readonly omega: number;
  /**
   * The plan's rows as the solver held them, for the update right after the solve only (the
   * buffers are reused by the next solve; never keep it).
   */
  readonly held?: HeldRows | null;
  /** sum_i |sum_j gamma_ij - a_i| */
  readonly rowError: number;
  /** sum_j |sum_i gamma_ij - b_j| */
  readonly colError: number;
}

/** A coupling: solves the problem, warm-started from the previous potentials when given. */
export type CouplingFn = (
  problem: CouplingProblem,
  warm: { F: Float64Array; G: Float64Array } | null,
  opts: SinkhornOptions,
) => CouplingResult;

/** A coupling solved asynchronously (on a GPU); same contract as CouplingFn. */
export type AsyncCouplingFn = (
  problem: CouplingProblem,
  warm: { F: Float64Array; G: Float64Array } | null,
  opts: SinkhornOptions,
) => Promise<CouplingResult>;
