/**
 * The points of the 2D logistic-regression view in a link: `lr=x,y,c_x,y,c_...`, each point its
 * two coordinates with at most LR_DECIMALS (2) decimals and its class (0 or 1), points joined by '_'
 * (unreserved: the text stays readable); `lr=` alone is the empty data set. A link holding `lr`
 * is written whole into the fragment (linkParts.ts), so the user's points never reach a server.
 * Pure: no DOM.
 */
import { checkLogistic2dPoints, LR_MAX_POINTS, roundLrCoordinate as roundCoordinate, type LabeledPoint } from '../engine/targets/logistic2d';

export { roundCoordinate };
/** Longest `lr` text read: LR_MAX_POINTS points of "-4.99,-4.99,1_" with room to spare. */
export const LR_MAX_CHARS = 20 * LR_MAX_POINTS;

export function encodeLrPoints(points: readonly LabeledPoint[]): string {
  return points.map(([x, y, c]) => `${roundCoordinate(x)},${roundCoordinate(y)},${c}`).join('_');
}

/** The points of an `lr` value, or the reason they cannot be used (one sentence). */
export function parseLrPoints(raw: string): { points: LabeledPoint[] } | { problem: string } {
  if (raw.length > LR_MAX_CHARS) return { problem: `${raw.length} characters (at most ${LR_MAX_CHARS})` };
  if (raw.trim() === '') return { points: [] };
  const parts = raw.split('_');
  if (parts.length > LR_MAX_POINTS) return { problem: `${parts.length} points (at most ${LR_MAX_POINTS})` };
  const points: [number, number, number][] = [];
  for (let k = 0; k < parts.length; k++) {
    const f = parts[k].split(',');
    if (f.length !== 3 || f.some((s) => s.trim() === '' || !Number.isFinite(Number(s))))
      return { problem: `point ${k + 1} is '${parts[k].length > 30 ? `${parts[k].slice(0, 30)}…` : parts[k]}' (need x,y,class)` };
    points.push([Number(f[0]), Number(f[1]), Number(f[2])]);
  }
  const problem = checkLogistic2dPoints(points);
  return problem ? { problem } : { points: points as unknown as LabeledPoint[] };
}
