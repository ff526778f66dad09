import type { Box, Target } from '../types';

export type FormulaCheck =
  | { ok: true }
  | { ok: false; message: string; readonly column?: number; readonly length?: number };

/** What the check evaluates: log pi always; the score and an explainer when the target has them. */
export type CheckedTarget = Pick<Target, 'logDensity'> & Partial<Pick<Target, 'score' | 'explainNonFinite'>>;

const at = (x: number, y: number) => `(x, y) = (${x.toFixed(2)}, ${y.toFixed(2)})`;
const fmt = (v: number): string => {
  const s = v.toPrecision(3);
  return s.includes('e') ? s : String(Number(s));
};

/**
 * Coordinates checked along one axis: gridSize evenly spaced values (ends included), plus 0, the
 * middle and the integers inside [lo, hi] (up to 41 of them, around the one nearest 0), where formulas
 * like 1/x, log(abs(x - 1)) or sqrt(x^2 + y^2) have their poles and kinks.
 */
export function checkCoordinates(lo: number, hi: number, gridSize: number): number[] {
  const g = Math.max(2, Math.floor(gridSize));
  const out = new Set<number>();
  for (let i = 0; i < g; i++) out.add(i === g - 1 ? hi : lo + ((hi - lo) * i) / (g - 1));
  out.add((lo + hi) / 2);
  const c0 = Math.min(Math.max(0, Math.ceil(lo)), Math.floor(hi)); // the integer in the box nearest 0
  for (let k = c0 - 20; k <= c0 + 20; k++) if (k >= lo && k <= hi) out.add(k === 0 ? 0 : k); // no -0
  return [...out].sort((a, b) => a - b);
}

/** The soft wall the improper presets use (docs/algorithms.md §4), written for this box. */
export function boxWallFormula(box: Box): string {
  const term = (v: 'x' | 'y', lo: number, hi: number) => {
    const c = (lo + hi) / 2, h = (hi - lo) / 2;
    const d = c === 0 ? `abs(${v})` : `abs(${v} ${c > 0 ? '-' : '+'} ${fmt(Math.abs(c))})`;
    return `max(0, ${d} - ${fmt(h)})^2`;
  };
  return `12.5*(${term('x', box.xmin, box.xmax)} + ${term('y', box.ymin, box.ymax)})`;
}

/**
 * Does exp(-U) have finite mass on the plane? Samplers move particles on the whole plane; the box
 * is only where the target is shown and normalised. Two ways it has none, both read off U's
 * minima on rings around the box (ringMinima):
 * - U unbounded below (U = x, x^2 - y^2, -log(1 + x^2 + y^2)): the minima keep falling;
 * - U bounded below but growing too slowly (U = log(1 + x^2 + y^2), exp(-(x^2 + y^2)), x^2 alone):
 *   in 2D exp(-U) must fall faster than 1/r^2 (U rising faster than 2 log r), so from one ring to the
 *   next (4 times wider) the minimum must rise by more than 2 log 4 = 2.77. Required on the last
 *   four steps with a margin: more than MIN_RISE (decay faster than about r^-2.2).
 */
interface RingLow {
  readonly x: number;
  readonly y: number;
  readonly u: number;
  /** The ring's radius. */
  readonly r: number;
}

/** Where U is lowest on each of 8 rings around the box at 4, 16, ..., 4^8 times its half-diagonal. */
function ringMinima(target: CheckedTarget, box: Box): RingLow[] {
  const cx = (box.xmin + box.xmax) / 2, cy = (box.ymin + box.ymax) / 2;
  const r0 = Math.hypot(box.xmax - box.xmin, box.ymax - box.ymin) / 2;
  const rings = 8, angles = 72;
  const points = new Float64Array(2 * rings * angles);
  for (let k = 0; k < rings; k++) {
    const r = r0 * 4 ** (k + 1);
    for (let j = 0; j < angles; j++) {
      const t = (2 * Math.PI * j) / angles, p = 2 * (k * angles + j);
      // Exact axis directions, so U = x is seen at (cx - r, cy).
      points[p] = cx + (j % 18 === 0 ? [1, 0, -1, 0][j / 18] : Math.cos(t)) * r;
      points[p + 1] = cy + (j % 18 === 0 ? [0, 1, 0, -1][j / 18] : Math.sin(t)) * r;
    }
  }
  const logPi = target.logDensity(points);
  const lowest: RingLow[] = [];
  for (let k = 0; k < rings; k++) {
    let best = { x: NaN, y: NaN, u: Infinity, r: r0 * 4 ** (k + 1) };
    for (let j = 0; j < angles; j++) {
      const i = k * angles + j, u = -logPi[i];
      if (u < best.u) best = { ...best, x: points[2 * i], y: points[2 * i + 1], u };
    }
    lowest.push(best);
  }
  return lowest;
}

