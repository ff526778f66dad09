import { makeTarget } from './presets/pointwise';
import { logSigmoid, sigmoid } from './presets/stable';
import type { Box, Target } from './types';

/**
 * "Logistic regression you can see" (docs/logistic-2d.md): the posterior over the two weights
 * w = (w1, w2) of a logistic regression without intercept on points the user places in a plane.
 * With the data centred (c = mean of the x_i, u_i = x_i - c) and labels y_i in {0, 1}:
 *   log pi(w) = sum_i [ y_i log sigmoid(w.u_i) + (1 - y_i) log sigmoid(-w.u_i) ] - |w|^2 / (2 * 25),
 *   grad log pi(w) = sum_i (y_i - sigmoid(w.u_i)) u_i - w / 25,
 * the prior being N(0, 5^2 I); log sigmoid is -softplus(-z), finite for every z.
 */

/** One labelled point of the data panel: x, y and the class (0 or 1). */
export type LabeledPoint = readonly [x: number, y: number, label: 0 | 1];

export interface Logistic2dSpec {
  readonly kind: 'logistic2d';
  readonly points: readonly LabeledPoint[];
}

/** Most points a data set may hold (the link carries them all). */
export const LR_MAX_POINTS = 200;
/** The data panel is [-LR_DATA_LIMIT, LR_DATA_LIMIT]^2; every coordinate must lie in it. */
export const LR_DATA_LIMIT = 5;
/** The data panel's box. */
export const LR_DATA_BOX: Box = { xmin: -LR_DATA_LIMIT, xmax: LR_DATA_LIMIT, ymin: -LR_DATA_LIMIT, ymax: LR_DATA_LIMIT };
/** Decimals kept of a coordinate: the data panel places points on this grid and links write it, so a link round-trips exactly. */
export const LR_DECIMALS = 2;
/** A coordinate on the 10^-LR_DECIMALS grid (-0 becomes 0). */
export const roundLrCoordinate = (v: number): number => {
  const r = Math.round(v * 10 ** LR_DECIMALS) / 10 ** LR_DECIMALS;
  return r === 0 ? 0 : r;
};
/** Prior standard deviation of each weight. */
export const LR_PRIOR_STD = 5;
/** Weight-space view never goes beyond [-LR_WEIGHT_LIMIT, LR_WEIGHT_LIMIT]^2 (4 prior std: the prior alone leaves 3e-4 of its mass outside). */
export const LR_WEIGHT_LIMIT = 20;

/**
 * The starting data: two overlapping classes (seven points each, mirror images of each other
 * through the origin, so the data are already centred), not separable by any line through
 * their mean: the posterior (mean about (1.07, 0.79), std about 0.55 and 0.64) is skewed away from the origin, not quite Gaussian.
 */
export const LR_START_POINTS: readonly LabeledPoint[] = [
  [-2.25, -0.75, 0], [-1.5, -2.25, 0], [-0.75, -1.2, 0], [-3, 0.45, 0], [0.6, -1.8, 0], [-1.8, 0.9, 0], [1.2, 0.9, 0],
  [2.25, 0.75, 1], [1.5, 2.25, 1], [0.75, 1.2, 1], [3, -0.45, 1], [-0.6, 1.8, 1], [1.8, -0.9, 1], [-1.2, -0.9, 1],
];

const fmt = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : typeof v);

/** Why a list of points cannot be a data set, as one message; null when it is fine. */
export function checkLogistic2dPoints(points: unknown): string | null {
  if (!Array.isArray(points)) return 'invalid points: must be a list of [x, y, class]';
  if (points.length > LR_MAX_POINTS) return `too many points: ${points.length} (at most ${LR_MAX_POINTS})`;
  for (let k = 0; k < points.length; k++) {
    const p = points[k] as unknown;
    if (!Array.isArray(p) || p.length !== 3) return `invalid point ${k + 1}: must be [x, y, class]`;
    const [x, y, c] = p as unknown[];
    for (const v of [x, y])
      if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > LR_DATA_LIMIT)
        return `invalid point ${k + 1}: coordinate ${fmt(v)} (must be a number in [-${LR_DATA_LIMIT}, ${LR_DATA_LIMIT}])`;
    if (c !== 0 && c !== 1) return `invalid point ${k + 1}: class ${fmt(c)} (must be 0 or 1)`;
  }
  return null;
}

/** The mean of the points' coordinates (the origin when there are none): the decision lines pass through it. */
export function dataCentre(points: readonly LabeledPoint[]): readonly [number, number] {
  if (points.length === 0) return [0, 0];
  let sx = 0, sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  return [sx / points.length, sy / points.length];
}

/** The centred data: u (n, 2) and labels y (n). */
export function centredData(points: readonly LabeledPoint[]): { u: Float64Array; y: Float64Array } {
  const [cx, cy] = dataCentre(points);
  const u = new Float64Array(2 * points.length);
  const y = new Float64Array(points.length);
  points.forEach(([px, py, c], i) => {
    u[2 * i] = px - cx;
    u[2 * i + 1] = py - cy;
    y[i] = c;
  });
  return { u, y };
}

