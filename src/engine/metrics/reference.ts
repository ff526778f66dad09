import { Rng, STREAM } from '../random/rng';
import type { Box, Target } from '../targets/types';

/**
 * The exact target, normalised on a grid (docs/algorithms.md §3): pi is treated as
 * piecewise uniform on G x G cells over the box, with the mass of a cell proportional to
 * pi at its centre. Everything below is exact for that piecewise-uniform density.
 */
export interface ExactReference {
  readonly grid: number;
  readonly box: Box;
  /** Cell masses, sum 1. (G * G), row-major with row = y index: probs[iy * G + ix]. */
  readonly probs: Float64Array;
  /** Mass of each x column, sum 1. (G) */
  readonly marginalX: Float64Array;
  /** Mass of each y row, sum 1. (G) */
  readonly marginalY: Float64Array;
  readonly mean: readonly [number, number];
  /** [[sxx, sxy], [sxy, syy]], including the within-cell variance cellwidth^2 / 12. */
  readonly cov: readonly [readonly [number, number], readonly [number, number]];
  /** Reference draws: a cell by its mass, then uniform inside it. (S, 2) */
  readonly samples: Float64Array;
}

export interface ReferenceOptions {
  /** Cells per axis (default 256). */
  readonly grid?: number;
  /** Number of reference samples (default 2000). */
  readonly samples?: number;
  /** Seed of the reference samples (default 0: fixed, so every run is compared with the same draws). */
  readonly seed?: number;
}

export const REFERENCE_DEFAULTS = { grid: 256, samples: 2000, seed: 0 } as const;

const cache = new WeakMap<Target, Map<string, ExactReference>>();

function checkCount(what: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new Error(`invalid ${what}: ${v} (must be an integer >= ${min})`);
  return v;
}

/** Normalised grid reference of a target; cached per (target object, options), so repeat calls are free. */
export function exactReference(target: Target, opts: ReferenceOptions = {}): ExactReference {
  const G = checkCount('reference grid', opts.grid ?? REFERENCE_DEFAULTS.grid, 1);
  const S = checkCount('reference samples', opts.samples ?? REFERENCE_DEFAULTS.samples, 0);
  const seed = opts.seed ?? REFERENCE_DEFAULTS.seed;
  const key = `${G}|${S}|${seed}`;
  let perTarget = cache.get(target);
  const hit = perTarget?.get(key);
  if (hit) return hit;
  const ref = buildReference(target, G, S, seed);
  if (!perTarget) cache.set(target, (perTarget = new Map()));
  perTarget.set(key, ref);
  return ref;
}

function buildReference(target: Target, G: number, S: number, seed: number): ExactReference {
  const box = target.box;
  const hx = (box.xmax - box.xmin) / G;
  const hy = (box.ymax - box.ymin) / G;
  if (!(hx > 0) || !(hy > 0)) throw new Error(`target '${target.name}' has an empty box`);

  // Cell centres, row-major with row = y index. points: (G * G, 2)
  const cells = G * G;
  const points = new Float64Array(2 * cells);
  for (let iy = 0; iy < G; iy++) {
    const y = box.ymin + (iy + 0.5) * hy;
    for (let ix = 0; ix < G; ix++) {
      const k = 2 * (iy * G + ix);
      points[k] = box.xmin + (ix + 0.5) * hx;
      points[k + 1] = y;
    }
  }
  const probs = target.logDensity(points, new Float64Array(cells));

  // Stable normalisation: subtract the max finite log pi; non-finite values are zero mass.
  let max = -Infinity;
  for (let c = 0; c < cells; c++) {
    const v = probs[c];
    if (Number.isFinite(v) && v > max) max = v;
  }
  if (max === -Infinity) {
    throw new Error(`target '${target.name}' has zero mass on its box (log pi is not finite at any grid cell)`);
  }
  let total = 0;
  for (let c = 0; c < cells; c++) {
    const v = probs[c];
    const p = Number.isFinite(v) ? Math.exp(v - max) : 0;
    probs[c] = p;
    total += p;
  }
  const inv = 1 / total;
  for (let c = 0; c < cells; c++) probs[c] *= inv;

  const marginalX = new Float64Array(G);
  const marginalY = new Float64Array(G);
  for (let iy = 0; iy < G; iy++) {
    let row = 0;
    for (let ix = 0; ix < G; ix++) {
      const p = probs[iy * G + ix];
      row += p;
      marginalX[ix] += p;
    }
    marginalY[iy] = row;
  }

  // Mean, then centred second moments (two passes for accuracy).
  let mx = 0, my = 0;
  for (let i = 0; i < G; i++) {
    mx += marginalX[i] * (box.xmin + (i + 0.5) * hx);
    my += marginalY[i] * (box.ymin + (i + 0.5) * hy);
  }
  let sxx = 0, syy = 0, sxy = 0;
  for (let iy = 0; iy < G; iy++) {
    const dy = box.ymin + (iy + 0.5) * hy - my;
    syy += marginalY[iy] * dy * dy;
    let rowX = 0;
    for (let ix = 0; ix < G; ix++) rowX += probs[iy * G + ix] * (box.xmin + (ix + 0.5) * hx - mx);
    sxy += rowX * dy;
  }
  for (let ix = 0; ix < G; ix++) {
    const dx = box.xmin + (ix + 0.5) * hx - mx;
    sxx += marginalX[ix] * dx * dx;
  }
  // Uniform within a cell: x and y independent, variance h^2 / 12 each, no extra covariance.
  sxx += (hx * hx) / 12;
  syy += (hy * hy) / 12;

  return {
    grid: G,
    box,
    probs,
    marginalX,
    marginalY,
    mean: [mx, my],
    cov: [
      [sxx, sxy],
      [sxy, syy],
    ],
    samples: drawSamples(probs, G, box, hx, hy, S, seed),
  };
}

/** S draws: a cell by inverse CDF (binary search), then uniform jitter inside it. Returns (S, 2). */
function drawSamples(probs: Float64Array, G: number, box: Box, hx: number, hy: number, S: number, seed: number): Float64Array {
  const cells = probs.length;
  const cdf = new Float64Array(cells);
  let acc = 0;
  for (let c = 0; c < cells; c++) cdf[c] = acc += probs[c];
  const top = cdf[cells - 1]; // ~1; searching u * top keeps rounding from running past the end
  const rng = new Rng(seed, STREAM.reference);
  const out = new Float64Array(2 * S);
  for (let s = 0; s < S; s++) {
    const u = rng.uniform() * top;
    // First cell with cdf > u (zero-mass cells never match: their cdf equals the previous one).
    let lo = 0, hi = cells - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    const ix = lo % G;
    const iy = (lo - ix) / G;
    out[2 * s] = box.xmin + (ix + rng.uniform()) * hx;
    out[2 * s + 1] = box.ymin + (iy + rng.uniform()) * hy;
  }
  return out;
}
