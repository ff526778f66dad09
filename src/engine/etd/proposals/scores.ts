import type { Target } from '../../targets/types';

/** A score axis: fills out (N, 2) with the drift used by the proposals; returns #non-finite scores zeroed. */
export type ScoreFn = (target: Target, x: Float64Array, clip: number, out: Float64Array) => number;

/** s_i = clip(grad log pi(x_i)): vectors longer than clip are scaled down to norm clip. */
export const guidedScores: ScoreFn = (target, x, clip, out) => {
  target.score(x, out);
  let bad = 0;
  for (let k = 0; k < out.length; k += 2) {
    const sx = out[k], sy = out[k + 1];
    if (!Number.isFinite(sx) || !Number.isFinite(sy)) {
      // A NaN score would poison every later step; drop it and report.
      out[k] = 0;
      out[k + 1] = 0;
      bad++;
      continue;
    }
    const norm = Math.hypot(sx, sy);
    if (norm > clip) {
      out[k] = (sx * clip) / norm;
      out[k + 1] = (sy * clip) / norm;
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
