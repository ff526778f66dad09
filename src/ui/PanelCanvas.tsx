import { memo, useMemo, useRef } from 'react';
import type { Scene } from '../store';
import { heatmapCanvas } from './draw/heatmapImage';
import { useRenderLoop } from './useRenderLoop';

/** The density heatmap with panel `panel`'s particles on top. Re-renders only when the scene changes. */
export const PanelCanvas = memo(function PanelCanvas({ scene, panel = 0 }: { scene: Scene | null; panel?: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const image = useMemo(() => (scene ? heatmapCanvas(scene.heatmap) : null), [scene]);
  useRenderLoop(canvasRef, scene?.box ?? null, image, panel);
  const box = scene?.box;
  const aspect = box ? `${box.xmax - box.xmin} / ${box.ymax - box.ymin}` : '1 / 1';
  return (
    <canvas
      ref={canvasRef}
      className="panel-canvas"
      data-testid="panel-canvas"
      style={{ aspectRatio: aspect }}
      role="img"
      aria-label="Target log density with the current particles"
    />
  );
});
