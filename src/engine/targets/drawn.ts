import { boxProblem } from './box';
import { makeTarget } from './presets/pointwise';
import { sigmoid, softplus } from './presets/stable';
import type { Box, Target } from './types';

/** One Gaussian bump of a drawing: centre (x, y), width (std, > 0) and weight (mass; < 0 erases). */
export type Bump = readonly [x: number, y: number, width: number, weight: number];

/** A painted target: a sum of Gaussian bumps on a box (docs/algorithms.md §4, user targets). */
export interface DrawnSpec {
  readonly kind: 'drawn';
  readonly box: Box;
  readonly bumps: readonly Bump[];
}

export const MAX_BUMPS = 2000;
/** The floor is this fraction of the tallest added bump's peak density (about 9 nats below it). */
export const FLOOR_RATIO = 1e-4;
/** Bumps further than this many widths from a point are skipped (their share is below 1e-14). */
const CUTOFF_WIDTHS = 8;
/** Soft wall outside the box, as a fraction of its smaller side (4 -> 0.2 on an 8-wide box, as U_box). */
const WALL_FRACTION = 0.025;

const fmt = (v: number) => String(Number(v.toPrecision(6)));

/** Every way a drawing can be unusable, as one precise message; null when it is fine. */
export function checkDrawnSpec(spec: Pick<DrawnSpec, 'box' | 'bumps'>): string | null {
  const { box, bumps } = spec;
  const badBox = boxProblem(box, 'drawing box');
  if (badBox) return badBox;
  if (!Array.isArray(bumps)) return 'invalid drawing: bumps must be a list of [x, y, width, weight]';
  if (bumps.length > MAX_BUMPS) return `drawing too large: ${bumps.length} bumps (at most ${MAX_BUMPS}; clear or undo some strokes)`;
  let added = false;
  for (let k = 0; k < bumps.length; k++) {
    const b = bumps[k] as unknown;
    if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v)))
      return `invalid bump ${k + 1}: ${shallow(b)} (must be 4 finite numbers [x, y, width, weight])`;
    if (!(b[2] > 0)) return `invalid bump ${k + 1}: width ${fmt(b[2])} (must be > 0)`;
    if (b[3] > 0) added = true;
  }
  if (!added) return 'the drawing is empty: draw some mass first';
  const floor = drawnFloor(bumps);
  if (!(floor > 0) || !Number.isFinite(Math.log(floor)))
    return floor > 0
      ? `the drawing cannot be represented: its tallest bump's peak density is ${fmt(floor / FLOOR_RATIO)} (a weight too large for its width)`
      : `the drawing has no mass: its tallest bump's peak density is ${fmt(floor / FLOOR_RATIO)} (weights too small to represent)`;
  return null;
}

/** The floor of a drawing's density: FLOOR_RATIO times the tallest added bump's peak w / (2 pi h^2). */
export function drawnFloor(bumps: readonly Bump[]): number {
  let peak = 0;
  for (const [, , h, w] of bumps) if (w > 0) peak = Math.max(peak, w / (2 * Math.PI * h * h));
  return FLOOR_RATIO * peak;
}

/**
 * The smooth floor: log(f + f softplus((s - f) / f)), with f the floor and s the bump sum.
 * It is ~log s where s >> f, tends to log f where s <= 0 (erased), is smooth everywhere, and its
 * derivative in s is sigmoid((s - f) / f) / pi, always in (0, 1 / f].
 */
export function flooredLog(sum: number, floor: number): number {
  return Math.log(floor + floor * softplus((sum - floor) / floor));
}

/** Sum of bumps at (x, y): s = sum_k w_k N((x, y); c_k, h_k^2 I). With grad, also writes ds/dx, ds/dy into grad[0..1]. */
function bumpSum(bumps: Float64Array, x: number, y: number, grad?: Float64Array): number {
  let s = 0, gx = 0, gy = 0;
  for (let k = 0; k < bumps.length; k += 5) {
    const dx = bumps[k] - x, dy = bumps[k + 1] - y;
    const inv = bumps[k + 2]; // 1 / h^2
    const q = (dx * dx + dy * dy) * inv;
    if (q > CUTOFF_WIDTHS * CUTOFF_WIDTHS) continue;
    const v = bumps[k + 3] * Math.exp(-0.5 * q); // w / (2 pi h^2) exp(-|z - c|^2 / 2h^2)
    s += v;
    gx += v * dx * inv;
    gy += v * dy * inv;
  }
  if (grad) { grad[0] = gx; grad[1] = gy; }
  return s;
}

