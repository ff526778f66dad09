import type { StateCreator } from 'zustand';
import type { Box } from '../engine/targets/types';
import type { Heatmap } from '../../workers/samplerApi';
import { SPEED_PARAM } from '../engine/experiment/viewParams';

/** error: the panel stopped or its particles broke; warning: it runs but the result is suspect. */
export interface PanelAlert {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** What the panels show behind the particles; changes when the session is rebuilt or the drawn axes change. */
export interface Scene {
  readonly box: Box;
  readonly heatmap: Heatmap;
  /** d-dimensional targets: the coordinates (i, j) drawn, 0-based (absent: the plane's x and y). */
  readonly axes?: readonly [number, number];
}

export type RunStatus = 'loading' | 'ready' | 'error';

/** "Run every panel to step K" (src/run/runToStep.ts): where it is going and how it ended. */
export interface RunTo {
  readonly target: number;
  readonly status: 'running' | 'done' | 'cancelled' | 'error';
  /** Why it stopped short (a panel failed, an error), or null. */
  readonly message: string | null;
}

/** The tensor backend the workers compute with, as shown in the top bar. */
export interface BackendLabel {
  readonly name: string;
  readonly reason?: string;
}

/** A panel's run as the page shows it (committed a few times a second, never per frame). */
export interface PanelRun {
  /** The store's id of the panel this run belongs to. */
  readonly id: number;
  readonly iteration: number;
  readonly status: 'ok' | 'failed';
  /** Why the panel stopped or looks broken (failed step, NaN, escapes, no Sinkhorn convergence), or null. */
  readonly alert: PanelAlert | null;
  /** A parameter change the worker refused (the panel keeps its previous sampler), or null. */
  readonly configError: string | null;
  /** What happened to its worker (replaced after it died or hung, a long step cancelled), or null. */
  readonly notice: string | null;
  readonly diagnostics: Readonly<Record<string, number>>;
  /** Steps per second this panel's worker reaches (0 when paused). */
  readonly stepsPerSecond: number;
  /** A command to its worker (step, run, pause, restart) is queued or in flight, or its result not yet shown. */
  readonly busy: boolean;
  /** Its session is being built (a new or restarted worker). */
  readonly starting: boolean;
}

export const emptyPanelRun: PanelRun = {
  id: -1,
  iteration: 0,
  status: 'ok',
  alert: null,
  configError: null,
  notice: null,
  diagnostics: {},
  stepsPerSecond: 0,
  busy: false,
  starting: false,
};

/**
 * Run state. Positions, trails and plans are per-frame data and live outside the store
 * (run/latestFrame); iterations and diagnostics are committed here at a throttled rate.
 */
export interface RunSlice {
  status: RunStatus;
  playing: boolean;
  /** Compute at full speed without drawing. */
  fastForward: boolean;
  /** Speed of Play: the cap on steps per second of every panel (each reaches what it can). */
  stepsPerSecond: number;
  /** The furthest panel's iteration. */
  iteration: number;
  /** Per panel, in panel order. */
  panelRuns: readonly PanelRun[];
  /** Why the session could not be built, or null. */
  error: string | null;
  scene: Scene | null;
  backend: BackendLabel | null;
  /** The last "run every panel to step K", or null. */
  runTo: RunTo | null;
  /** Bumped when every panel must start afresh even if some kept their setting (an opened link or preset). */
  restartRequests: number;
  patchRun: (patch: Partial<Omit<RunSlice, 'patchRun' | 'setStepsPerSecond' | 'requestRestart'>>) => void;
  setStepsPerSecond: (v: number) => void;
  requestRestart: () => void;
}

export const DEFAULT_STEPS_PER_SECOND = SPEED_PARAM.default;

export const createRunSlice: StateCreator<RunSlice, [], [], RunSlice> = (set) => ({
  status: 'loading',
  playing: false,
  fastForward: false,
  stepsPerSecond: DEFAULT_STEPS_PER_SECOND,
  iteration: 0,
  panelRuns: [],
  error: null,
  scene: null,
  backend: null,
  restartRequests: 0,
  runTo: null,
  patchRun: (patch) => set(patch),
  setStepsPerSecond: (v) => set({ stepsPerSecond: v }),
  requestRestart: () => set((s) => ({ restartRequests: s.restartRequests + 1 })),
});
