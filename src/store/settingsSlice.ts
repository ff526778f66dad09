import type { StateCreator } from 'zustand';
import { DEFAULT_N, DEFAULT_SAMPLER, DEFAULT_SEED, PRESET_NAMES, SAMPLER_LABELS } from '../catalog';

/** What the user chose; changing any of it restarts the run. */
export interface Settings {
  readonly target: string;
  readonly sampler: string;
  /** Number of particles; may be invalid (NaN, 0): the engine reports why. */
  readonly n: number;
  readonly seed: number;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface SettingsSlice {
  settings: Settings;
  setSetting: <K extends keyof Settings>(key: K, value: Settings[K]) => void;
}

export const initialSettings = (): Settings => ({
  target: PRESET_NAMES[0] ?? '',
  sampler: SAMPLER_LABELS.includes(DEFAULT_SAMPLER) ? DEFAULT_SAMPLER : (SAMPLER_LABELS[0] ?? DEFAULT_SAMPLER),
  n: DEFAULT_N,
  seed: DEFAULT_SEED,
});

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: initialSettings(),
  setSetting: (key, value) =>
    set((s) => (Object.is(s.settings[key], value) ? s : { settings: { ...s.settings, [key]: value } })),
});
