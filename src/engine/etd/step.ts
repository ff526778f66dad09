import type { Rng } from '../random/rng';
import { dimOf, type Target } from '../targets/types';
import type { EtdComponents } from './components';
import type { AsyncCouplingFn, CouplingProblem, CouplingResult, SinkhornOptions } from './coupling/problem';
import { COST_SCALE_FLOOR } from './costs/scale';
import { proposalSigma, type EtdParams } from './params';
import { driftAll, type Preconditioner } from './preconditioner';
import { langevinProposals } from './proposals/gaussian';
import { importanceWeights } from './weights/importance';
import type { StageClock } from './stageClock';
import type { StepRecorder } from './stages/record';
import type { UpdateTrace } from './update/types';

/** What persists between ETD steps besides the particles: warm-start duals and the last plan. */
export interface EtdState {
  x: Float64Array; // (N, d), d = dimOf(target)
  warm: { F: Float64Array; G: Float64Array } | null;
  /** The last step's transport problem and solution, for plan views and diagnostics. */
  last: { problem: CouplingProblem; plan: CouplingResult } | null;
  /** The preconditioner's state (its factor for the coming step); null or absent without one. */
  precond?: Preconditioner | null;
}

export interface EtdStepDiagnostics {
  sinkhornIterations: number;
  converged: number;
  rowError: number;
  colError: number;
  /** L1 marginal residual of the plan (what converged is judged on). */
  residual: number;
  omega: number;
  ess: number;
  costScale: number;
  acceptance: number;
  nonFiniteScores: number;
  nonFiniteDensity: number;
  degenerateWeights: number;
  /** With a preconditioner: 1 when this step's particles gave no usable factor and the previous one was kept. */
  precondKept?: number;
}

/** Steps 1-4: scores, pooled proposals, importance weights and the normalised transport problem. */
function prepare(state: EtdState, target: Target, p: EtdParams, c: EtdComponents, rng: Rng, clock?: StageClock, rec?: StepRecorder) {
  const x = state.x;
  const d = dimOf(target);
  const n = x.length / d;
  const P = n * p.M;
  const s = new Float64Array(d * n);
  // The preconditioner's shape for this step (built after the previous one), per switch.
  const shape = state.precond?.shape() ?? null;
  const shapeP = shape && p.precondProposals ? shape : undefined;
  const shapeC = shape && p.precondCost ? shape : undefined;
  clock?.start();
  const nonFiniteScores = c.scores(target, x, p.clip, s);
  clock?.mark('scores');
  const alpha = p.guidance === 'score-free' ? 0 : p.alpha;
  const sigma = proposalSigma(p);
  const mu = new Float64Array(d * n);
  const y = new Float64Array(d * P);
  langevinProposals(x, s, alpha, sigma, p.M, rng, mu, y, d, shapeP);
  clock?.mark('proposals');
  const logB = new Float64Array(P);
  // The whitened proposals, computed once for the mixture and the cost when both use the factor.
  const yWhite = shape && (shapeP || shapeC) ? shape.whiten(y) : undefined;
  const w = importanceWeights(target, y, mu, sigma, logB, new Float64Array(n), clock, shapeP, yWhite);
  // A whitened cost sees the preconditioned drift (the Langevin-residual cost's shift eps A s).
  const cost = c.cost({ x, scores: shapeC ? driftAll(shapeC, s) : s, eps: p.eps });
  // The euclidean cost anchors at x itself, which the update moves in place: keep a copy so
  // state.last still describes the plan that was solved (for plan views and coupling rows).
  const anchors = cost.z === x ? Float64Array.from(x) : cost.z;
  const geometry = shapeC ? { z: shapeC.whiten(anchors), y: yWhite! } : { z: anchors, y };
  const scale = Math.max(c.costScale({ z: geometry.z, coef: cost.coef }, geometry.y, d), COST_SCALE_FLOOR);
  clock?.mark('cost scale');
  const problem: CouplingProblem = {
    z: geometry.z,
    y: geometry.y,
    dim: d,
    kappa: cost.coef / (scale * p.eps),
    logA: new Float64Array(n).fill(-Math.log(n)),
    logB,
    eps: p.eps,
    ...(shapeC ? { positions: { z: anchors, y } } : {}),
  };
  rec?.prepared({
    x: Float64Array.from(x),
    scores: s,
    mu,
    alpha,
    sigma,
    problem,
    costScale: scale,
    costCoef: cost.coef,
    nonFiniteDensity: w.nonFinite,
    degenerateWeights: w.degenerate,
    shape,
  });
  return { problem, scale, nonFiniteScores, weights: w, scores: s, shape };
}

