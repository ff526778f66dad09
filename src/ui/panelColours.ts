import { schemeTableau10 } from 'd3';
import { MAX_PANELS } from '../engine/experiment/defaults';

/**
 * One fixed categorical colour per panel slot (Tableau 10), shared by the panel titles, the
 * particle trails and every metrics chart, so "panel 2" is the same colour everywhere.
 */
// Tableau's yellow (index 5) is skipped: it vanishes on the light end of the density colour map.
export const PANEL_COLOURS: readonly string[] = [0, 1, 2, 3, 4, 6].map((k) => schemeTableau10[k]).slice(0, MAX_PANELS);

/** Colour of the panel at 0-based index i. */
export const panelColour = (i: number): string => PANEL_COLOURS[((i % PANEL_COLOURS.length) + PANEL_COLOURS.length) % PANEL_COLOURS.length];
