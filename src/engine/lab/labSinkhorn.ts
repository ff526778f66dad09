/**
 * Sinkhorn between the lab's two clouds on the project's balanced log-domain solver: uniform
 * weights, c = 0.5 ||x - y||^2 with absolute eps, i.e. log K_ij = -||x_i - y_j||^2 / (2 eps),
 * the plan POT's ot.sinkhorn(a, b, M, eps) gives. With annealing, eps runs down a geometric
 * ladder from ANNEAL_START and each rung starts from the previous potentials.
 */
import { balancedCoupling } from '../etd/coupling/balanced';
import type { CouplingProblem, CouplingResult } from '../etd/coupling/problem';

/** Converged: L1 marginal residual of the plan at most this. */
export const LAB_TOL = 1e-4;
export const LAB_MAX_ITER = 3000;
export const ANNEAL_START = 10;
/** Each rung divides eps by this. */
export const ANNEAL_FACTOR = 3;

export function labProblem(x: Float64Array, y: Float64Array, eps: number): CouplingProblem {
  const n = x.length / 2, p = y.length / 2;
  return {
    z: x,
    y,
    kappa: 0.5 / eps,
    logA: new Float64Array(n).fill(-Math.log(n)),
    logB: new Float64Array(p).fill(-Math.log(p)),
    eps,
  };
}

/** eps values of the ladder, from ANNEAL_START down to (and ending at) eps. */
export function annealLadder(eps: number): number[] {
  const out: number[] = [];
  for (let e = ANNEAL_START; e > eps * 1.0001; e /= ANNEAL_FACTOR) out.push(e);
  out.push(eps);
  return out;
}

export interface LabSolve {
  readonly result: CouplingResult;
  readonly problem: CouplingProblem;
  /** Iterations of every rung (one entry without annealing). */
  readonly stages: readonly { eps: number; iterations: number }[];
  /** Sum over the rungs. */
  readonly iterations: number;
}

export interface LabSolveOptions {
  readonly anneal?: boolean;
  readonly tol?: number;
  readonly maxIter?: number;
}

export function solveLab(x: Float64Array, y: Float64Array, eps: number, opts: LabSolveOptions = {}): LabSolve {
  const tol = opts.tol ?? LAB_TOL;
  const maxIter = opts.maxIter ?? LAB_MAX_ITER;
  const ladder = opts.anneal ? annealLadder(eps) : [eps];
  const stages: { eps: number; iterations: number }[] = [];
  let warm: { F: Float64Array; G: Float64Array } | null = null;
  let last: { result: CouplingResult; problem: CouplingProblem } | null = null;
  let prevEps = ladder[0];
  for (const e of ladder) {
    const problem = labProblem(x, y, e);
    // F = f / eps: the potentials f carry over, their scaled form is rescaled by eps_old / eps_new.
    if (warm) {
      const r = prevEps / e;
      warm = { F: warm.F.map((v) => v * r), G: warm.G.map((v) => v * r) };
    }
    const result = balancedCoupling(problem, warm, { maxIter, tol });
    stages.push({ eps: e, iterations: result.iterations });
    warm = { F: result.F, G: result.G };
    prevEps = e;
    last = { result, problem };
  }
  const iterations = stages.reduce((s, st) => s + st.iterations, 0);
  return { ...last!, stages, iterations };
}
