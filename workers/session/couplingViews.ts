/**
 * Views of the last ETD plan for the UI: the (binned) plan image of gamma_ij and one row of the
 * row-normalised plan gbar_ij = exp(-kappa ||y_j - z_i||^2 + G_j - rowLse_i). Both recompute
 * entries from the 2D coordinates, never materialising the N x P matrix.
 */
import type { CouplingProblem, CouplingResult } from '../../src/engine/etd/coupling/problem';

/** Image side limit: rows and columns are binned down to at most this many. */
export const PLAN_MAX_SIDE = 256;
/** Destinations listed by couplingRow. */
export const TOP_K = 10;

export interface PlanImageData {
  readonly width: number;
  readonly height: number;
  readonly logValues: Float32Array; // (height, width)
  readonly rowOrder: Int32Array; // (n) particle index by angular rank
  readonly nonFinite: number;
}

/** Indices of points (k, 2) sorted by angle around centre (counter-clockwise from -pi). */
export function angularOrder(points: Float64Array, cx: number, cy: number): Int32Array {
  const k = points.length >> 1;
  const angle = new Float64Array(k);
  for (let i = 0; i < k; i++) angle[i] = Math.atan2(points[2 * i + 1] - cy, points[2 * i] - cx);
  const order = Int32Array.from({ length: k }, (_, i) => i);
  // NaN angles (non-finite points) sort last, deterministically.
  return order.sort((a, b) => (angle[a] - angle[b]) || (Number.isNaN(angle[a]) ? 1 : 0) - (Number.isNaN(angle[b]) ? 1 : 0) || a - b);
}

/**
 * bin[index] for items ranked by `order`: bin v holds ranks [floor(v count / bins),
 * floor((v + 1) count / bins)), the convention of the GPU plan-image kernel (src/engine/gpu).
 */
function binsOf(order: Int32Array, bins: number): Int32Array {
  const count = order.length;
  const bin = new Int32Array(count);
  for (let v = 0; v < bins; v++) {
    const end = Math.floor(((v + 1) * count) / bins);
    for (let r = Math.floor((v * count) / bins); r < end; r++) bin[order[r]] = v;
  }
  return bin;
}

/**
 * The plan as a log image: rows are particles, columns proposals, both in angular order (of z_i
 * and y_j) around centre; cell (v, u) holds log sum gamma_ij over its bins, with
 * log gamma_ij = -kappa ||y_j - z_i||^2 + F_i + G_j (the same image as the GPU kernel). The sum is
 * taken in float64, i.e. an exact log-sum-exp for any mass above ~1e-300.
 */
export function planImage(
  pb: CouplingProblem,
  plan: Pick<CouplingResult, 'F' | 'G'>,
  centre: readonly [number, number],
  maxSide = PLAN_MAX_SIDE,
): PlanImageData {
  const { z, y, kappa } = pb;
  const { F, G } = plan;
  const n = z.length >> 1;
  const p = y.length >> 1;
  const height = Math.min(n, maxSide);
  const width = Math.min(p, maxSide);
  // Rows and columns in angular order of the points as drawn (the particles' coordinates when the cost is whitened).
  const shown = pb.positions ?? pb;
  const rowOrder = angularOrder(shown.z, centre[0], centre[1]);
  const rowBin = binsOf(rowOrder, height);
  const colBin = binsOf(angularOrder(shown.y, centre[0], centre[1]), width);
  const sums = new Float64Array(height * width);
  let nonFinite = 0;
  for (let i = 0; i < n; i++) {
    const zx = z[2 * i], zy = z[2 * i + 1];
    const base = rowBin[i] * width;
    const fi = F[i];
    for (let j = 0; j < p; j++) {
      const dx = zx - y[2 * j], dy = zy - y[2 * j + 1];
      const w = Math.exp(fi + G[j] - kappa * (dx * dx + dy * dy));
      if (Number.isNaN(w)) nonFinite++;
      else sums[base + colBin[j]] += w;
    }
  }
  const logValues = new Float32Array(height * width);
  for (let c = 0; c < sums.length; c++) logValues[c] = Math.log(sums[c]);
  return { width, height, logValues, rowOrder, nonFinite };
}

