import type { Box } from '../targets/types';

/**
 * Particles that are NaN / infinite, and the fraction far outside the target's box (beyond one
 * box-width of margin), so every panel can report a broken run instead of failing silently.
 * Along an axis the target does not confine (unboundedX), far-away particles are not escaped.
 */
export function particleHealth(x: Float64Array, box: Box, unboundedX = false): { nonFiniteParticles: number; escaped: number } {
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
    if ((!unboundedX && (px < box.xmin - wx || px > box.xmax + wx)) || py < box.ymin - wy || py > box.ymax + wy) out++;
  }
  return { nonFiniteParticles: bad, escaped: out / n };
}

/**
 * Fraction of particles at distinct positions (1: all different). ETD's categorical update lets
 * several particles take the same proposal; a fraction near 1/N means the cloud has collapsed.
 */
export function distinctFraction(x: Float64Array): number {
  const n = x.length >> 1;
  if (n === 0) return 1;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[2 * a] - x[2 * b] || x[2 * a + 1] - x[2 * b + 1]);
  let distinct = 1;
  for (let k = 1; k < n; k++) {
    const a = order[k - 1], b = order[k];
    if (x[2 * a] !== x[2 * b] || x[2 * a + 1] !== x[2 * b + 1]) distinct++;
  }
  return distinct / n;
}
