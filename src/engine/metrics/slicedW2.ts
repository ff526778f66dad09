/**
 * Sliced 2-Wasserstein distance (docs/algorithms.md §3): L evenly spaced directions
 * theta_l = (cos(pi l / L), sin(pi l / L)), l = 0..L-1; the 1D W2^2 between projected,
 * sorted samples; the result is sqrt of the mean over directions.
 */

export const DEFAULT_DIRECTIONS = 64;

/** Projections of y on each direction, each sorted ascending. y: (M, 2) -> (L, M) row-major. */
export function sortedProjections(y: Float64Array, directions = DEFAULT_DIRECTIONS): Float64Array {
  const m = y.length >> 1;
  const out = new Float64Array(directions * m);
  for (let l = 0; l < directions; l++) {
    const c = Math.cos((Math.PI * l) / directions);
    const s = Math.sin((Math.PI * l) / directions);
    const row = out.subarray(l * m, (l + 1) * m);
    for (let j = 0; j < m; j++) row[j] = c * y[2 * j] + s * y[2 * j + 1];
    row.sort();
  }
  return out;
}

/**
 * Empirical quantile of a sorted sample a (length n) at t in (0, 1): linear interpolation
 * between order statistics placed at the midpoints (k + 0.5) / n, constant beyond the ends.
 */
function quantile(a: Float64Array, n: number, t: number): number {
  const p = t * n - 0.5;
  if (p <= 0) return a[0];
  if (p >= n - 1) return a[n - 1];
  const k = Math.floor(p);
  const f = p - k;
  return a[k] + f * (a[k + 1] - a[k]);
}

/**
 * 1D W2^2 between two sorted samples. Equal sizes: mean of (a_k - b_k)^2 (exact).
 * Different sizes: K = max(n, m) quantile levels t_k = (k + 0.5) / K, both quantile
 * functions interpolated there, mean of the squared differences.
 */
export function w2SquaredSorted(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let sum = 0;
  if (n === m) {
    for (let k = 0; k < n; k++) {
      const d = a[k] - b[k];
      sum += d * d;
    }
    return sum / n;
  }
  const K = Math.max(n, m);
  for (let k = 0; k < K; k++) {
    const t = (k + 0.5) / K;
    const d = (n === K ? a[k] : quantile(a, n, t)) - (m === K ? b[k] : quantile(b, m, t));
    sum += d * d;
  }
  return sum / K;
}

/**
 * Sliced W2 from x: (N, 2) to a reference whose sorted projections are given
 * (from sortedProjections(y, L)): (L, M). Lets a fixed reference be projected once.
 */
export function slicedW2Sorted(x: Float64Array, ySorted: Float64Array, directions = DEFAULT_DIRECTIONS): number {
  const n = x.length >> 1;
  const m = ySorted.length / directions;
  if (n === 0 || m === 0 || !Number.isInteger(m)) return NaN;
  const proj = new Float64Array(n);
  let total = 0;
  for (let l = 0; l < directions; l++) {
    const c = Math.cos((Math.PI * l) / directions);
    const s = Math.sin((Math.PI * l) / directions);
    for (let i = 0; i < n; i++) proj[i] = c * x[2 * i] + s * x[2 * i + 1];
    proj.sort();
    total += w2SquaredSorted(proj, ySorted.subarray(l * m, (l + 1) * m));
  }
  return Math.sqrt(total / directions);
}

/** Sliced W2 between x: (N, 2) and y: (M, 2) with L directions (default 64). */
export function slicedW2(x: Float64Array, y: Float64Array, directions = DEFAULT_DIRECTIONS): number {
  if (!Number.isInteger(directions) || directions < 1) {
    throw new Error(`invalid directions: ${directions} (must be an integer >= 1)`);
  }
  return slicedW2Sorted(x, sortedProjections(y, directions), directions);
}