export interface CouplingRowData {
  readonly proposals: Float32Array; // (P, 2)
  readonly weights: Float32Array; // (P)
  readonly topK: Int32Array; // (<= k)
  readonly source: readonly [number, number];
}

/** w_j = exp(log K_ij + G_j - rowLse_i) for row i (gbar_i. up to rounding); returns their sum. w: (P). */
function rowWeights(pb: CouplingProblem, plan: CouplingResult, i: number, w: Float64Array): number {
  const { z, y, kappa } = pb;
  const zx = z[2 * i], zy = z[2 * i + 1];
  let total = 0;
  for (let j = 0; j < w.length; j++) {
    const dx = zx - y[2 * j], dy = zy - y[2 * j + 1];
    const v = Math.exp(plan.G[j] - kappa * (dx * dx + dy * dy) - plan.rowLse[i]);
    w[j] = v;
    total += v;
  }
  return total;
}

/** Row i of gbar, normalised to sum 1, with the k likeliest proposals (largest first). */
export function couplingRow(pb: CouplingProblem, plan: CouplingResult, i: number, k = TOP_K): CouplingRowData {
  const { z, y } = pb;
  const n = z.length >> 1;
  const p = y.length >> 1;
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`invalid particle: ${i} (must be an integer >= 0 and < ${n})`);
  const w = new Float64Array(p);
  const total = rowWeights(pb, plan, i, w);
  // Drawn in the particles' coordinates (pb.z, pb.y are whitened when the cost is preconditioned).
  const shown = pb.positions ?? pb;
  const zx = shown.z[2 * i], zy = shown.z[2 * i + 1];
  if (!(total > 0) || !Number.isFinite(total))
    throw new Error(`the coupling row of particle ${i} has no finite mass (total ${total}): the plan is degenerate`);
  const weights = new Float32Array(p);
  for (let j = 0; j < p; j++) weights[j] = w[j] / total;
  return { proposals: Float32Array.from(shown.y), weights, topK: topIndices(w, Math.min(k, p)), source: [zx, zy] };
}

/** Indices of the k largest values, largest first (ties: lower index first). O(P k). */
export function topIndices(values: Float64Array, k: number): Int32Array {
  const top: number[] = [];
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (top.length === k && !(v > values[top[k - 1]])) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && v > values[top[at - 1]]) at--;
    top.splice(at, 0, j);
    if (top.length > k) top.pop();
  }
  return Int32Array.from(top);
}

/**
 * The `top` likeliest destinations of an even stride of at most maxParticles rows, packed (the
 * coupling-lines overlay in one call instead of one row per particle).
 */
export function couplingLines(pb: CouplingProblem, plan: CouplingResult, top: number, maxParticles: number) {
  // Lines join the points as drawn (the particles' coordinates when the cost is whitened).
  const { z, y } = pb.positions ?? pb;
  const n = z.length >> 1;
  const p = y.length >> 1;
  const k = Math.min(n, Math.max(1, Math.floor(maxParticles)));
  const t = Math.max(1, Math.min(Math.floor(top), p));
  const particles = Int32Array.from({ length: k }, (_, j) => Math.floor((j * n) / k));
  const sources = new Float32Array(2 * k);
  const destinations = new Float32Array(2 * k * t);
  const weights = new Float32Array(k * t);
  const w = new Float64Array(p);
  particles.forEach((i, j) => {
    sources[2 * j] = z[2 * i];
    sources[2 * j + 1] = z[2 * i + 1];
    const total = rowWeights(pb, plan, i, w);
    if (!(total > 0) || !Number.isFinite(total)) return; // a degenerate row: no lines
    const best = topIndices(w, t);
    for (let r = 0; r < best.length; r++) {
      const q = best[r];
      destinations[2 * (j * t + r)] = y[2 * q];
      destinations[2 * (j * t + r) + 1] = y[2 * q + 1];
      weights[j * t + r] = w[q] / total;
    }
  });
  return { particles, sources, destinations, weights };
}
