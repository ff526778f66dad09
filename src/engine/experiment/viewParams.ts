import { choice, int } from '../params/declare';

/**
 * What an experiment carries besides the numerics, declared once for the URL, the store and the
 * runner's config (the runner keeps them so a config goes back into a link unchanged).
 */

/** Steps per second of Play. */
export const MIN_SPEED = 1;
export const MAX_SPEED = 240;
export const SPEED_PARAM = int(30, MIN_SPEED, MAX_SPEED, 'Steps per second of every panel while playing.');

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

/** Page layout modes (the URL key `ui`). */
export const VIEW_PARAMS = {
  ui: choice(
    ['full', 'classroom', 'projector', 'embed'],
    'full',
    'Layout: full playground, classroom (hides the parts listed in hide, the side panel by default), projector (classroom with large text and thick marks, for a room) or embed (only the panels with play / pause).',
  ),
} as const;
export type ViewMode = (typeof VIEW_PARAMS.ui.options)[number];
/** Modes that hide the parts listed in `hide` (projector is classroom for a large screen). */
export const hidesParts = (mode: ViewMode): boolean => mode === 'classroom' || mode === 'projector';
/** What classroom mode hides when the link does not say. */
export const DEFAULT_CLASSROOM_HIDE: readonly HidePart[] = ['side'];

/** The layout an experiment opens in. */
export interface ViewSettings {
  readonly mode: ViewMode;
  readonly hide: readonly HidePart[];
}
