import type { StateCreator } from 'zustand';
import type { Box } from '../engine/targets/types';
import type { Heatmap } from '../../workers/samplerApi';
import type { PanelAlert } from '../run/panelHealth';
import { SPEED_PARAM } from '../run/speed';

/** What the panels show behind the particles; changes only when the session is rebuilt. */
export interface Scene {
  readonly box: Box;
  readonly heatmap: Heatmap;
}

export type RunStatus = 'loading' | 'ready' | 'error';

/** The tensor backend the worker computes with, as shown in the top bar. */
export interface BackendInfo {
  readonly name: string;
  readonly reason?: string;
}

/** A panel's run as the page shows it (committed a few times a second, never per frame). */
export interface PanelRun {
  readonly iteration: number;
  readonly status: 'ok' | 'failed';
  /** Why the panel stopped or looks broken (failed step, NaN, escapes, no Sinkhorn convergence), or null. */
  readonly alert: PanelAlert | null;
  /** A parameter change the worker refused (the panel keeps its previous sampler), or null. */
  readonly configError: string | null;
  readonly diagnostics: Readonly<Record<string, number>>;
}

export const emptyPanelRun: PanelRun = { iteration: 0, status: 'ok', alert: null, configError: null, diagnostics: {} };

/**
 * Run state. Positions, trails and plans are per-frame data and live outside the store
 * (run/latestFrame); iterations and diagnostics are committed here at a throttled rate.
 */
export interface RunSlice {
  status: RunStatus;
  playing: boolean;
  /** Compute at full speed without drawing. */
  fastForward: boolean;
  /** Speed of Play, steps per second of every panel. */
  stepsPerSecond: number;
  /** A request to the worker is in flight. */
  busy: boolean;
  /** The furthest panel's iteration. */
  iteration: number;
  /** Measured steps per second of the worker's run loop (0 when paused). */
  measuredRate: number;
  panelRuns: readonly PanelRun[];
  /** Why the session could not be built, or null. */
  error: string | null;
  scene: Scene | null;
  backend: BackendInfo | null;
  patchRun: (patch: Partial<Omit<RunSlice, 'patchRun' | 'setStepsPerSecond'>>) => void;
  setStepsPerSecond: (v: number) => void;
}

export const DEFAULT_STEPS_PER_SECOND = SPEED_PARAM.default;

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set) => ({
  status: 'loading',
  playing: false,
  fastForward: false,
  stepsPerSecond: DEFAULT_STEPS_PER_SECOND,
  busy: false,
  iteration: 0,
  measuredRate: 0,
  panelRuns: [],
  error: null,
  scene: null,
  backend: null,
  patchRun: (patch) => set(patch),
  setStepsPerSecond: (v) => set({ stepsPerSecond: v }),
});
