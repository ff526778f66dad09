import type { Frame } from '../../workers/samplerApi';

/**
 * The newest frame from the worker, kept out of React: the controller writes it, the
 * render loop reads it and redraws when `version` changed.
 */
export const latestFrame: { current: Frame | null; version: number } = { current: null, version: 0 };

export function setLatestFrame(frame: Frame | null): void {
  latestFrame.current = frame;
  latestFrame.version++;
}
