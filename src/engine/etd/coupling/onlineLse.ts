import { colLse, rowLse } from './kernel';
import type { LseOpsFactory } from './lseOps';

/** Log-domain passes that recompute log K from coordinates: O(N + P) memory, one exp per entry. */
export const onlineLse: LseOpsFactory = (pb) => {
  const scratchP = new Float64Array(pb.y.length >> 1);
  const scratchN = new Float64Array(pb.z.length >> 1);
  return {
    rows: (G, out) => rowLse(pb, G, out, scratchP),
    cols: (F, out) => colLse(pb, F, out, scratchN),
  };
};
