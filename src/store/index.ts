import { create } from 'zustand';
import { createAxesSlice, type AxesSlice } from './axesSlice';
import { createBlrSlice, type BlrSlice } from './blrSlice';
import { createSweepSlice, type SweepSlice } from './sweepSlice';
import { createHoverSlice, type HoverSlice } from './hoverSlice';
import { createPanelsSlice, type PanelsSlice } from './panelsSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';
import { createShareSlice, type ShareSlice } from './shareSlice';
import { createTargetSlice, type TargetSlice } from './targetSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = SettingsSlice & TargetSlice & PanelsSlice & RunSlice & UiSlice & HoverSlice & ShareSlice & AxesSlice & SweepSlice & BlrSlice;

/** The single source of truth, combined once; usable outside React via useAppStore.getState()/subscribe. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createTargetSlice(...a),
  ...createPanelsSlice(...a),
  ...createRunSlice(...a),
  ...createUiSlice(...a),
  ...createHoverSlice(...a),
  ...createShareSlice(...a),
  ...createAxesSlice(...a),
  ...createSweepSlice(...a),
  ...createBlrSlice(...a),
}));

export type { Settings } from './settingsSlice';
export type { BlrReferenceJob } from './blrSlice';
export type { BlrCsvFile, Brush, Stroke, TargetActions, TargetProblem, TargetSlice, TargetSource, TargetState } from './targetSlice';
export type { HoverTarget } from './hoverSlice';
export type { HidePart, ViewMode } from './shareSlice';
export type { PanelSetting } from './panelsSlice';
export { MAX_PANELS } from './panelsSlice';
export type { BackendLabel, PanelRun, RunStatus, Scene } from './runSlice';
