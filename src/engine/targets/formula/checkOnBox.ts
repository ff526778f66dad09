import type { Box, Target } from '../types';

export type FormulaCheck = { ok: true } | { ok: false; message: string };

/**
 * Evaluates U on a gridSize x gridSize grid over the box (edges included) and reports the first
 * problem a sampler would hit: a non-finite U, or a U that is constant everywhere.
 */
export function checkFormulaOnBox(target: Pick<Target, 'logDensity'>, box: Box, gridSize = 64): FormulaCheck {
  const g = Math.max(2, Math.floor(gridSize));
  const points = new Float64Array(2 * g * g);
  for (let j = 0; j < g; j++) {
    for (let i = 0; i < g; i++) {
      const k = 2 * (j * g + i);
      points[k] = box.xmin + ((box.xmax - box.xmin) * i) / (g - 1);
      points[k + 1] = box.ymin + ((box.ymax - box.ymin) * j) / (g - 1);
    }
  }
  const logPi = target.logDensity(points);
  for (let k = 0; k < logPi.length; k++) {
    if (!Number.isFinite(logPi[k])) {
      const at = `(${points[2 * k].toFixed(2)}, ${points[2 * k + 1].toFixed(2)})`;
      return { ok: false, message: `U is not finite at (x, y) = ${at}` };
    }
  }
  if (logPi.every((v) => v === logPi[0])) return { ok: false, message: 'U is constant: nothing to sample' };
  return { ok: true };
}
