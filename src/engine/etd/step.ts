import type { Rng } from '../random/rng';
import type { Target } from '../targets/types';
import type { EtdComponents } from './components';
import type { CouplingProblem, CouplingResult } from './coupling/problem';
import { COST_SCALE_FLOOR } from './costs/scale';
import { proposalSigma, type EtdParams } from './params';
import { langevinProposals } from './proposals/gaussian';
import { importanceWeights } from './weights/importance';

/** What persists between ETD steps besides the particles: warm-start duals and the last plan. */
export interface EtdState {
  x: Float64Array; // (N, 2)
  warm: { F: Float64Array; G: Float64Array } | null;
  /** The last step's transport problem and solution, for plan views and diagnostics. */
  last: { problem: CouplingProblem; plan: CouplingResult } | null;
}

export interface EtdStepDiagnostics {
  sinkhornIterations: number;
  converged: number;
  rowError: number;
  colError: number;
  ess: number;
  costScale: number;
  acceptance: number;
  nonFiniteScores: number;
  nonFiniteDensity: number;
  degenerateWeights: number;
}

/** One ETD iteration (docs/ALGORITHMS.md 1.1-1.7): propose, weight, cost, couple, update, mutate. */
export function etdStep(
  state: EtdState,
  target: Target,
  p: EtdParams,
  c: EtdComponents,
  rng: Rng,
): EtdStepDiagnostics {
  const x = state.x;
  const n = x.length >> 1;
  const P = n * p.M;
  // 1-2. scores and pooled proposals
  const s = new Float64Array(2 * n);
  const nonFiniteScores = c.scores(target, x, p.clip, s);
  const alpha = p.guidance === 'score-free' ? 0 : p.alpha;
  const sigma = proposalSigma(p);
  const mu = new Float64Array(2 * n);
  const y = new Float64Array(2 * P);
  langevinProposals(x, s, alpha, sigma, p.M, rng, mu, y);
  // 3. importance-corrected target weights
  const logB = new Float64Array(P);
  const w = importanceWeights(target, y, mu, sigma, logB, new Float64Array(n));
  // 4. quadratic cost, normalised so eps is relative
  const cost = c.cost({ x, scores: s, eps: p.eps });
  const scale = Math.max(c.costScale(cost, y), COST_SCALE_FLOOR);
  const problem: CouplingProblem = {
    z: cost.z,
    y,
    kappa: cost.coef / (scale * p.eps),
    logA: new Float64Array(n).fill(-Math.log(n)),
    logB,
    eps: p.eps,
  };
  // 5. coupling, warm-started (slot j = (i, m) keeps its meaning between steps)
  const plan = c.coupling(problem, state.warm, { maxIter: p.maxIter, tol: p.tol });
  state.warm = { F: plan.F, G: plan.G };
  state.last = { problem, plan };
  // 6. update, 7. optional mutation
  c.update(problem, plan, x, p.eta, rng);
  const acceptance = c.mutation(target, x, { steps: p.mutationSteps, h: p.mutationStep, clip: p.clip }, rng);
  let ess = 0;
  for (let i = 0; i < n; i++) ess += plan.rowEss[i];
  return {
    sinkhornIterations: plan.iterations,
    converged: plan.converged ? 1 : 0,
    rowError: plan.rowError,
    colError: plan.colError,
    ess: ess / n,
    costScale: scale,
    acceptance,
    nonFiniteScores,
    nonFiniteDensity: w.nonFinite,
    degenerateWeights: w.degenerate ? 1 : 0,
  };
}
