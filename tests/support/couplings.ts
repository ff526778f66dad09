import { couplingAxis } from '../../src/engine/etd/coupling/index';
import type { CouplingFn } from '../../src/engine/etd/coupling/problem';

/** A coupling's solver by name (balanced, unbalanced, semi-relaxed) with relaxation rho, for tests that call it directly. */
export const getCoupling = (name: string, opts: { rho: number }): CouplingFn => couplingAxis(name, opts).solve;
