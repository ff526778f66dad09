import { useEffect, type RefObject } from 'react';
import { latestFrame } from '../run/latestFrame';
import { drawScene } from './draw/drawScene';
import type { Box } from '../engine/targets/types';

/**
 * Draw panel `panel` of the latest frame onto canvas on requestAnimationFrame, outside React:
 * redraws only when a new frame arrived, the heatmap changed or the canvas was resized.
 */
export function useRenderLoop(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  box: Box | null,
  heatmap: CanvasImageSource | null,
  panel = 0,
): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;

    let size = { width: 0, height: 0, dpr: 1 };
    let drawnVersion = -1;
    let raf = 0;
    const observer = new ResizeObserver(([entry]) => {
      const dpr = window.devicePixelRatio || 1;
      const { width, height } = entry.contentRect;
      size = { width, height, dpr };
      canvas.width = Math.max(1, Math.round(width * dpr));
      canvas.height = Math.max(1, Math.round(height * dpr));
      drawnVersion = -1; // resizing clears the canvas
    });
    observer.observe(canvas);

    const tick = () => {
      raf = requestAnimationFrame(tick);
      if (drawnVersion === latestFrame.version || size.width === 0) return;
      drawnVersion = latestFrame.version;
      if (!box || !heatmap) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        return;
      }
      drawScene(ctx, { box, heatmap, ...size }, latestFrame.current?.panels[panel]?.positions ?? null);
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
    };
  }, [canvasRef, box, heatmap, panel]);
}
