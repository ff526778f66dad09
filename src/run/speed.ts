import { MAX_SPEED, MIN_SPEED, SPEED_PARAM } from '../engine/experiment/viewParams';

/** The speed control: steps per second on a log scale, from a slider position in [0, 1]. */
export { MAX_SPEED, MIN_SPEED, SPEED_PARAM };
/** Fast-forward: as fast as the worker can go (its loop still yields every ~12 ms). */
export const FAST_FORWARD_SPEED = 100_000;

const LOG_RANGE = Math.log(MAX_SPEED / MIN_SPEED);

export function speedFromSlider(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return Math.round(MIN_SPEED * Math.exp(c * LOG_RANGE));
}

export function sliderFromSpeed(v: number): number {
  const c = Math.min(MAX_SPEED, Math.max(MIN_SPEED, v));
  return Math.log(c / MIN_SPEED) / LOG_RANGE;
}
