import type { Target } from './types';

/**
 * Null when log pi is finite somewhere on a `grid` x `grid` lattice of cell centres over the
 * target's box, else why the target cannot be sampled (no mass there: every sampler would be
 * working on -Infinity). The metrics' reference (256 x 256) refuses the same targets; this
 * coarser look lets a run refuse them before its first step. 2D targets only.
 */
export function zeroMassProblem(target: Target, grid = 64): string | null {
  const { box } = target;
  const hx = (box.xmax - box.xmin) / grid;
  const hy = (box.ymax - box.ymin) / grid;
  const points = new Float64Array(2 * grid * grid); // (grid * grid, 2)
  for (let iy = 0; iy < grid; iy++)
    for (let ix = 0; ix < grid; ix++) {
      const k = 2 * (iy * grid + ix);
      points[k] = box.xmin + (ix + 0.5) * hx;
      points[k + 1] = box.ymin + (iy + 0.5) * hy;
    }
  const logp = target.logDensity(points, new Float64Array(grid * grid));
  for (let c = 0; c < logp.length; c++) if (Number.isFinite(logp[c])) return null;
  return `target '${target.name}' has zero mass on its box (log pi is -Infinity or not a number at every point of a ${grid} x ${grid} grid): nothing to sample`;
}
