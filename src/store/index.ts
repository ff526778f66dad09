import { create } from 'zustand';
import { createHoverSlice, type HoverSlice } from './hoverSlice';
import { createPanelsSlice, type PanelsSlice } from './panelsSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = SettingsSlice & PanelsSlice & RunSlice & UiSlice & HoverSlice;

/** The single source of truth, combined once; usable outside React via useAppStore.getState()/subscribe. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createPanelsSlice(...a),
  ...createRunSlice(...a),
  ...createUiSlice(...a),
  ...createHoverSlice(...a),
}));

export type { Settings } from './settingsSlice';
export type { HoverTarget } from './hoverSlice';
export type { PanelSetting } from './panelsSlice';
export { MAX_PANELS } from './panelsSlice';
export type { BackendInfo, PanelRun, RunStatus, Scene } from './runSlice';
