/**
 * The RBF kernel of the SVGD family (docs/algorithms.md §2):
 * k(x, y) = exp(-||x - y||^2 / h), with h from the median heuristic of the original SVGD code.
 */

/**
 * Squared pairwise distances D_ij = ||x_i - x_j||^2. x: (N, d), d = 2 by default -> out: (N, N),
 * symmetric, zero diagonal.
 */
export function pairwiseSqDist(x: Float64Array, out?: Float64Array, d = 2): Float64Array {
  const n = x.length / d;
  const d2 = out ?? new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    d2[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      let v = 0;
      for (let t = 0; t < d; t++) {
        const e = x[i * d + t] - x[j * d + t];
        v += e * e;
      }
      d2[i * n + j] = v;
      d2[j * n + i] = v;
    }
  }
  return d2;
}

/** Rearranges a so that a[k] is its k-th smallest value (0-based), nothing larger before it; returns a[k]. */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const p = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    // Now a[lo..j] <= p <= a[i..hi], and everything strictly between j and i equals p.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Median (mean of the two middle values for an even count, as numpy's). values: (M) unchanged; scratch: (M) overwritten. */
export function median(values: Float64Array, scratch: Float64Array = new Float64Array(values.length)): number {
  const m = values.length;
  if (m === 0) return NaN;
  const a = scratch.length === m ? scratch : scratch.subarray(0, m);
  a.set(values);
  const upper = selectInPlace(a, m >> 1);
  if (m % 2) return upper;
  let lower = -Infinity; // largest of the m/2 values left of the upper middle
  for (let t = 0; t < m >> 1; t++) if (a[t] > lower) lower = a[t];
  return 0.5 * (lower + upper);
}

/** Bandwidths below this are raised to it (a collapsed cloud would otherwise give h = 0). */
export const MIN_BANDWIDTH = 1e-8;

/**
 * Median heuristic: h = median of all N^2 squared pairwise distances (diagonal zeros included)
 * / log(N + 1), floored at 1e-8. x: (N, d), d = 2 by default; d2: (N, N) its squared distances
 * if already known; scratch: (N * N) overwritten.
 */
export function medianBandwidth(x: Float64Array, d2?: Float64Array, scratch?: Float64Array, d = 2): number {
  const n = x.length / d;
  return Math.max(median(d2 ?? pairwiseSqDist(x, undefined, d), scratch) / Math.log(n + 1), MIN_BANDWIDTH);
}

/** Gram matrix K_ij = exp(-D_ij / h). d2: (N, N) -> out: (N, N) (may be d2 itself). */
export function rbfGram(d2: Float64Array, h: number, out: Float64Array = new Float64Array(d2.length)): Float64Array {
  for (let t = 0; t < d2.length; t++) out[t] = Math.exp(-d2[t] / h);
  return out;
}

/** Reusable buffers for one cloud size, so a sampler allocates nothing per step. */
export interface RbfWorkspace {
  readonly n: number;
  /** Dimension of the points. */
  readonly d: number;
  /** Squared distances (N, N). */
  readonly d2: Float64Array;
  /** Gram matrix (N, N). */
  readonly k: Float64Array;
  /** Median scratch (N * N). */
  readonly scratch: Float64Array;
}

export function rbfWorkspace(n: number, d = 2): RbfWorkspace {
  return { n, d, d2: new Float64Array(n * n), k: new Float64Array(n * n), scratch: new Float64Array(n * n) };
}

/** Fill ws.d2 and ws.k for the particles x: (N, ws.d) with the median-heuristic bandwidth; returns h. */
export function medianGram(x: Float64Array, ws: RbfWorkspace): number {
  pairwiseSqDist(x, ws.d2, ws.d);
  const h = medianBandwidth(x, ws.d2, ws.scratch, ws.d);
  rbfGram(ws.d2, h, ws.k);
  return h;
}
