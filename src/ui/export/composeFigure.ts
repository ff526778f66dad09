/**
 * Pictures made from the panels' own canvases (nothing is redrawn): each panel's plot, which
 * may be several stacked canvases and SVG overlays, is copied in DOM order into a figure laid out by
 * figureLayout, with the titles, legends and caption drawn around it in the page's colours.
 */
import type { FigureLayout, Rect } from './figureLayout';
import type { PanelLabel } from './figureLabels';
import { svgImage } from './vectorLayer';

/** A failure the Export menu shows as it is (the message says what went wrong and what to do). */
export class ExportError extends Error {}

/** One layer of a plot: a canvas, or an SVG overlay (the axes) drawn from its image. */
export interface PlotLayer {
  readonly element: HTMLCanvasElement | SVGSVGElement;
  readonly rect: DOMRect;
}

/** The layers that make up one panel's plot, bottom first, and the box they cover on the page (CSS pixels). */
export interface PlotStack {
  readonly layers: readonly PlotLayer[];
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Canvas pixels per CSS pixel of the main canvas (devicePixelRatio when it is sized for it). */
  readonly pixelRatio: number;
}

/** Images of the SVG layers, made once; null while one is being made or when it failed (left out of the picture). */
export type VectorImages = Map<SVGSVGElement, HTMLImageElement | null>;

const shown = (el: Element) => el.getClientRects().length > 0 && (!(el instanceof HTMLCanvasElement) || (el.width > 0 && el.height > 0));

/**
 * The plot of every panel on the page, in panel order: the panel canvas and the canvases and
 * SVGs stacked with it (its siblings), in DOM order. Throws when a panel has nothing drawn.
 */
export function findPlots(): PlotStack[] {
  const mains = [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-testid="panel-canvas"]')];
  mains.sort((a, b) => Number(a.dataset.panel ?? 0) - Number(b.dataset.panel ?? 0));
  if (mains.length === 0) throw new ExportError('Nothing to export yet: no panel is on the page.');
  return mains.map((main, k) => {
    const mainRect = main.getBoundingClientRect();
    if (!shown(main) || mainRect.width < 1 || mainRect.height < 1) {
      throw new ExportError(`Panel ${k + 1} has no plot on screen to export (is it hidden or still starting?).`);
    }
    const holder = main.parentElement;
    const elements = holder ? [...holder.querySelectorAll<HTMLCanvasElement | SVGSVGElement>(':scope > canvas, :scope > svg')] : [main];
    // Overlays may reach past the plot (axis labels); the picture is the plot's own box.
    const layers = elements.filter(shown).map((element) => ({ element, rect: element.getBoundingClientRect() }));
    return { layers, left: mainRect.left, top: mainRect.top, width: mainRect.width, height: mainRect.height, pixelRatio: main.width / mainRect.width };
  });
}

/** Make the missing images of the plots' SVG layers; an SVG the browser cannot load stays out. */
export async function rasterizeVectors(plots: readonly PlotStack[], images: VectorImages): Promise<void> {
  const missing = plots.flatMap((p) => p.layers.map((l) => l.element)).filter((e): e is SVGSVGElement => e instanceof SVGSVGElement && !images.has(e));
  for (const svg of missing) images.set(svg, null);
  await Promise.all(
    missing.map((svg) =>
      svgImage(svg).then(
        (img) => void images.set(svg, img),
        () => undefined,
      ),
    ),
  );
}

/** Output size of a plot at its own resolution (canvas pixels). */
export const plotPixels = (p: PlotStack) => ({ width: Math.round(p.width * p.pixelRatio), height: Math.round(p.height * p.pixelRatio) });

/** Copy a plot's layers into `to`, keeping where each sits relative to the plot, clipped to it. */
function drawStack(ctx: CanvasRenderingContext2D, stack: PlotStack, to: Rect, images: VectorImages): void {
  const kx = to.width / stack.width;
  const ky = to.height / stack.height;
  ctx.save();
  ctx.beginPath();
  ctx.rect(to.x, to.y, to.width, to.height);
  ctx.clip();
  for (const { element, rect: r } of stack.layers) {
    const source = element instanceof SVGSVGElement ? images.get(element) : element;
    if (source) ctx.drawImage(source, to.x + (r.left - stack.left) * kx, to.y + (r.top - stack.top) * ky, r.width * kx, r.height * ky);
  }
  ctx.restore();
}

interface Theme {
  readonly background: string;
  readonly ink: string;
  readonly muted: string;
  readonly font: string;
}

/** The page's surface and text colours and its font, so a picture looks like the page. */
function pageTheme(): Theme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { background: v('--surface', '#ffffff'), ink: v('--ink', '#1d1b2c'), muted: v('--muted', '#615d78'), font: css.fontFamily || 'sans-serif' };
}

/** Draw the whole figure: background, caption, and per tile swatch, title, plot and legend. */
export function drawFigure(
  ctx: CanvasRenderingContext2D,
  layout: FigureLayout,
  tiles: readonly { readonly label: PanelLabel; readonly plot: PlotStack }[],
  caption: string | null,
  images: VectorImages,
  theme: Theme = pageTheme(),
): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  if (layout.caption && caption) {
    ctx.fillStyle = theme.ink;
    ctx.font = `600 ${layout.caption.size}px ${theme.font}`;
    ctx.fillText(caption, layout.caption.x, layout.caption.y, layout.caption.maxWidth);
  }
  tiles.forEach(({ label, plot }, k) => {
    const t = layout.tiles[k];
    if (!t) return;
    ctx.fillStyle = label.colour;
    ctx.fillRect(t.swatch.x, t.swatch.y, t.swatch.width, t.swatch.height);
    ctx.fillStyle = theme.ink;
    ctx.font = `600 ${t.title.size}px ${theme.font}`;
    ctx.fillText(label.title, t.title.x, t.title.y, t.title.maxWidth);
    drawStack(ctx, plot, t.plot, images);
    ctx.fillStyle = theme.muted;
    ctx.font = `${t.legend.size}px ${theme.font}`;
    ctx.fillText(label.legend, t.legend.x, t.legend.y, t.legend.maxWidth);
  });
  ctx.restore();
}

/** A fresh canvas of the layout's size with its 2D context. */
export function figureCanvas(layout: FigureLayout): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ExportError(`The browser could not make a ${layout.width} x ${layout.height} drawing surface for the picture.`);
  return { canvas, ctx };
}

/** The canvas as PNG; a canvas the page may not read, or one too large to encode, gives an ExportError. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new ExportError(`The browser could not encode the ${canvas.width} x ${canvas.height} picture as PNG (too large? try fewer panels).`);
    try {
      canvas.toBlob((b) => (b && b.size > 0 ? resolve(b) : reject(tooLarge())), 'image/png');
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      reject(new ExportError(`The browser would not let the page read the plot's pixels, so no picture was made (${why}).`));
    }
  });
}
