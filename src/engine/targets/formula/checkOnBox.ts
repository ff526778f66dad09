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

/** The soft wall the improper presets use (ALGORITHMS.md section 4), written for this box. */
export function boxWallFormula(box: Box): string {
  const term = (v: 'x' | 'y', lo: number, hi: number) => {
    const c = (lo + hi) / 2, h = (hi - lo) / 2;
    const d = c === 0 ? `abs(${v})` : `abs(${v} ${c > 0 ? '-' : '+'} ${fmt(Math.abs(c))})`;
    return `max(0, ${d} - ${fmt(h)})^2`;
  };
  return `12.5*(${term('x', box.xmin, box.xmax)} + ${term('y', box.ymin, box.ymax)})`;
}

/**
 * Is U unbounded below away from the box, so exp(-U) has no finite mass (U = x, x^2 - y^2,
 * -log(1 + x^2 + y^2))? Samplers move particles on the whole plane; the box is only where the
 * target is shown and normalised. Looks at U on rings around the box at 4, 16, ..., 4^8 times its
 * half-diagonal: unbounded when the ring minima fall on each of the last five rings and end below
 * the minimum on the box. Returns where U is lowest on the outermost ring, or null.
 */
function unboundedBelow(target: CheckedTarget, box: Box, boxMin: number): { x: number; y: number; u: number } | null {
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
  const lowest: { x: number; y: number; u: number }[] = [];
  for (let k = 0; k < rings; k++) {
    let best = { x: NaN, y: NaN, u: Infinity };
    for (let j = 0; j < angles; j++) {
      const i = k * angles + j, u = -logPi[i];
      if (u < best.u) best = { x: points[2 * i], y: points[2 * i + 1], u };
    }
    lowest.push(best);
  }
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
 * - U constant (nothing to sample), or U unbounded below away from the box (no finite mass:
 *   refused with the soft wall that would confine it to the box).
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
  const low = unboundedBelow(target, box, boxMin);
  if (low) {
    return {
      ok: false,
      message:
        `U is unbounded below away from the box (U = ${fmt(low.u)} at (x, y) = (${fmt(low.x)}, ${fmt(low.y)}), ` +
        `below its minimum ${fmt(boxMin)} on the box): exp(-U) has no finite mass, so particles would drift away for ever. ` +
        `To sample it on the box, add the presets' soft wall: + ${boxWallFormula(box)}`,
    };
  }
  return { ok: true };
}