const PRIOR_PRECISION = 1 / (LR_PRIOR_STD * LR_PRIOR_STD);

/** log pi(w) for centred data u: (n, 2), labels y: (n). */
function logPosterior(u: Float64Array, y: Float64Array, w1: number, w2: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const z = w1 * u[2 * i] + w2 * u[2 * i + 1];
    s += y[i] === 1 ? logSigmoid(z) : logSigmoid(-z);
  }
  return s - 0.5 * PRIOR_PRECISION * (w1 * w1 + w2 * w2);
}

/** Log-density drop (nats below the maximum) that the weight-space box keeps inside. */
const BOX_NATS = 12;
/** Cells per axis of the scan that finds the box. */
const SCAN_CELLS = 100;
/** Smallest half-width of the box. */
const MIN_HALF = 1;

/**
 * The weight-space box: a square (w1 and w2 on one scale) around every point of a scan of
 * [-LR_WEIGHT_LIMIT, LR_WEIGHT_LIMIT]^2 where log pi is within BOX_NATS of its maximum, one scan
 * cell of margin, on the 0.5 grid and slid inside the limit square. The
 * posterior is log-concave, so its mass outside is below exp(-BOX_NATS) times the box's area
 * in cells (the test against a quadrature over the whole limit square checks the moments).
 */
export function logisticBox(u: Float64Array, y: Float64Array): Box {
  const L = LR_WEIGHT_LIMIT;
  const h = (2 * L) / SCAN_CELLS;
  const vals = new Float64Array((SCAN_CELLS + 1) * (SCAN_CELLS + 1));
  let max = -Infinity;
  for (let j = 0; j <= SCAN_CELLS; j++)
    for (let i = 0; i <= SCAN_CELLS; i++) {
      const v = logPosterior(u, y, -L + i * h, -L + j * h);
      vals[j * (SCAN_CELLS + 1) + i] = v;
      if (v > max) max = v;
    }
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let j = 0; j <= SCAN_CELLS; j++)
    for (let i = 0; i <= SCAN_CELLS; i++) {
      if (vals[j * (SCAN_CELLS + 1) + i] < max - BOX_NATS) continue;
      const a = -L + i * h, b = -L + j * h;
      if (a < x0) x0 = a;
      if (a > x1) x1 = a;
      if (b < y0) y0 = b;
      if (b > y1) y1 = b;
    }
  // Centre on the 0.5 grid (moving it by at most 0.25, which the extra 0.5 of half-width covers).
  const cx = Math.round(x0 + x1) / 2, cy = Math.round(y0 + y1) / 2;
  const half = Math.min(L, Math.ceil(2 * Math.max(MIN_HALF, (x1 - x0) / 2 + h, (y1 - y0) / 2 + h)) / 2 + 0.5);
  // Slid (not cut) into the limit square, so the box stays square.
  const lo = (c: number) => Math.min(L - 2 * half, Math.max(-L, c - half));
  return { xmin: lo(cx), xmax: lo(cx) + 2 * half, ymin: lo(cy), ymax: lo(cy) + 2 * half };
}

/**
 * The posterior over (w1, w2) as a 2D target (see the top of this file). Its box comes from
 * logisticBox; points outside the data panel, classes other than 0 / 1 or more than
 * LR_MAX_POINTS points throw with the reason.
 */
export function createLogistic2dTarget(spec: Pick<Logistic2dSpec, 'points'>): Target {
  const problem = checkLogistic2dPoints(spec.points);
  if (problem) throw new Error(problem);
  const { u, y } = centredData(spec.points);
  const n = y.length;
  return makeTarget({
    name: `logistic regression (${n} points)`,
    box: logisticBox(u, y),
    logp: (w1, w2) => logPosterior(u, y, w1, w2),
    grad: (w1, w2, out, k) => {
      let g1 = 0, g2 = 0;
      for (let i = 0; i < n; i++) {
        const a = u[2 * i], b = u[2 * i + 1];
        const r = y[i] - sigmoid(w1 * a + w2 * b);
        g1 += r * a;
        g2 += r * b;
      }
      out[k] = g1 - PRIOR_PRECISION * w1;
      out[k + 1] = g2 - PRIOR_PRECISION * w2;
    },
  });
}

/**
 * The predictive probability of class 1 at (px, py) under particles w: (m, 2), the mean of
 * sigmoid(w.(p - c)) over them, c the data centre.
 */
export function predictiveAt(weights: ArrayLike<number>, centre: readonly [number, number], px: number, py: number): number {
  const m = weights.length >> 1;
  if (m === 0) return 0.5;
  const a = px - centre[0], b = py - centre[1];
  let s = 0;
  for (let i = 0; i < m; i++) s += sigmoid(weights[2 * i] * a + weights[2 * i + 1] * b);
  return s / m;
}
