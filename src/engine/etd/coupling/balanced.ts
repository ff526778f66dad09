import type { CouplingFn } from './problem';
import { sinkhornScaling } from './sinkhorn';

/** Both marginals exact. */
export const balancedCoupling: CouplingFn = (pb, warm, opts) => sinkhornScaling(pb, warm, opts, 1, 1);
