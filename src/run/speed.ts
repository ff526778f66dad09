import { int } from '../engine/params/declare';

/** The speed control: steps per second on a log scale, from a slider position in [0, 1]. */
export const MIN_SPEED = 1;
export const MAX_SPEED = 240;
/** Speed of Play, declared once (the slider, the store default and the URL key `speed` read it). */
export const SPEED_PARAM = int(30, MIN_SPEED, MAX_SPEED, 'Steps per second of every panel while playing.');
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