/**
 * A drawn target: pi(z) = floor_smooth(sum_k w_k N(z; c_k, h_k^2 I)) * exp(-U_wall(z)), where
 * erasing adds bumps of negative weight, floor_smooth is flooredLog's smooth max with the floor,
 * and U_wall = 0.5 * sum_i dist_i(z, box)^2 / s^2 is a soft wall outside the box (s = 2.5% of
 * the smaller side), so the density is proper although the floor is not zero. The score is
 * analytic. A drawing without added mass, non-finite numbers, widths <= 0, a bad box or more than
 * MAX_BUMPS bumps throw with the reason.
 */
export function createDrawnTarget(spec: DrawnSpec): Target {
  const problem = checkDrawnSpec(spec);
  if (problem) throw new Error(problem);
  const { box } = spec;
  const floor = drawnFloor(spec.bumps);
  // Packed (K, 5): cx, cy, 1 / h^2, w / (2 pi h^2), unused.
  const packed = new Float64Array(5 * spec.bumps.length);
  spec.bumps.forEach(([x, y, h, w], k) => packed.set([x, y, 1 / (h * h), w / (2 * Math.PI * h * h), 0], 5 * k));
  const wall = WALL_FRACTION * Math.min(box.xmax - box.xmin, box.ymax - box.ymin);
  const invWall2 = 1 / (wall * wall);
  const outside = (v: number, lo: number, hi: number) => (v < lo ? v - lo : v > hi ? v - hi : 0); // signed distance past the edge
  const g = new Float64Array(2);

  const logp = (x: number, y: number): number => {
    const ex = outside(x, box.xmin, box.xmax), ey = outside(y, box.ymin, box.ymax);
    return flooredLog(bumpSum(packed, x, y), floor) - 0.5 * (ex * ex + ey * ey) * invWall2;
  };
  const grad = (x: number, y: number, out: Float64Array, k: number): void => {
    const s = bumpSum(packed, x, y, g);
    const t = (s - floor) / floor;
    // d/ds log(f + f softplus(t)) = sigmoid(t) / (1 + softplus(t)), since dt/ds = 1 / f.
    const dlog = sigmoid(t) / (floor * (1 + softplus(t)));
    out[k] = dlog * g[0] - outside(x, box.xmin, box.xmax) * invWall2;
    out[k + 1] = dlog * g[1] - outside(y, box.ymin, box.ymax) * invWall2;
  };
  return makeTarget({ name: `drawn (${spec.bumps.length} bumps)`, box, logp, grad });
}

/**
 * Bumps along a brush stroke: the polyline points (x0, y0, x1, y1, ...) resampled every
 * width / 2 (the first point always; a tap is one bump), each bump of the given width and weight.
 */
export function strokeToBumps(points: ArrayLike<number>, width: number, weight: number, spacing = width / 2): Bump[] {
  const n = points.length >> 1;
  if (n === 0) return [];
  const out: Bump[] = [[points[0], points[1], width, weight]];
  let carry = 0; // distance travelled since the last bump
  for (let i = 1; i < n; i++) {
    const x0 = points[2 * i - 2], y0 = points[2 * i - 1];
    const dx = points[2 * i] - x0, dy = points[2 * i + 1] - y0;
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    let t = spacing - carry;
    while (t <= len) {
      out.push([x0 + (dx * t) / len, y0 + (dy * t) / len, width, weight]);
      t += spacing;
    }
    carry = len - (t - spacing);
  }
  return out;
}

/** A value for a message without walking into it (an untrusted list may be nested 10^5 deep). */
function shallow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.slice(0, 4).map((e) => (Array.isArray(e) ? '[...]' : typeof e === 'number' ? fmt(e) : typeof e)).join(', ')}${v.length > 4 ? ', ...' : ''}]`;
  return typeof v === 'number' ? fmt(v) : typeof v;
}
