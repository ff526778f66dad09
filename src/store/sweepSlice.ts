import type { StateCreator } from 'zustand';
import { SWEEP_DIMS, SWEEP_PARAMS, type SweepPoint } from '../engine/experiment/dimensionSweep';
import type { ExperimentPanel } from '../engine/experiment/experiment';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** What the sweep section chooses before a run. */
export interface SweepSettings {
  readonly n: number;
  readonly steps: number;
  /** Seeds per sampler and dimension. */
  readonly seeds: number;
  /** A subset of SWEEP_DIMS, ascending. */
  readonly dims: readonly number[];
}

/** The dimension sweep: its settings and the last (or running) sweep's progress and points. */
export interface SweepSlice {
  sweepSettings: SweepSettings;
  sweep: {
    readonly status: SweepStatus;
    /** Steps done and in all. */
    readonly done: number;
    readonly total: number;
    /** The family swept and its samplers, as they were when the sweep started. */
    readonly target: string;
    readonly samplers: readonly ExperimentPanel[];
    /** The dimensions it visits, ascending. */
    readonly dims: readonly number[];
    /** The seeds it runs, N and K, as they were when it started. */
    readonly seeds: readonly number[];
    readonly n: number;
    readonly steps: number;
    readonly points: readonly SweepPoint[];
    readonly error: string | null;
  };
  setSweepSettings: (patch: Partial<SweepSettings>) => void;
  patchSweep: (patch: Partial<SweepSlice['sweep']>) => void;
}

export const initialSweep = (): SweepSlice['sweep'] => ({ status: 'idle', done: 0, total: 0, target: '', samplers: [], dims: [], seeds: [], n: 0, steps: 0, points: [], error: null });

export const createSweepSlice: StateCreator<SweepSlice, [], [], SweepSlice> = (set) => ({
  sweepSettings: { n: SWEEP_PARAMS.n.default, steps: SWEEP_PARAMS.steps.default, seeds: SWEEP_PARAMS.seeds.default, dims: SWEEP_DIMS },
  sweep: initialSweep(),
  setSweepSettings: (patch) => set((s) => ({ sweepSettings: { ...s.sweepSettings, ...patch } })),
  patchSweep: (patch) => set((s) => ({ sweep: { ...s.sweep, ...patch } })),
});
