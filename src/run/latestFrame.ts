import type { SessionFrame } from '../../workers/samplerApi';

/**
 * The newest frame from the worker (every panel), kept out of React: the controller writes it,
 * the render loops read it and redraw when `version` changed.
 */
export const latestFrame: { current: SessionFrame | null; version: number } = { current: null, version: 0 };

export function setLatestFrame(frame: SessionFrame | null): void {
  latestFrame.current = frame;
  latestFrame.version++;
}