/** Steps 6-7 and diagnostics, once the plan is known. */
function finish(
  state: EtdState,
  target: Target,
  p: EtdParams,
  c: EtdComponents,
  rng: Rng,
  prep: ReturnType<typeof prepare>,
  plan: CouplingResult,
  clock?: StageClock,
  rec?: StepRecorder,
): EtdStepDiagnostics {
  const { problem } = prep;
  const x = state.x;
  const d = dimOf(target);
  const n = x.length / d;
  state.warm = { F: plan.F, G: plan.G };
  rec?.solved(plan);
  // The trace is filled only while recording; it draws nothing from rng.
  const trace: UpdateTrace | undefined = rec ? { picks: new Int32Array(n).fill(-1), means: new Float64Array(d * n).fill(NaN) } : undefined;
  c.update(problem, plan, x, p.eta, rng, trace);
  if (rec && trace) rec.updated(x, trace);
  clock?.mark('update');
  // The held rows live in buffers the next solve reuses: never keep them.
  state.last = { problem, plan: plan.held ? { ...plan, held: null } : plan };
  // The authors' mutation uses the step's own (lagged) Cholesky factor.
  const factor = p.precondMutation ? (prep.shape?.factor ?? null) : null;
  const acceptance = c.mutation(target, x, { steps: p.mutationSteps, h: p.mutationStep, clip: p.clip, factor }, rng);
  rec?.mutated(x, acceptance);
  clock?.mark('mutation');
  // The factor of the next step, from the positions this one ended with (and its scores).
  const kept = state.precond ? !state.precond.advance(x, prep.scores) : false;
  if (state.precond) clock?.mark('preconditioner');
  let ess = 0;
  for (let i = 0; i < n; i++) ess += plan.rowEss[i];
  return {
    sinkhornIterations: plan.iterations,
    converged: plan.converged ? 1 : 0,
    rowError: plan.rowError,
    colError: plan.colError,
    residual: plan.residual,
    omega: plan.omega,
    ess: ess / n,
    costScale: prep.scale,
    acceptance,
    nonFiniteScores: prep.nonFiniteScores,
    nonFiniteDensity: prep.weights.nonFinite,
    degenerateWeights: prep.weights.degenerate ? 1 : 0,
    ...(state.precond ? { precondKept: kept ? 1 : 0 } : {}),
  };
}

const sinkhornOptions = (p: EtdParams, clock?: StageClock, rec?: StepRecorder): SinkhornOptions => ({
  maxIter: p.maxIter,
  tol: p.tol,
  relax: p.relax,
  clock,
  ...(rec ? { onIteration: (it) => rec.iteration(it) } : {}),
});

/**
 * One ETD iteration (docs/algorithms.md §1.1-1.7): propose, weight, cost, couple, update, mutate.
 * A recorder, when given, sees every intermediate (the stage-by-stage view) without changing the step.
 */
export function etdStep(
  state: EtdState,
  target: Target,
  p: EtdParams,
  c: EtdComponents,
  rng: Rng,
  clock?: StageClock,
  rec?: StepRecorder,
): EtdStepDiagnostics {
  const prep = prepare(state, target, p, c, rng, clock, rec);
  // Warm start: slot j = (i, m) keeps its meaning between steps.
  const plan = c.coupling.solve(prep.problem, p.warmStart ? state.warm : null, sinkhornOptions(p, clock, rec));
  return finish(state, target, p, c, rng, prep, plan, clock, rec);
}

/** The same iteration with the coupling solved asynchronously (the fused GPU kernels). */
export async function etdStepAsync(
  state: EtdState,
  target: Target,
  p: EtdParams,
  c: EtdComponents,
  rng: Rng,
  coupling: AsyncCouplingFn,
): Promise<EtdStepDiagnostics> {
  const prep = prepare(state, target, p, c, rng);
  const plan = await coupling(prep.problem, p.warmStart ? state.warm : null, sinkhornOptions(p));
  return finish(state, target, p, c, rng, prep, plan);
}
