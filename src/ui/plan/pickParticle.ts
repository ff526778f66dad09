import type { Box } from '../../engine/targets/types';

/**
 * Index of the particle nearest to the pointer within `radius` CSS pixels, or -1.
 * positions: (n, 2) in target coordinates; (px, py): pointer in CSS pixels of a plot of
 * width x height showing `box` (y up). Non-finite particles are skipped.
 */
export function pickParticle(
  positions: Float32Array,
  box: Box,
  width: number,
  height: number,
  px: number,
  py: number,
  radius = 8,
): number {
  if (!(width > 0) || !(height > 0)) return -1;
  const sx = width / (box.xmax - box.xmin);
  const sy = height / (box.ymax - box.ymin);
  let best = -1;
  let bestD2 = radius * radius;
  for (let i = 0, n = positions.length >> 1; i < n; i++) {
    const dx = (positions[2 * i] - box.xmin) * sx - px;
    const dy = (box.ymax - positions[2 * i + 1]) * sy - py;
    const d2 = dx * dx + dy * dy;
    if (d2 <= bestD2) {
      // NaN distances never pass the comparison
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}
