/**
 * The wide strip under the plots of an unconfined improper target (U2-U4 without the soft box):
 * how far along z1 it reaches and how spread each cloud is along z1.
 */

/** The strip never shows less than the preset box's half width. */
export const MIN_HALF_WIDTH = 8;

/** Half-widths the strip snaps to, so it does not rescale on every frame. */
const STEPS = [8, 10, 15, 20, 30, 40, 60, 80, 120, 160, 240, 320, 480, 640, 1000];

/**
 * The smallest snapped half-width that shows |z1| up to maxAbs with a 5% margin (and never
 * shrinks below `current`, so a run's strip only grows; reset it to MIN_HALF_WIDTH at step 0).
 */
export function stripHalfWidth(maxAbs: number, current = MIN_HALF_WIDTH): number {
  const need = Math.max(MIN_HALF_WIDTH, Number.isFinite(maxAbs) ? maxAbs * 1.05 : MIN_HALF_WIDTH);
  const snapped = STEPS.find((s) => s >= need) ?? Math.ceil(need / 1000) * 1000;
  return Math.max(snapped, current);
}

/** Largest |z1| over interleaved (n, 2) positions (finite entries only; 0 when there are none). */
export function maxAbsZ1(positions: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < positions.length; k += 2) {
    const v = Math.abs(positions[k]);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

/** Population standard deviation of z1 over interleaved (n, 2) positions (NaN when empty). */
export function spreadZ1(positions: ArrayLike<number>): number {
  const n = positions.length >> 1;
  if (n === 0) return NaN;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += positions[2 * k];
  mean /= n;
  let v = 0;
  for (let k = 0; k < n; k++) v += (positions[2 * k] - mean) ** 2;
  return Math.sqrt(v / n);
}
