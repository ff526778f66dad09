/**
 * The transport plan as pixels: one pixel per plan-image cell, coloured by log mass on a
 * fixed window of PLAN_LOG_RANGE nats below the image's maximum (d3.interpolateInferno).
 */
import { interpolateInferno, rgb } from 'd3';

/** Nats shown below the largest cell; anything smaller is drawn as the darkest colour. */
export const PLAN_LOG_RANGE = 12;
const LUT_SIZE = 256;

/** Inferno as (LUT_SIZE, 3) RGB bytes. */
export const INFERNO_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let k = 0; k < LUT_SIZE; k++) {
    const c = rgb(interpolateInferno(k / (LUT_SIZE - 1)));
    lut[3 * k] = c.r;
    lut[3 * k + 1] = c.g;
    lut[3 * k + 2] = c.b;
  }
  return lut;
})();

/** [max - range, max] over the finite values; null when none is finite. */
export function planDomain(logValues: ArrayLike<number>, range = PLAN_LOG_RANGE): [number, number] | null {
  let max = -Infinity;
  for (let k = 0; k < logValues.length; k++) {
    const v = logValues[k];
    if (v > max && Number.isFinite(v)) max = v;
  }
  return max === -Infinity ? null : [max - range, max];
}

/** LUT index of v in [lo, hi]: 0 for -Infinity / NaN / below lo, LUT_SIZE - 1 at hi. */
export function lutIndex(v: number, lo: number, hi: number): number {
  if (!(v > lo)) return 0; // also NaN and -Infinity
  if (v >= hi) return LUT_SIZE - 1;
  return Math.round(((v - lo) / (hi - lo)) * (LUT_SIZE - 1));
}

/**
 * Write the plan into `out` (an ImageData-like (height, width, 4) RGBA buffer).
 * logValues: (height, width). Returns the colour domain, or null when there is no finite cell
 * (the image is then filled with the darkest colour).
 */
export function paintPlan(
  logValues: Float32Array,
  out: Uint8ClampedArray,
  range = PLAN_LOG_RANGE,
): [number, number] | null {
  const domain = planDomain(logValues, range);
  const [lo, hi] = domain ?? [0, 1];
  for (let k = 0; k < logValues.length; k++) {
    const t = domain ? lutIndex(logValues[k], lo, hi) : 0;
    out[4 * k] = INFERNO_LUT[3 * t];
    out[4 * k + 1] = INFERNO_LUT[3 * t + 1];
    out[4 * k + 2] = INFERNO_LUT[3 * t + 2];
    out[4 * k + 3] = 255;
  }
  return domain;
}

/** The colour bar as a (1, width) RGBA strip, darkest on the left. */
export function legendPixels(width: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(4 * width);
  for (let u = 0; u < width; u++) {
    const t = Math.round((u / Math.max(1, width - 1)) * (LUT_SIZE - 1));
    out.set([INFERNO_LUT[3 * t], INFERNO_LUT[3 * t + 1], INFERNO_LUT[3 * t + 2], 255], 4 * u);
  }
  return out;
}
