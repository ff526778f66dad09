/** Moment errors against the exact reference (docs/algorithms.md §3). */

export interface MomentErrors {
  /** ||mean(X) - mean_ref|| */
  readonly meanError: number;
  /** var(X) / var_ref along x. */
  readonly varRatioX: number;
  /** var(X) / var_ref along y. */
  readonly varRatioY: number;
}

/**
 * Mean error and per-axis variance ratios of x: (N, 2). var(X) is the population variance
 * (divide by N), the same convention as the reference's exact variance of a law.
 */
export function momentErrors(
  x: Float64Array,
  refMean: readonly [number, number],
  refVar: readonly [number, number],
): MomentErrors {
  const n = x.length >> 1;
  if (n === 0) return { meanError: NaN, varRatioX: NaN, varRatioY: NaN };
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i];
    my += x[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let vx = 0, vy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[2 * i] - mx;
    const dy = x[2 * i + 1] - my;
    vx += dx * dx;
    vy += dy * dy;
  }
  return {
    meanError: Math.hypot(mx - refMean[0], my - refMean[1]),
    varRatioX: vx / n / refVar[0],
    varRatioY: vy / n / refVar[1],
  };
}
