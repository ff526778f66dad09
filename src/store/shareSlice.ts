import type { StateCreator } from 'zustand';
import { choice } from '../engine/params/declare';

/** Parts of the page classroom mode can hide, each with what it is (the `hide` URL key lists them). */
export const HIDE_PARTS = {
  side: 'the side panel (target, N, seed, cloud, samplers)',
  params: "each panel's Parameters button",
  metrics: 'the metric charts',
  plan: 'the transport-plan views of ETD panels',
  speed: 'the speed slider and fast-forward',
} as const;
export type HidePart = keyof typeof HIDE_PARTS;
export const HIDE_PART_NAMES = Object.keys(HIDE_PARTS) as HidePart[];

/** Page layout modes, declared once (the URL key `ui` reads it). */
export const VIEW_PARAMS = {
  ui: choice(
    ['full', 'classroom', 'embed'],
    'full',
    'Layout: full playground, classroom (hides the parts listed in hide, the side panel by default) or embed (only the panels with play / pause).',
  ),
} as const;
export type ViewMode = (typeof VIEW_PARAMS.ui.options)[number];
/** What classroom mode hides when the link does not say. */
export const DEFAULT_CLASSROOM_HIDE: readonly HidePart[] = ['side'];

/**
 * Sharing state: the layout mode and, in classroom mode, the hidden parts (both part of the
 * link), and the notices of the last link that was opened (what was changed to make it valid).
 */
export interface ShareSlice {
  viewMode: ViewMode;
  hidden: readonly HidePart[];
  urlNotices: readonly string[];
  setView: (mode: ViewMode, hidden?: readonly HidePart[]) => void;
  setUrlNotices: (notices: readonly string[]) => void;
}

export const createShareSlice: StateCreator<ShareSlice, [], [], ShareSlice> = (set) => ({
  viewMode: VIEW_PARAMS.ui.default,
  hidden: [],
  urlNotices: [],
  setView: (mode, hidden) =>
    set({ viewMode: mode, hidden: mode === 'classroom' ? [...(hidden ?? DEFAULT_CLASSROOM_HIDE)] : [] }),
  setUrlNotices: (notices) => set({ urlNotices: [...notices] }),
});

/** True when the current layout hides `part` (embed mode hides everything but the panels and play / pause). */
export function isHidden(state: Pick<ShareSlice, 'viewMode' | 'hidden'>, part: HidePart): boolean {
  if (state.viewMode === 'embed') return true;
  return state.viewMode === 'classroom' && state.hidden.includes(part);
}
