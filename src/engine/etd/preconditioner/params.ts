import { bool, choice, num } from '../../params/declare';
import { keysOf } from '../../lookup';
import { PRECONDITIONERS } from './index';
import type { PrecondSettings } from './types';

/**
 * The preconditioner's parameters, declared once (docs/preconditioning.md): ETD spreads all of
 * them into its table, MALA the Cholesky ones. Defaults are the authors' (vpacelli/etd): shrinkage
 * 0.1, EMA 0.8 as in every configuration of theirs that turns the factor on, RMSProp decay 0.9.
 */
export const PRECOND_PARAMS = {
  precond: choice(
    keysOf(PRECONDITIONERS),
    'none',
    "Shape proposals and cost by the particles' covariance (cholesky, its factor from the previous step) or by a running mean of squared scores (diagonal).",
  ),
  precondProposals: bool(true, 'With a preconditioner: proposals drift by alpha L L^T s and spread by sigma L xi.'),
  precondCost: bool(true, 'With a preconditioner: the transport cost is measured in whitened coordinates, 0.5 ||L^-1 (x - y)||^2.'),
  precondShrink: num(0.1, 0, 1, 'Cholesky: shrink the covariance towards its diagonal by this fraction.'),
  precondEma: num(0.8, 0, 0.99, 'Cholesky: weight of the previous covariance in its moving average (0 = fresh each step).'),
  precondBeta: num(0.9, 0, 0.999, 'Diagonal: decay of the running mean of squared scores.'),
  precondMutation: bool(true, 'Cholesky: the MCMC mutation moves use the same factor (drift h L L^T s, noise sqrt(2h) L xi).'),
} as const;

/** The settings a preconditioner reads, from parameter values. */
export const precondSettings = (p: { precondShrink: number; precondEma: number; precondBeta?: number }): PrecondSettings => ({
  shrink: p.precondShrink,
  ema: p.precondEma,
  beta: p.precondBeta ?? PRECOND_PARAMS.precondBeta.default,
});