/** Unbounded below: the ring minima fall on each of the last five rings and end below the minimum on the box. */
function unboundedBelow(lowest: readonly RingLow[], boxMin: number): RingLow | null {
  const tail = lowest.slice(-5);
  const falling = tail.every((p, k) => k === 0 || p.u < tail[k - 1].u);
  const last = tail[tail.length - 1];
  return falling && last.u < boxMin - 1 ? last : null;
}

/**
 * Reports the first problem a sampler would hit with this formula on this box, or ok:
 * - U not finite at a point of the grid (gridSize x gridSize over the box, edges included, plus
 *   the axes, the integer lines and the middle: see checkCoordinates);
 * - its gradient not finite where U is (when the target has a score);
 * - U constant (nothing to sample), or exp(-U) without finite mass on the plane: U unbounded
 *   below away from the box, or rising too slowly away from it (both refused with the soft wall
 *   that would confine it to the box).
 * Messages name the point and, when the target can explain it, the cause and its column.
 */
export function checkFormulaOnBox(target: CheckedTarget, box: Box, gridSize = 64): FormulaCheck {
  const xs = checkCoordinates(box.xmin, box.xmax, gridSize), ys = checkCoordinates(box.ymin, box.ymax, gridSize);
  const points = new Float64Array(2 * xs.length * ys.length);
  let k = 0;
  for (const y of ys) for (const x of xs) { points[k++] = x; points[k++] = y; }
  const fail = (what: string, i: number): FormulaCheck => {
    const x = points[2 * i], y = points[2 * i + 1];
    const cause = target.explainNonFinite?.(x, y);
    const message = `${what} at ${at(x, y)}${cause ? `: ${cause.message}` : ''}`;
    return cause?.column ? { ok: false, message, column: cause.column, length: cause.length } : { ok: false, message };
  };
  const logPi = target.logDensity(points);
  for (let i = 0; i < logPi.length; i++) if (!Number.isFinite(logPi[i])) return fail('U is not finite', i);
  if (target.score) {
    const s = target.score(points);
    for (let i = 0; i < logPi.length; i++)
      if (!Number.isFinite(s[2 * i]) || !Number.isFinite(s[2 * i + 1])) return fail('the gradient of U is not finite', i);
  }
  if (logPi.every((v) => v === logPi[0])) return { ok: false, message: 'U is constant: nothing to sample' };
  let boxMin = Infinity;
  for (const v of logPi) boxMin = Math.min(boxMin, -v);
  const rings = ringMinima(target, box);
  const low = unboundedBelow(rings, boxMin);
  if (low) {
    return {
      ok: false,
      message:
        `U is unbounded below away from the box (U = ${fmt(low.u)} at (x, y) = (${fmt(low.x)}, ${fmt(low.y)}), ` +
        `below its minimum ${fmt(boxMin)} on the box): exp(-U) has no finite mass, so particles would drift away for ever. ` +
        `To sample it on the box, add the presets' soft wall: + ${boxWallFormula(box)}`,
    };
  }
  const flat = slowRise(rings);
  if (flat) {
    return {
      ok: false,
      message:
        `exp(-U) does not fall away from the box fast enough to have finite mass: its lowest U rises only from ${fmt(flat.from.u)} ` +
        `at radius ${fmt(flat.from.r)} to ${fmt(flat.to.u)} at radius ${fmt(flat.to.r)} (a density in the plane must fall faster than 1/r^2), ` +
        `so particles would wander off. To sample it on the box, add the presets' soft wall: + ${boxWallFormula(box)}`,
    };
  }
  return { ok: true };
}

/** Smallest rise of the ring minimum from one ring to the next (4x wider) for a density with finite mass. */
const MIN_RISE = 2.2 * Math.log(4);

/** The first of the last four ring-to-ring steps where U's minimum rises by MIN_RISE or less, or null. */
function slowRise(lowest: readonly RingLow[]): { from: RingLow; to: RingLow } | null {
  for (let k = lowest.length - 4; k < lowest.length; k++) {
    const from = lowest[k - 1], to = lowest[k];
    if (to.u === Infinity || Number.isNaN(to.u)) continue; // exp(-U) underflows there: mass none
    if (!(to.u - from.u > MIN_RISE)) return { from, to };
  }
  return null;
}
