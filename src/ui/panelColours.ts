import { schemeTableau10 } from 'd3';

/**
 * One fixed categorical colour per panel slot (Tableau 10), shared by the panel titles, the
 * particle trails and every metrics chart, so "panel 2" is the same colour everywhere.
 */
export const PANEL_COLOURS: readonly string[] = schemeTableau10.slice(0, 4);

/** Colour of the panel at 0-based index i. */
export const panelColour = (i: number): string => PANEL_COLOURS[((i % PANEL_COLOURS.length) + PANEL_COLOURS.length) % PANEL_COLOURS.length];
