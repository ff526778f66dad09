import type { StateCreator } from 'zustand';
import { defaultExperiment, type ExperimentRun } from '../engine/experiment/experiment';

/**
 * What every panel shares besides the target (which lives in targetSlice): the experiment's run
 * settings, N, seed and the initial cloud N((centerX, centerY), spread^2 I). The side panel
 * commits only values valid by their declarations; a change restarts every panel.
 */
export type Settings = Readonly<ExperimentRun>;

export interface SettingsSlice {
  settings: Settings;
  setSetting: <K extends keyof Settings>(key: K, value: Settings[K]) => void;
}

export const initialSettings = (): Settings => ({ ...defaultExperiment().run });

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  settings: initialSettings(),
  setSetting: (key, value) =>
    set((s) => (Object.is(s.settings[key], value) ? s : { settings: { ...s.settings, [key]: value } })),
});
