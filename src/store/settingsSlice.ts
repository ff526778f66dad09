import type { StateCreator } from 'zustand';
import { DEFAULT_N, DEFAULT_SEED } from '../catalog';
import { RUN_PARAMS } from '../engine/experiment/runParams';

/**
 * What every panel shares besides the target (which lives in targetSlice): the initial cloud.
 * Changing any of it restarts the whole session.
 */
export interface Settings {
  /** Number of particles; may be invalid (NaN, 0): the worker reports why. */
  readonly n: number;
  readonly seed: number;
  /** Initial cloud N((centerX, centerY), spread^2 I). */
  readonly centerX: number;
  readonly centerY: number;
  readonly spread: number;
}

export interface SettingsSlice {
  settings: Settings;
  setSetting: <K extends keyof Settings>(key: K, value: Settings[K]) => void;
}

export const initialSettings = (): Settings => ({
  n: DEFAULT_N,
  seed: DEFAULT_SEED,
  centerX: RUN_PARAMS.centerX.default,
  centerY: RUN_PARAMS.centerY.default,
  spread: RUN_PARAMS.spread.default,
});

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: initialSettings(),
  setSetting: (key, value) =>
    set((s) => (Object.is(s.settings[key], value) ? s : { settings: { ...s.settings, [key]: value } })),
});
