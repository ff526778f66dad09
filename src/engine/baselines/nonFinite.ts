import { dimOf, type Target } from '../targets/types';

/** Points at which log pi or its score came back NaN / infinite, since the last reset. */
export interface NonFiniteTally {
  density: number;
  scores: number;
}

/**
 * The same target, tallying non-finite evaluations as they happen: lets a sampler report a
 * broken target even when the evaluations happen inside a shared kernel (e.g. malaMove).
 */
export function tallyNonFinite(t: Target): { target: Target; tally: NonFiniteTally } {
  const tally: NonFiniteTally = { density: 0, scores: 0 };
  const d = dimOf(t);
  const target: Target = {
    name: t.name,
    ...(t.dim !== undefined ? { dim: t.dim } : {}),
    box: t.box,
    ...(t.modes ? { modes: t.modes } : {}),
    ...(t.explainNonFinite ? { explainNonFinite: (x: number, y: number) => t.explainNonFinite!(x, y) } : {}),
    logDensityAt: (x, y) => t.logDensityAt(x, y),
    logDensity(points, out) {
      const res = t.logDensity(points, out); // (n)
      for (let i = 0; i < res.length; i++) if (!Number.isFinite(res[i])) tally.density++;
      return res;
    },
    score(points, out) {
      const res = t.score(points, out); // (n, d)
      for (let k = 0; k < res.length; k += d) {
        for (let c = k; c < k + d; c++) {
          if (!Number.isFinite(res[c])) {
            tally.scores++;
            break;
          }
        }
      }
      return res;
    },
  };
  return { target, tally };
}
