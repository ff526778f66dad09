import { create } from 'zustand';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';

export type AppState = SettingsSlice & RunSlice;

/** The single source of truth; usable outside React via useAppStore.getState()/subscribe. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createRunSlice(...a),
}));

export type { Settings } from './settingsSlice';
export type { RunStatus, Scene } from './runSlice';
