/**
 * Each panel's plot drawn again at any resolution, for slide-ready pictures: the render loop of a
 * panel (useRenderLoop) registers here how to draw its current picture into a fresh canvas at
 * `scale` output pixels per CSS pixel; exports use it instead of copying the on-screen canvas
 * (which holds only devicePixelRatio pixels per CSS pixel).
 */
export type PlotRenderer = (scale: number) => HTMLCanvasElement;

const renderers = new WeakMap<HTMLCanvasElement, PlotRenderer>();

export function registerPlotRenderer(canvas: HTMLCanvasElement, render: PlotRenderer): () => void {
  renderers.set(canvas, render);
  return () => {
    if (renderers.get(canvas) === render) renderers.delete(canvas);
  };
}

/** The plot of the panel `canvas` at `scale`, or null when no renderer is registered for it. */
export function renderPlotAt(canvas: HTMLCanvasElement, scale: number): HTMLCanvasElement | null {
  return renderers.get(canvas)?.(scale) ?? null;
}
