import type { StateCreator } from 'zustand';
import type { Box } from '../engine/targets/types';
import type { Heatmap } from '../../workers/samplerApi';

/** What the panel shows behind the particles; changes only when the run is (re)started. */
export interface Scene {
  readonly box: Box;
  readonly heatmap: Heatmap;
}

export type RunStatus = 'loading' | 'ready' | 'error';

/**
 * Run state. Positions are per-frame data and live outside the store (run/latestFrame);
 * iteration and diagnostics are committed here at most once per animation frame.
 */
export interface RunSlice {
  status: RunStatus;
  playing: boolean;
  /** A step request is in flight. */
  busy: boolean;
  iteration: number;
  diagnostics: Readonly<Record<string, number>>;
  error: string | null;
  scene: Scene | null;
  patchRun: (patch: Partial<Omit<RunSlice, 'patchRun'>>) => void;
}

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set) => ({
  status: 'loading',
  playing: false,
  busy: false,
  iteration: 0,
  diagnostics: {},
  error: null,
  scene: null,
  patchRun: (patch) => set(patch),
});
