/** Dimension limits of the d-dimensional targets, and argument checks shared by them. */

export const ND_DIM_MIN = 2;
export const ND_DIM_MAX = 100;

/** d itself, or an error naming the allowed range. */
export function checkDim(d: number): number {
  if (!Number.isInteger(d) || d < ND_DIM_MIN || d > ND_DIM_MAX) {
    throw new Error(`invalid dimension: ${d} (must be an integer in [${ND_DIM_MIN}, ${ND_DIM_MAX}])`);
  }
  return d;
}

/** Checks a coordinate pair for a 2D marginal: distinct integers in [0, d). */
export function checkPair(d: number, i: number, j: number): void {
  for (const k of [i, j]) {
    if (!Number.isInteger(k) || k < 0 || k >= d) {
      throw new Error(`invalid coordinate: ${k} (must be an integer in [0, ${d - 1}])`);
    }
  }
  if (i === j) throw new Error(`invalid coordinate pair: (${i}, ${j}) (the two coordinates must differ)`);
}

/** n as a sample count, or an error. */
export function checkCount(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid sample count: ${n} (must be an integer >= 0)`);
  return n;
}

/** Number of points in a row-major (n, d) array, or an error when its length is not a multiple of d. */
export function rowsOf(points: Float64Array, d: number): number {
  const n = points.length / d;
  if (!Number.isInteger(n)) throw new Error(`points has length ${points.length}, not a multiple of the dimension ${d}`);
  return n;
}
