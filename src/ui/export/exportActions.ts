/**
 * What each Export menu item does: gathers the state (store, latest frame, the panels' canvases),
 * builds the file with the pure builders and saves it. Failures are ExportErrors with a message
 * for the person.
 */
import { isUserCsvKey, provideBlrData } from '../../engine/targets/blr/dataSets';
import { latestFrame } from '../../run/latestFrame';
import { useAppStore, type AppState } from '../../store';
import { experimentOf, sharedParts } from '../../url/storeBridge';
import { panelColour } from '../panelColours';
import { canvasPng, drawFigure, ExportError, figureCanvas, findPlots, rasterizeVectors, type PlotStack, type VectorImages } from './composeFigure';
import { download, exportFileName, metricsCsv, particlesCsv, runConfigJson } from './exportFiles';
import { gridCaption, panelLabel, targetName, type PanelLabel } from './figureLabels';
import { figureLayout, type FigureLayout } from './figureLayout';
import { renderPlotAt } from './plotRenderers';
import { startRecording, type RecordedFile, type Recording, type RecordingKind } from './recorder';

export function exportRunJson(): void {
  const s = useAppStore.getState();
  const steps = Math.max(0, ...s.panelRuns.map((r) => r.iteration));
  let e = experimentOf(sharedParts(s));
  if (e.target.kind === 'blr' && isUserCsvKey(e.target.data)) {
    // The runner reads a user's CSV from its path: the config names the file (beside the config, or give its path); the
    // engine checks the config against the text this page read, provided under that name.
    const file = s.blrCsv;
    if (!file || file.key !== e.target.data) throw new ExportError('The CSV file is not loaded: choose it first.');
    provideBlrData(file.name, { csv: file.csv });
    e = { ...e, target: { kind: 'blr', data: file.name } };
  }
  download(exportFileName('run', 'json', new Date()), new Blob([runConfigJson(e, steps)], { type: 'application/json' }));
}

export function exportParticlesCsv(): void {
  const frame = latestFrame.current;
  if (!frame) throw new ExportError('No particles yet: wait until the panels have started.');
  const st = useAppStore.getState();
  const samplers = st.panels.map((p) => p.sampler);
  download(exportFileName('particles', 'csv', new Date()), new Blob([particlesCsv(frame, samplers, { weights: st.targetSpec.kind === 'blr' })], { type: 'text/csv' }));
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

/** The figure's title: target, N, seed and every panel's iteration (from the newest frame). */
const captionOf = (s: AppState): string =>
  gridCaption(
    targetName(s.targetSpec),
    s.settings.n,
    s.settings.seed,
    s.panels.map((_, k) => latestFrame.current?.panels[k]?.iteration ?? s.panelRuns[k]?.iteration ?? 0),
  );

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

/** Output scales of the PNG pictures: output pixels per CSS pixel of the page. */
export const PNG_SCALES = [1, 2, 3] as const;

/** Each plot with its panel canvas drawn afresh at `scale` (sharp at any size), when its render loop can. */
function atScale(plot: PlotStack, scale: number): PlotStack {
  const layers = plot.layers.map((l) => {
    if (!(l.element instanceof HTMLCanvasElement) || l.element.dataset.testid !== 'panel-canvas') return l;
    const sharp = renderPlotAt(l.element, scale);
    return sharp ? { ...l, element: sharp } : l;
  });
  return { ...plot, layers, pixelRatio: scale };
}

/** Pixel size of the PNG of `panel` (null: the whole grid) at `scale`. */
export function pngSize(panel: number | null, scale: number): { width: number; height: number } {
  const tiles = tilesOf(panel);
  return figureLayout(tiles.map((t) => sizeAt(t.plot, scale)), { scale, caption: panel === null });
}

const sizeAt = (p: PlotStack, scale: number) => ({ width: Math.round(p.width * scale), height: Math.round(p.height * scale) });

/** PNG of one panel (`panel`) or of the whole grid (null) at `scale` output pixels per CSS pixel (1, 2 or 3: slides want 2). */
export async function exportPng(panel: number | null, scale = 2): Promise<void> {
  const tiles = tilesOf(panel).map((t) => ({ ...t, plot: atScale(t.plot, scale) }));
  const grid = panel === null;
  const layout = figureLayout(tiles.map((t) => sizeAt(t.plot, scale)), { scale, caption: grid });
  const { canvas, ctx } = figureCanvas(layout);
  const images: VectorImages = new Map();
  await rasterizeVectors(tiles.map((t) => t.plot), images);
  drawFigure(ctx, layout, tiles, grid ? captionOf(useAppStore.getState()) : null, images);
  const blob = await canvasPng(canvas);
  const s = useAppStore.getState();
  download(exportFileName(`${grid ? 'grid' : `panel-${panel + 1}-${s.panels[panel]?.sampler ?? ''}`}-${scale}x`, 'png', new Date()), blob);
}

/** Widest recorded frame; larger grids are scaled down to it. */
const MAX_VIDEO_WIDTH = 1920;

/**
 * Record the whole grid as the page shows it, at CSS resolution (capped at MAX_VIDEO_WIDTH): the
 * frame size is fixed at the start, and each animation frame copies the panels' canvases in
 * again with the current iterations in the legends.
 */
export function startGridRecording(kind: RecordingKind, onLimit: () => void): Promise<Recording> {
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
  return startRecording(kind, canvas, paint, onLimit);
}

export function saveRecording(file: RecordedFile): void {
  download(exportFileName('recording', file.extension, new Date()), file.blob);
}
