import { lookup } from '../../lookup';
import { balancedCoupling } from './balanced';
import type { CouplingFn } from './problem';
import { semiRelaxedCoupling } from './semiRelaxed';
import { unbalancedCoupling } from './unbalanced';

/**
 * A coupling axis entry: the solver, and the target-side exponent lamB of its Sinkhorn iteration
 * (what a GPU kernel needs), or null for the closed-form semi-relaxed coupling.
 */
export interface Coupling {
  readonly solve: CouplingFn;
  readonly lamB: number | null;
}

/** Couplings by name; rho is only read by the unbalanced one. */
export const COUPLINGS = {
  balanced: (): Coupling => ({ solve: balancedCoupling, lamB: 1 }),
  unbalanced: ({ rho }: { rho: number }): Coupling => ({ solve: unbalancedCoupling(rho), lamB: rho / (1 + rho) }),
  'semi-relaxed': (): Coupling => ({ solve: semiRelaxedCoupling, lamB: null }),
} as const;

export const couplingAxis = (name: string, opts: { rho: number }): Coupling =>
  lookup<(o: { rho: number }) => Coupling>('coupling', COUPLINGS, name)(opts);

export type { AsyncCouplingFn, CouplingFn, CouplingProblem, CouplingResult, SinkhornOptions } from './problem';
