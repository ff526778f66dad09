/** Display summaries of a recorded step that the record does not carry (sums over at most P entries). */
import type { StageRecord } from '../../../workers/samplerApi';

/** Effective sample size of the importance weights, 1 / sum_j b_j^2 (log b normalised to LSE 0). */
export function weightEss(logB: Float32Array): number {
  let s = 0;
  for (let j = 0; j < logB.length; j++) s += Math.exp(2 * logB[j]);
  return 1 / s;
}

/** Scores whose length sits at the clip c (they were scaled down). scores: (n, 2). */
export function clippedScores(scores: Float32Array, clip: number): number {
  let k = 0;
  for (let i = 0; i < scores.length; i += 2) if (Math.hypot(scores[i], scores[i + 1]) >= clip * (1 - 1e-4)) k++;
  return k;
}

/** Mean length of the displacements b - a over the rows of two (n, 2) arrays. */
export function meanShift(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 2) s += Math.hypot(b[i] - a[i], b[i + 1] - a[i + 1]);
  return s / Math.max(1, a.length / 2);
}

/** The particle (of (n, 2) points) nearest to (x, y). */
export function nearestPoint(points: Float32Array, x: number, y: number): number {
  let best = 0, bestD = Infinity;
  for (let i = 0; i < points.length; i += 2) {
    const d = (points[i] - x) ** 2 + (points[i + 1] - y) ** 2;
    if (d < bestD) (bestD = d), (best = i >> 1);
  }
  return best;
}

/** Particles that ended on a proposal born from another particle (categorical): pooling at work. */
export function foreignPicks(r: StageRecord): number {
  if (!r.picks) return 0;
  const M = r.proposals / r.n;
  let k = 0;
  r.picks.forEach((j, i) => {
    if (j >= 0 && Math.floor(j / M) !== i) k++;
  });
  return k;
}
