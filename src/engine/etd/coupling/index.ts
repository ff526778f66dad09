import { lookup } from '../../registry';
import { balancedCoupling } from './balanced';
import type { CouplingFn } from './problem';
import { semiRelaxedCoupling } from './semiRelaxed';
import { unbalancedCoupling } from './unbalanced';

/** Coupling constructors by name; rho is only read by the unbalanced one. */
export const COUPLINGS: Record<string, (opts: { rho: number }) => CouplingFn> = {
  balanced: () => balancedCoupling,
  unbalanced: ({ rho }) => unbalancedCoupling(rho),
  'semi-relaxed': () => semiRelaxedCoupling,
};

/**
 * The target-side exponent lamB of an iterative coupling (what a Sinkhorn kernel needs), or
 * null for the closed-form semi-relaxed coupling.
 */
export function sinkhornExponent(name: string, rho: number): number | null {
  if (name === 'balanced') return 1;
  if (name === 'unbalanced') return rho / (1 + rho);
  return null;
}

export const getCoupling = (name: string, opts: { rho: number }): CouplingFn => lookup('coupling', COUPLINGS, name)(opts);
export type { AsyncCouplingFn, CouplingFn, CouplingProblem, CouplingResult, SinkhornOptions } from './problem';
