import type { StateCreator } from 'zustand';

/** Page-only state: nothing here changes the experiment. */
export interface UiSlice {
  shortcutsOpen: boolean;
  /** Panel (0-based) whose parameter sheet is open, or null. */
  paramsOpen: number | null;
  /** Set when a new version of the site is installed and waiting: calling it reloads into it. */
  reloadToUpdate: (() => void) | null;
  /** Phones: the target-and-samplers sheet is open. */
  setupOpen: boolean;
  /** Phones: two panels side by side (small) or one per row (large). */
  phoneLayout: 'pair' | 'single';
  setShortcutsOpen: (open: boolean) => void;
  setParamsOpen: (panel: number | null) => void;
  setSetupOpen: (open: boolean) => void;
  setPhoneLayout: (layout: 'pair' | 'single') => void;
  setReloadToUpdate: (reload: (() => void) | null) => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  shortcutsOpen: false,
  paramsOpen: null,
  reloadToUpdate: null,
  setupOpen: false,
  phoneLayout: 'pair',
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  setParamsOpen: (panel) => set({ paramsOpen: panel }),
  setSetupOpen: (open) => set({ setupOpen: open }),
  setPhoneLayout: (layout) => set({ phoneLayout: layout }),
  setReloadToUpdate: (reload) => set({ reloadToUpdate: reload }),
});
