import { bool, choice, int, num, type ParamValues } from '../params/declare';
import { keysOf } from '../lookup';
import { COST_SCALES, COSTS } from './costs';
import { COUPLINGS } from './coupling';
import { MUTATIONS } from './mutation';
import { PRECOND_PARAMS } from './preconditioner/params';
import { SCORES } from './proposals/scores';
import { UPDATES } from './update';

/**
 * Every ETD hyper-parameter, declared once (docs/algorithms.md §1). The options of each
 * algorithm axis are its registry's names, so a new coupling, cost or update is offered everywhere.
 */
export const ETD_PARAMS = {
  guidance: choice(keysOf(SCORES), 'score', 'Score-guided proposals drift along grad log pi; score-free ones use only values of pi.'),
  // Floor 1e-3: below it Sinkhorn needs more iterations than any cap allows (measured at N = 250:
  // residual 0.13 after 100 iterations at 1e-3, 0.44 at 1e-4, and a step 10-40x slower), so a link
  // asking for less is repaired to it like any out-of-range value.
  eps: num(0.1, 1e-3, 10, 'Entropic regularisation, relative to the normalised cost: smaller is sharper transport (at least 1e-3: below that Sinkhorn cannot converge).', { log: true }),
  M: int(25, 1, 200, 'Proposals per particle; all N*M are pooled so any particle can take any proposal.'),
  alpha: num(0.05, 0, 2, 'Score step: proposal mean x + alpha * clip(s(x)).'),
  fdr: bool(true, 'Tie the proposal noise to the step, sigma = sqrt(2 alpha), as in Langevin dynamics.'),
  sigma: num(0.316, 0, 10, 'Proposal noise when fdr is off or proposals are score-free.', { minExclusive: true }),
  clip: num(5, 0, 1e6, 'Scores longer than this are scaled down to this norm.', { minExclusive: true, log: true }),
  coupling: choice(keysOf(COUPLINGS), 'balanced', 'Which marginals the transport plan must match exactly.'),
  rho: num(1, 0, 1e6, 'Unbalanced only: strength of the soft target marginal (large = balanced).', { minExclusive: true, log: true }),
  update: choice(keysOf(UPDATES), 'categorical', 'Move to one proposal drawn from the plan row, or to the row average (which collapses modes).'),
  eta: num(1, 0, 1, 'Damping: the fraction of the way each particle moves.', { minExclusive: true }),
  maxIter: int(100, 1, 10000, 'Sinkhorn iteration cap per step.'),
  tol: num(3e-2, 0, 2, "Sinkhorn stops once the plan's marginals are this close (L1) to the required ones.", { minExclusive: true, log: true }),
  relax: choice(['off', 'adaptive'], 'adaptive', 'Sinkhorn over-relaxation: adaptive (Lehmann et al., with a safeguard) or plain iterations.'),
  warmStart: bool(false, "Start Sinkhorn from the previous step's potentials instead of zeros."),
  cost: choice(keysOf(COSTS), 'euclidean', 'Transport cost between particles and proposals.'),
  costScale: choice(keysOf(COST_SCALES), 'median', 'Statistic of the cost that eps is relative to.'),
  ...PRECOND_PARAMS,
  mutation: choice(keysOf(MUTATIONS), 'none', 'Optional MCMC moves after each transport step.'),
  mutationSteps: int(5, 1, 100, 'MCMC moves per particle per step.'),
  mutationStep: num(0.01, 0, 10, 'MCMC step size h.', { minExclusive: true, log: true }),
} as const;

export type EtdParams = ParamValues<typeof ETD_PARAMS>;

/** Proposal noise implied by the parameters (score-free proposals have no score step). */
export function proposalSigma(p: EtdParams): number {
  if (p.guidance === 'score-free' || !p.fdr) return p.sigma;
  return Math.sqrt(2 * p.alpha);
}

/** Cross-parameter checks that one declaration cannot express. */
export function checkEtdParams(p: EtdParams): void {
  if (p.guidance === 'score' && p.fdr && p.alpha <= 0)
    throw new Error(`invalid alpha: ${p.alpha} (with fdr on, sigma = sqrt(2 alpha) needs alpha > 0)`);
  if (p.precond === 'diagonal' && p.guidance !== 'score')
    throw new Error('invalid precond: diagonal (it is a running mean of squared scores, so it needs score-guided proposals)');
}
