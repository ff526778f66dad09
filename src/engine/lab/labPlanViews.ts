/**
 * What the lab draws from a solved plan gamma_ij = exp(log K_ij + F_i + G_j): rows and columns
 * ordered along each cloud's principal axis (so a monotone map shows as a diagonal band), the
 * plan binned into a small image, the heaviest entries of every row as lines, the barycentric
 * map and one row as a conditional law.
 */
import type { CouplingProblem } from '../etd/coupling/problem';

/** Plan entries (n, p), float32 (up to 2000 x 2000 = 16 MB, in the worker only). */
export function densePlan(pb: CouplingProblem, F: Float64Array, G: Float64Array): Float32Array {
  const n = F.length, p = G.length;
  const out = new Float32Array(n * p);
  for (let i = 0; i < n; i++) {
    const xi = pb.z[2 * i], yi = pb.z[2 * i + 1];
    for (let j = 0; j < p; j++) {
      const dx = xi - pb.y[2 * j], dy = yi - pb.y[2 * j + 1];
      out[i * p + j] = Math.exp(-pb.kappa * (dx * dx + dy * dy) + F[i] + G[j]);
    }
  }
  return out;
}

/** Indices of the points sorted by their projection on the cloud's first principal axis. */
export function principalOrder(pts: Float64Array): Uint32Array {
  const n = pts.length / 2;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += pts[2 * i]; my += pts[2 * i + 1]; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = pts[2 * i] - mx, dy = pts[2 * i + 1] - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  // Leading eigenvector of [[sxx, sxy], [sxy, syy]]: angle 0.5 atan2(2 sxy, sxx - syy).
  const a = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const c = Math.cos(a), s = Math.sin(a);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = c * pts[2 * i] + s * pts[2 * i + 1];
  return Uint32Array.from({ length: n }, (_, i) => i).sort((u, v) => key[u] - key[v]);
}

/**
 * Columns ordered by where the plan sends them among the ordered rows: target j's key is the
 * plan-weighted mean rank of the source points coupled to it. Any plan then reads as a band from
 * corner to corner, whatever the target's shape (a principal axis says little about a spiral).
 */
export function columnOrderByRows(plan: Float32Array, n: number, p: number, rowOrder: Uint32Array): Uint32Array {
  const rank = new Float64Array(n);
  rowOrder.forEach((i, r) => { rank[i] = r; });
  const num = new Float64Array(p), den = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const w = plan[i * p + j];
      num[j] += w * rank[i];
      den[j] += w;
    }
  const key = num.map((v, j) => v / den[j]);
  return Uint32Array.from({ length: p }, (_, j) => j).sort((u, v) => key[u] - key[v]);
}

/** The plan summed into (rows, cols) bins after ordering; bins never outnumber points. */
export function binnedPlan(
  plan: Float32Array,
  n: number,
  p: number,
  rowOrder: Uint32Array,
  colOrder: Uint32Array,
  maxBins = 120,
): { rows: number; cols: number; mass: Float32Array } {
  const rows = Math.min(n, maxBins), cols = Math.min(p, maxBins);
  const rowBin = new Uint32Array(n), colBin = new Uint32Array(p);
  rowOrder.forEach((i, r) => { rowBin[i] = Math.floor((r * rows) / n); });
  colOrder.forEach((j, c) => { colBin[j] = Math.floor((c * cols) / p); });
  const mass = new Float32Array(rows * cols);
  for (let i = 0; i < n; i++) {
    const base = rowBin[i] * cols;
    for (let j = 0; j < p; j++) mass[base + colBin[j]] += plan[i * p + j];
  }
  return { rows, cols, mass };
}

/** The k heaviest entries of every row: (i, j, mass) in three arrays of length n * k. */
export function topEntries(plan: Float32Array, n: number, p: number, k: number): { i: Uint32Array; j: Uint32Array; mass: Float32Array } {
  const kk = Math.min(k, p);
  const I = new Uint32Array(n * kk), J = new Uint32Array(n * kk), M = new Float32Array(n * kk);
  for (let i = 0; i < n; i++) {
    const base = i * kk;
    for (let t = 0; t < kk; t++) M[base + t] = -1;
    for (let j = 0; j < p; j++) {
      const v = plan[i * p + j];
      if (v <= M[base + kk - 1]) continue;
      // insertion into the row's short sorted list (k is a handful)
      let t = kk - 1;
      while (t > 0 && M[base + t - 1] < v) { M[base + t] = M[base + t - 1]; J[base + t] = J[base + t - 1]; t--; }
      M[base + t] = v; J[base + t] = j;
    }
    I.fill(i, base, base + kk);
  }
  return { i: I, j: J, mass: M };
}

/** T(x_i) = sum_j gamma_ij y_j / sum_j gamma_ij, (n, 2). */
export function barycentricMap(plan: Float32Array, y: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    let s = 0, sx = 0, sy = 0;
    for (let j = 0; j < p; j++) {
      const w = plan[i * p + j];
      s += w; sx += w * y[2 * j]; sy += w * y[2 * j + 1];
    }
    out[2 * i] = sx / s;
    out[2 * i + 1] = sy / s;
  }
  return out;
}

/** Row i normalised to sum 1: Sinkhorn's conditional law of the target given source point i. */
export function conditionalRow(plan: Float32Array, p: number, i: number): Float64Array {
  const row = new Float64Array(p);
  let s = 0;
  for (let j = 0; j < p; j++) s += row[j] = plan[i * p + j];
  for (let j = 0; j < p; j++) row[j] /= s;
  return row;
}

/** Index of the point of pts nearest to (x, y). */
export function nearestPoint(pts: Float64Array, x: number, y: number): number {
  let best = 0, bestD = Infinity;
  for (let i = 0; i < pts.length / 2; i++) {
    const d = (pts[2 * i] - x) ** 2 + (pts[2 * i + 1] - y) ** 2;
    if (d < bestD) { bestD = d; best = i; }
  }
  return best;
}

/**
 * Plan entries for export as (i, j, mass): all of them when n p <= budget, else the heaviest
 * floor(budget / n) of every row (a 2000 x 2000 plan would be a 100 MB text file).
 */
export function planEntries(plan: Float32Array, n: number, p: number, budget = 250_000): { i: Uint32Array; j: Uint32Array; mass: Float32Array; complete: boolean } {
  if (n * p <= budget) {
    const i = new Uint32Array(n * p), j = new Uint32Array(n * p);
    for (let a = 0; a < n; a++) for (let b = 0; b < p; b++) { i[a * p + b] = a; j[a * p + b] = b; }
    return { i, j, mass: plan.slice(), complete: true };
  }
  return { ...topEntries(plan, n, p, Math.max(1, Math.floor(budget / n))), complete: false };
}
