/**
 * Where everything goes in an exported picture (PNG of one panel or of the whole grid, and the
 * frames of a recording): per panel a title row (swatch + title), the plot and a legend row
 * (target and iteration), panels in a grid, the grid with a caption row on top. Pure arithmetic
 * in output pixels, so it can be tested without a canvas.
 */

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect extends Size {
  readonly x: number;
  readonly y: number;
}

/** A line of text: left end of its baseline and the font size, in output pixels. */
export interface TextSpot {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  /** Longest the text may be drawn (it is squeezed beyond that). */
  readonly maxWidth: number;
}

export interface TileLayout {
  readonly swatch: Rect;
  readonly title: TextSpot;
  readonly plot: Rect;
  readonly legend: TextSpot;
}

export interface FigureLayout extends Size {
  readonly caption: TextSpot | null;
  readonly tiles: readonly TileLayout[];
}

/** Spacing in CSS pixels, multiplied by the output scale (devicePixelRatio for PNGs). */
const PAD = 12;
const GAP = 12;
const TITLE_ROW = 26;
const LEGEND_ROW = 22;
const CAPTION_ROW = 30;
const TITLE_FONT = 15;
const LEGEND_FONT = 12;
const CAPTION_FONT = 14;
const SWATCH = 12;

/** Columns of the exported grid: one panel alone, otherwise two per row (as the page lays out 2-4 panels). */
export const gridColumns = (count: number): number => (count <= 1 ? 1 : 2);

/**
 * Layout of `plots` (each plot's size in output pixels, e.g. its canvas size at device
 * resolution) in `columns` columns; every cell is as large as the largest plot, a smaller plot is
 * centred in its cell. `scale` multiplies the spacing and fonts; `caption` adds the caption row.
 * Sizes are whole pixels; `even` rounds the total up to even numbers (video encoders want that).
 */
export function figureLayout(
  plots: readonly Size[],
  { scale, columns = gridColumns(plots.length), caption = false, even = false }: { scale: number; columns?: number; caption?: boolean; even?: boolean },
): FigureLayout {
  const s = Number.isFinite(scale) && scale > 0 ? scale : 1;
  const px = (v: number) => Math.round(v * s);
  const cols = Math.max(1, Math.min(Math.floor(columns), plots.length || 1));
  const rows = Math.max(1, Math.ceil(plots.length / cols));
  const cellW = Math.max(1, ...plots.map((p) => Math.round(p.width)));
  const plotH = Math.max(1, ...plots.map((p) => Math.round(p.height)));
  const cellH = px(TITLE_ROW) + plotH + px(LEGEND_ROW);
  const top = px(PAD) + (caption ? px(CAPTION_ROW) : 0);
  const tiles = plots.map((p, k): TileLayout => {
    const x0 = px(PAD) + (k % cols) * (cellW + px(GAP));
    const y0 = top + Math.floor(k / cols) * (cellH + px(GAP));
    const w = Math.round(p.width);
    const h = Math.round(p.height);
    const textX = x0 + px(SWATCH) + px(8);
    return {
      swatch: { x: x0, y: y0 + Math.round((px(TITLE_ROW) - px(SWATCH)) / 2) - px(2), width: px(SWATCH), height: px(SWATCH) },
      title: { x: textX, y: y0 + px(TITLE_ROW) - px(9), size: px(TITLE_FONT), maxWidth: Math.max(1, cellW - (textX - x0)) },
      plot: { x: x0 + Math.floor((cellW - w) / 2), y: y0 + px(TITLE_ROW) + Math.floor((plotH - h) / 2), width: w, height: h },
      legend: { x: x0, y: y0 + px(TITLE_ROW) + plotH + px(LEGEND_ROW) - px(6), size: px(LEGEND_FONT), maxWidth: cellW },
    };
  });
  let width = 2 * px(PAD) + cols * cellW + (cols - 1) * px(GAP);
  let height = top + rows * cellH + (rows - 1) * px(GAP) + px(PAD);
  if (even) {
    width += width % 2;
    height += height % 2;
  }
  const captionSpot = caption ? { x: px(PAD), y: px(PAD) + px(CAPTION_ROW) - px(12), size: px(CAPTION_FONT), maxWidth: width - 2 * px(PAD) } : null;
  return { width, height, caption: captionSpot, tiles };
}
