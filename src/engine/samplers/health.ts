import type { Box } from '../targets/types';

/**
 * Particles that are NaN / infinite (any of their d coordinates), and the fraction far outside
 * the target's box (beyond one box-width of margin), so every panel can report a broken run
 * instead of failing silently. Along an axis the target does not confine (unboundedX), far-away
 * particles are not escaped.
 * With d > 2 escapes are not measured (escaped is NaN, which the health checks ignore): the box
 * then describes a view of two coordinates, which ones the target does not say, and the target
 * gives no scale for the others, so no test of "far away" would be honest.
 */
export function particleHealth(
  x: Float64Array, // (n, d)
  box: Box,
  unboundedX = false,
  d = 2,
): { nonFiniteParticles: number; escaped: number } {
  const n = x.length / d;
  const wx = box.xmax - box.xmin;
  const wy = box.ymax - box.ymin;
  let bad = 0;
  let out = 0;
  for (let i = 0; i < n; i++) {
    let finite = true;
    for (let k = d * i; k < d * i + d; k++) finite &&= Number.isFinite(x[k]);
    if (!finite) {
      bad++;
      continue;
    }
    if (d !== 2) continue;
    const px = x[2 * i], py = x[2 * i + 1];
    if ((!unboundedX && (px < box.xmin - wx || px > box.xmax + wx)) || py < box.ymin - wy || py > box.ymax + wy) out++;
  }
  return { nonFiniteParticles: bad, escaped: d === 2 ? out / n : NaN };
}

/**
 * Fraction of particles at distinct positions (1: all different) among the rows of x (n, d).
 * ETD's categorical update lets several particles take the same proposal; a fraction near 1/N
 * means the cloud has collapsed.
 */
export function distinctFraction(x: Float64Array, d = 2): number {
  const n = x.length / d;
  if (n === 0) return 1;
  const cmp = (a: number, b: number): number => {
    for (let k = 0; k < d; k++) {
      const t = x[d * a + k] - x[d * b + k];
      if (t) return t;
    }
    return 0;
  };
  const order = Array.from({ length: n }, (_, i) => i).sort(cmp);
  let distinct = 1;
  for (let k = 1; k < n; k++) {
    const a = order[k - 1], b = order[k];
    let same = true;
    for (let t = 0; t < d && same; t++) same = x[d * a + t] === x[d * b + t];
    if (!same) distinct++;
  }
  return distinct / n;
}
