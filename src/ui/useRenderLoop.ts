import { useEffect, type RefObject } from 'react';
import type { Box } from '../engine/targets/types';
import { latestFrame } from '../run/latestFrame';
import { drawScene } from './draw/drawScene';
import { drawGaussianEllipses } from './draw/gaussianEllipses';
import { panelColour } from './panelColours';
import { renderStaticLayer, type StaticLayerInput } from './draw/staticLayer';
import { panelDraws } from './draw/drawScheduler';
import { TRAIL_WIDTH, TrailLayers } from './draw/trailLayers';
import { drawCouplingOverlay as drawPlanOverlay, overlayVersion as planOverlayVersion } from './plan/couplingOverlay';
import { registerPlotRenderer } from './export/plotRenderers';

/**
 * Draw panel `panel` of the latest frame onto canvas on animation frames, outside React (with
 * the other panels, under one per-frame budget: drawScheduler): redraws only when this panel
 * stepped, the overlay changed or the canvas was resized. The heatmap and contours are
 * rendered once per size into an offscreen layer, the trails step by step into a few more
 * (TrailLayers).
 */
export function useRenderLoop(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  box: Box | null,
  layer: StaticLayerInput | null,
  panel: number,
  trailColour: string,
  markScale = 1,
): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;

    let size = { width: 0, height: 0, dpr: 1 };
    let background: HTMLCanvasElement | null = null;
    let drawnKey = '';
    let drawnOverlay = -1;
    const trailLayers = new TrailLayers();
    /** The trail layers of the last drawing (a picture at another resolution scales them). */
    let shownTrails: ReturnType<TrailLayers['update']> = [];
    const observer = new ResizeObserver(([entry]) => {
      const dpr = window.devicePixelRatio || 1;
      const { width, height } = entry.contentRect;
      size = { width, height, dpr };
      canvas.width = Math.max(1, Math.round(width * dpr));
      canvas.height = Math.max(1, Math.round(height * dpr));
      background = null;
      drawnKey = ''; // resizing clears the canvas
      drawnOverlay = -1;
    });
    observer.observe(canvas);

    // Frames arrive many times a second while playing, but this panel's picture only changes
    // when it stepped (or the session changed): a software-rastered redraw is not free.
    const keyOf = () => {
      const p = latestFrame.current?.panels[panel];
      return p ? `${p.iteration}|${p.trailHead}|${p.positions.length}|${p.positions[0]}|${p.positions[1]}` : `none${latestFrame.version}`;
    };
    const stop = panelDraws.register({
      pending: () => size.width > 0 && (drawnKey !== keyOf() || drawnOverlay !== planOverlayVersion() || trailLayers.catchingUp),
      draw: () => {
        const p = latestFrame.current?.panels[panel];
        drawnKey = keyOf();
        drawnOverlay = planOverlayVersion();
        if (!box || !layer) {
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.clearRect(0, 0, canvas.width, canvas.height);
          return;
        }
        background ??= renderStaticLayer(layer, canvas.width, canvas.height, size.dpr);
        const trails = p?.trails
          ? trailLayers.update(
              { data: p.trails, n: p.positions.length >> 1, head: p.trailHead, count: p.trailCount, iteration: p.iteration },
              { box, pixelWidth: canvas.width, pixelHeight: canvas.height, dpr: size.dpr, colour: trailColour, lineWidth: TRAIL_WIDTH * markScale },
            )
          : [];
        shownTrails = trails;
        drawScene(ctx, { box, background, markScale, ...size }, p?.positions ?? null, trails);
        // Variational panels: q's ellipses over the dots; the count is left on the canvas for tests.
        canvas.dataset.gaussians = String(p?.gaussians ? drawGaussianEllipses(ctx, { box, ...size }, p.gaussians, panelColour(panel)) : 0);
        // The iteration of the coupling lines drawn (0: none), for tests.
        canvas.dataset.couplingLines = String(p ? drawPlanOverlay(ctx, { box, ...size }, panel) : 0);
      },
    });
    // The same picture at `scale` output pixels per CSS pixel: heatmap, contours, particles,
    // ellipses and coupling lines drawn afresh (sharp), the trails scaled from the screen's layers.
    const unregister = registerPlotRenderer(canvas, (scale) => {
      const out = document.createElement('canvas');
      out.width = Math.max(1, Math.round(size.width * scale));
      out.height = Math.max(1, Math.round(size.height * scale));
      const c = out.getContext('2d');
      if (!c || !box || !layer) return out;
      const ground = renderStaticLayer(layer, out.width, out.height, scale);
      const g = ground.getContext('2d');
      for (const t of shownTrails) {
        if (!g) break;
        g.globalAlpha = t.alpha;
        g.drawImage(t.canvas, 0, 0, out.width, out.height);
      }
      if (g) g.globalAlpha = 1;
      const p = latestFrame.current?.panels[panel];
      const view = { box, width: size.width, height: size.height, dpr: scale };
      drawScene(c, { ...view, background: ground, markScale }, p?.positions ?? null, []);
      if (p?.gaussians) drawGaussianEllipses(c, view, p.gaussians, panelColour(panel));
      if (p) drawPlanOverlay(c, view, panel);
      return out;
    });
    return () => {
      stop();
      unregister();
      observer.disconnect();
    };
  }, [canvasRef, box, layer, panel, trailColour, markScale]);
}
