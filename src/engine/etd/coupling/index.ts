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

export const getCoupling = (name: string, opts: { rho: number }): CouplingFn => lookup('coupling', COUPLINGS, name)(opts);
export type { CouplingFn, CouplingProblem, CouplingResult, SinkhornOptions } from './problem';
