import type { StateCreator } from 'zustand';

/** Page-only state: nothing here changes the experiment. */
export interface UiSlice {
  shortcutsOpen: boolean;
  /** Panel (0-based) whose parameter sheet is open, or null. */
  paramsOpen: number | null;
  /** Phones: the target-and-samplers sheet is open. */
  setupOpen: boolean;
  /** Phones: two panels side by side (small) or one per row (large). */
  phoneLayout: 'pair' | 'single';
  setShortcutsOpen: (open: boolean) => void;
  setParamsOpen: (panel: number | null) => void;
  setSetupOpen: (open: boolean) => void;
  setPhoneLayout: (layout: 'pair' | 'single') => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  shortcutsOpen: false,
  paramsOpen: null,
  setupOpen: false,
  phoneLayout: 'pair',
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  setParamsOpen: (panel) => set({ paramsOpen: panel }),
  setSetupOpen: (open) => set({ setupOpen: open }),
  setPhoneLayout: (layout) => set({ phoneLayout: layout }),
});
