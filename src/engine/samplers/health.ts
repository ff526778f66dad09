import type { Box } from '../targets/types';

/**
 * Particles that are NaN / infinite, and the fraction far outside the target's box (beyond one
 * box-width of margin), so every panel can report a broken run instead of failing silently.
 */
export function particleHealth(x: Float64Array, box: Box): { nonFiniteParticles: number; escaped: number } {
  const n = x.length >> 1;
  const wx = box.xmax - box.xmin;
  const wy = box.ymax - box.ymin;
  let bad = 0;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const px = x[2 * i], py = x[2 * i + 1];
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      bad++;
      continue;
    }
    if (px < box.xmin - wx || px > box.xmax + wx || py < box.ymin - wy || py > box.ymax + wy) out++;
  }
  return { nonFiniteParticles: bad, escaped: out / n };
}
