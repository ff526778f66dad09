/** How many nats below the peak the colour scale reaches; lower values share the darkest colour. */
export const LOG_RANGE = 12;

/**
 * Colour domain [lo, hi] for a log-density grid: hi is the largest finite value, lo the
 * smallest finite one but at most LOG_RANGE below hi, so tails do not wash out the modes.
 * values: (height * width). Returns [0, 1] when nothing is finite.
 */
export function colourDomain(values: ArrayLike<number>, range = LOG_RANGE): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi >= lo)) return [0, 1];
  lo = Math.max(lo, hi - range);
  return lo === hi ? [hi - 1, hi] : [lo, hi];
}
