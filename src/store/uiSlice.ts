import type { StateCreator } from 'zustand';

/** Page-only state: nothing here changes the experiment. */
export interface UiSlice {
  shortcutsOpen: boolean;
  /** Panel (0-based) whose parameter sheet is open, or null. */
  paramsOpen: number | null;
  setShortcutsOpen: (open: boolean) => void;
  setParamsOpen: (panel: number | null) => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  shortcutsOpen: false,
  paramsOpen: null,
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  setParamsOpen: (panel) => set({ paramsOpen: panel }),
});
