import type { Box } from './types';

const fmt = (v: number) => String(Number(v.toPrecision(6)));

/** Why a box cannot be used (non-finite or empty), as one message naming `what`; null when it is fine. */
export function boxProblem(box: Box | undefined, what = 'box'): string | null {
  if (!box || ![box.xmin, box.xmax, box.ymin, box.ymax].every((v) => typeof v === 'number' && Number.isFinite(v)))
    return `invalid ${what}: xmin, xmax, ymin, ymax must be finite numbers`;
  if (!(box.xmin < box.xmax && box.ymin < box.ymax))
    return `invalid ${what}: [${fmt(box.xmin)}, ${fmt(box.xmax)}] x [${fmt(box.ymin)}, ${fmt(box.ymax)}] (need xmin < xmax and ymin < ymax)`;
  return null;
}
