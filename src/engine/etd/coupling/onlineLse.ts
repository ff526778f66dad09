import { colLse, rowLse } from './kernel';
import type { LseOpsFactory } from './lseOps';
import { problemSize } from './problem';

/** Log-domain passes that recompute log K from coordinates: O(N + P) memory, one exp per entry. */
export const onlineLse: LseOpsFactory = (pb) => {
  const { n, p } = problemSize(pb);
  const scratchP = new Float64Array(p);
  const scratchN = new Float64Array(n);
  return {
    rows: (G, out) => rowLse(pb, G, out, scratchP),
    cols: (F, out) => colLse(pb, F, out, scratchN),
  };
};
