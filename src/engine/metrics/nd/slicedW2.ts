/**
 * Sliced 2-Wasserstein distance in d dimensions: sqrt of the mean over L unit directions theta_l
 * of the 1D W2^2 between the projected, sorted samples (w2SquaredSorted: quantiles interpolated
 * when the sizes differ). In the plane the directions are evenly spaced (../slicedW2.ts); in d
 * dimensions they are L fixed random directions (normalised Gaussian vectors from seed 0), as
 * the ETD authors' metric draws them (they use L = 100), fixed so a run's chart does not jitter.
 */
import { Rng } from '../../random/rng';
import { w2SquaredSorted } from '../slicedW2';

export const ND_SLICED_DIRECTIONS = 100;

const directionCache = new Map<string, Float64Array>();

/** L fixed unit directions in R^d. Returns (L, d). */
export function sliceDirections(d: number, directions = ND_SLICED_DIRECTIONS): Float64Array {
  if (!Number.isInteger(directions) || directions < 1) throw new Error(`invalid directions: ${directions} (must be an integer >= 1)`);
  const key = `${d}|${directions}`;
  const hit = directionCache.get(key);
  if (hit) return hit;
  const rng = new Rng(0, 3);
  const out = new Float64Array(directions * d);
  for (let l = 0; l < directions; l++) {
    let norm = 0;
    for (let k = 0; k < d; k++) {
      const v = rng.normal();
      out[l * d + k] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) out[l * d + k] /= norm;
  }
  directionCache.set(key, out);
  return out;
}

/** Projections of y: (M, d) on each direction of dirs: (L, d), each sorted ascending. Returns (L, M). */
export function sortedProjectionsNd(y: Float64Array, d: number, dirs: Float64Array): Float64Array {
  const m = Math.floor(y.length / d);
  const L = dirs.length / d;
  const out = new Float64Array(L * m);
  for (let l = 0; l < L; l++) {
    const row = out.subarray(l * m, (l + 1) * m);
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += dirs[l * d + k] * y[j * d + k];
      row[j] = s;
    }
    row.sort();
  }
  return out;
}

/** Sliced W2 of x: (N, d) against a reference given by its sorted projections ySorted: (L, M) on dirs: (L, d). */
export function slicedW2NdSorted(x: Float64Array, d: number, ySorted: Float64Array, dirs: Float64Array): number {
  const n = Math.floor(x.length / d);
  const L = dirs.length / d;
  const m = ySorted.length / L;
  if (n === 0 || m === 0) return NaN;
  const proj = new Float64Array(n);
  let total = 0;
  for (let l = 0; l < L; l++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += dirs[l * d + k] * x[i * d + k];
      proj[i] = s;
    }
    proj.sort();
    total += w2SquaredSorted(proj, ySorted.subarray(l * m, (l + 1) * m));
  }
  return Math.sqrt(total / L);
}

/** Sliced W2 between x: (N, d) and y: (M, d) on the fixed directions. */
export function slicedW2Nd(x: Float64Array, y: Float64Array, d: number, directions = ND_SLICED_DIRECTIONS): number {
  const dirs = sliceDirections(d, directions);
  return slicedW2NdSorted(x, d, sortedProjectionsNd(y, d, dirs), dirs);
}
