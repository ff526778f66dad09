import { rowNorm } from '../../mcmc/clip';
import { dimOf, type Target } from '../../targets/types';

/** A score axis: fills out (N, d) with the drift used by the proposals; returns #non-finite scores zeroed. */
export type ScoreFn = (target: Target, x: Float64Array, clip: number, out: Float64Array) => number;

/** s_i = clip(grad log pi(x_i)): vectors longer than clip are scaled down to norm clip. d = dimOf(target). */
export const guidedScores: ScoreFn = (target, x, clip, out) => {
  target.score(x, out);
  const d = dimOf(target);
  let bad = 0;
  for (let k = 0; k < out.length; k += d) {
    let finite = true;
    for (let t = 0; t < d; t++) finite &&= Number.isFinite(out[k + t]);
    if (!finite) {
      // A NaN score would poison every later step; drop it and report.
      out.fill(0, k, k + d);
      bad++;
      continue;
    }
    const norm = rowNorm(out, k, d);
    if (norm > clip) {
      for (let t = 0; t < d; t++) out[k + t] = (out[k + t] * clip) / norm;
    }
  }
  return bad;
};

/** Score-free: zero drift, and the target's gradient is never evaluated. */
export const freeScores: ScoreFn = (_target, _x, _clip, out) => {
  out.fill(0);
  return 0;
};

/** The guidance axis by name. */
export const SCORES = { score: guidedScores, 'score-free': freeScores } as const;
