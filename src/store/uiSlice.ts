import type { StateCreator } from 'zustand';

/** Page-only state: nothing here changes the experiment. */
export interface UiSlice {
  shortcutsOpen: boolean;
  /** Panel (0-based) whose parameter sheet is open, or null. */
  paramsOpen: number | null;
  /** Set when a new version of the site is installed and waiting: calling it reloads into it. */
  reloadToUpdate: (() => void) | null;
  setShortcutsOpen: (open: boolean) => void;
  setParamsOpen: (panel: number | null) => void;
  setReloadToUpdate: (reload: (() => void) | null) => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  shortcutsOpen: false,
  paramsOpen: null,
  reloadToUpdate: null,
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  setParamsOpen: (panel) => set({ paramsOpen: panel }),
  setReloadToUpdate: (reload) => set({ reloadToUpdate: reload }),
});
