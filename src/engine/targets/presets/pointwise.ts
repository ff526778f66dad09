import type { Box, Mode, Target } from '../types';

/** log pi at one point (normalising constants may be omitted). */
export type PointLogp = (x: number, y: number) => number;
/** Writes d log pi/dx at out[k] and d log pi/dy at out[k + 1]. */
export type PointGrad = (x: number, y: number, out: Float64Array, k: number) => void;

export interface PointwiseSpec {
  readonly name: string;
  readonly box: Box;
  readonly modes?: readonly Mode[];
  readonly logp: PointLogp;
  readonly grad: PointGrad;
}

/** Builds a Target from per-point formulas: the batch methods just loop over the interleaved (n, 2) points. */
export function makeTarget(spec: PointwiseSpec): Target {
  const { name, box, modes, logp, grad } = spec;
  return {
    name,
    box,
    ...(modes ? { modes } : {}),
    logDensity(points: Float64Array, out?: Float64Array): Float64Array {
      const n = points.length >> 1;
      const res = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) res[i] = logp(points[2 * i], points[2 * i + 1]);
      return res;
    },
    score(points: Float64Array, out?: Float64Array): Float64Array {
      const n = points.length >> 1;
      const res = out ?? new Float64Array(2 * n);
      for (let i = 0; i < n; i++) grad(points[2 * i], points[2 * i + 1], res, 2 * i);
      return res;
    },
    logDensityAt: logp,
  };
}

/** Square box [-h, h]^2. */
export function squareBox(h: number): Box {
  return { xmin: -h, xmax: h, ymin: -h, ymax: h };
}
