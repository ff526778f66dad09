import type { StateCreator } from 'zustand';
import { capNotices } from '../url/notices';
import { DEFAULT_CLASSROOM_HIDE, HIDE_PART_NAMES, HIDE_PARTS, VIEW_PARAMS, hidesParts, type HidePart, type ViewMode } from '../engine/experiment/viewParams';

export { DEFAULT_CLASSROOM_HIDE, HIDE_PART_NAMES, HIDE_PARTS, VIEW_PARAMS, hidesParts };
export type { HidePart, ViewMode };

/**
 * Sharing state: the layout mode and, in classroom mode, the hidden parts (both part of the
 * link), and the notices of the last link that was opened (what was changed to make it valid).
 */
export interface ShareSlice {
  viewMode: ViewMode;
  hidden: readonly HidePart[];
  urlNotices: readonly string[];
  /** The named experiment last opened from the gallery, shown with what to watch until dismissed. */
  openedPreset: { readonly title: string; readonly note: string } | null;
  setView: (mode: ViewMode, hidden?: readonly HidePart[]) => void;
  setUrlNotices: (notices: readonly string[]) => void;
  setOpenedPreset: (preset: { readonly title: string; readonly note: string } | null) => void;
}

export const createShareSlice: StateCreator<ShareSlice, [], [], ShareSlice> = (set) => ({
  viewMode: VIEW_PARAMS.ui.default,
  hidden: [],
  urlNotices: [],
  openedPreset: null,
  setView: (mode, hidden) =>
    set({ viewMode: mode, hidden: hidesParts(mode) ? [...(hidden ?? DEFAULT_CLASSROOM_HIDE)] : [] }),
  setUrlNotices: (notices) => set({ urlNotices: capNotices(notices) }),
  setOpenedPreset: (preset) => set({ openedPreset: preset }),
});

/** True when the current layout hides `part` (embed mode hides everything but the panels and play / pause). */
export function isHidden(state: Pick<ShareSlice, 'viewMode' | 'hidden'>, part: HidePart): boolean {
  if (state.viewMode === 'embed') return true;
  return hidesParts(state.viewMode) && state.hidden.includes(part);
}
