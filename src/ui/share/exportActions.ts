/**
 * What each Export menu item does: gathers the state (store, latest frame, the panels' canvases),
 * builds the file with the pure builders and saves it. Failures are ExportErrors with a message
 * for the person.
 */
import { latestFrame } from '../../run/latestFrame';
import { useAppStore, type AppState } from '../../store';
import { experimentOf, sharedParts } from '../../url/storeBridge';
import { panelColour } from '../panelColours';
import { canvasPng, drawFigure, ExportError, figureCanvas, findPlots, plotPixels, rasterizeVectors, type PlotStack, type VectorImages } from './composeFigure';
import { download, exportFileName, metricsCsv, particlesCsv, runConfigJson } from './exportFiles';
import { gridCaption, panelLabel, targetName, type PanelLabel } from './figureLabels';
import { figureLayout, type FigureLayout } from './figureLayout';
import { CanvasRecording } from './recorder';

export function exportRunJson(): void {
  const s = useAppStore.getState();
  const steps = Math.max(0, ...s.panelRuns.map((r) => r.iteration));
  download(exportFileName('run', 'json', new Date()), new Blob([runConfigJson(experimentOf(sharedParts(s)), steps)], { type: 'application/json' }));
}

export function exportParticlesCsv(): void {
  const frame = latestFrame.current;
  if (!frame) throw new ExportError('No particles yet: wait until the panels have started.');
  const samplers = useAppStore.getState().panels.map((p) => p.sampler);
  download(exportFileName('particles', 'csv', new Date()), new Blob([particlesCsv(frame, samplers)], { type: 'text/csv' }));
}

/** Why there is no metrics CSV to export now, or null when some panel has recorded metrics. */
export function metricsUnavailable(): string | null {
  const panels = latestFrame.current?.panels ?? [];
  if (panels.some((p) => (p.metricHistory?.steps.length ?? 0) > 0)) return null;
  return 'No metrics recorded yet: they are recorded while the metric charts are shown and the target has an exact reference; take a few steps first.';
}

export function exportMetricsCsv(): void {
  const why = metricsUnavailable();
  if (why) throw new ExportError(why);
  const samplers = useAppStore.getState().panels.map((p) => p.sampler);
  const panels = (latestFrame.current?.panels ?? []).map((p, k) => ({ sampler: samplers[k] ?? '', history: p.metricHistory ?? null }));
  download(exportFileName('metrics', 'csv', new Date()), new Blob([metricsCsv(panels)], { type: 'text/csv' }));
}

/** Titles and legends of the panels as they are now (iterations from the newest frame). */
function labelsOf(s: AppState): PanelLabel[] {
  const target = targetName(s.targetSpec);
  return s.panels.map((p, k) => {
    const iteration = latestFrame.current?.panels[k]?.iteration ?? s.panelRuns[k]?.iteration ?? 0;
    return panelLabel(k, p, target, iteration, panelColour(k));
  });
}

const captionOf = (s: AppState): string => gridCaption(targetName(s.targetSpec), s.settings.n, s.settings.seed);

/** Panels `which` (all when null) with their labels; the plots must be on the page. */
function tilesOf(which: number | null): { label: PanelLabel; plot: PlotStack }[] {
  const labels = labelsOf(useAppStore.getState());
  const plots = findPlots();
  const picked = which === null ? plots.map((_, k) => k) : [which];
  return picked.map((k) => {
    if (!plots[k] || !labels[k]) throw new ExportError(`Panel ${k + 1} is not on the page any more.`);
    return { label: labels[k], plot: plots[k] };
  });
}

/** PNG of one panel (`panel`) or of the whole grid (null), at the plots' own resolution. */
export async function exportPng(panel: number | null): Promise<void> {
  const tiles = tilesOf(panel);
  const grid = panel === null;
  const scale = Math.max(...tiles.map((t) => t.plot.pixelRatio));
  const layout = figureLayout(tiles.map((t) => plotPixels(t.plot)), { scale, caption: grid });
  const { canvas, ctx } = figureCanvas(layout);
  const images: VectorImages = new Map();
  await rasterizeVectors(tiles.map((t) => t.plot), images);
  drawFigure(ctx, layout, tiles, grid ? captionOf(useAppStore.getState()) : null, images);
  const blob = await canvasPng(canvas);
  const s = useAppStore.getState();
  download(exportFileName(grid ? 'grid' : `panel-${panel + 1}-${s.panels[panel]?.sampler ?? ''}`, 'png', new Date()), blob);
}

/** Widest recorded frame; larger grids are scaled down to it. */
const MAX_VIDEO_WIDTH = 1920;

/**
 * Record the whole grid as the page shows it, at CSS resolution (capped at MAX_VIDEO_WIDTH): the
 * frame size is fixed at the start, and each animation frame copies the panels' canvases in
 * again with the current iterations in the legends.
 */
export function startGridRecording(mimeType: string): CanvasRecording {
  const first = tilesOf(null);
  const css = first.map((t) => ({ width: t.plot.width, height: t.plot.height }));
  const natural = figureLayout(css, { scale: 1, caption: true });
  const shrink = Math.min(1, MAX_VIDEO_WIDTH / natural.width);
  const layout: FigureLayout = figureLayout(
    css.map((p) => ({ width: p.width * shrink, height: p.height * shrink })),
    { scale: shrink, caption: true, even: true },
  );
  const { canvas, ctx } = figureCanvas(layout);
  // Axes change only with the layout: each SVG is turned into an image once, in the background.
  const images: VectorImages = new Map();
  let tiles = first;
  const paint = () => {
    try {
      tiles = tilesOf(null).slice(0, layout.tiles.length);
    } catch {
      // A panel being rebuilt keeps its last picture in the video.
    }
    void rasterizeVectors(tiles.map((t) => t.plot), images);
    drawFigure(ctx, layout, tiles, captionOf(useAppStore.getState()), images);
  };
  return new CanvasRecording(canvas, paint, mimeType);
}

export function saveRecording(blob: Blob): void {
  download(exportFileName('recording', 'webm', new Date()), blob);
}
