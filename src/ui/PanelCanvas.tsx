import { color } from 'd3';
import { memo, useMemo, useRef } from 'react';
import { useAppStore, type Scene } from '../store';
import { contourPaths } from './draw/contours';
import { heatmapCanvas } from './draw/heatmapImage';
import type { StaticLayerInput } from './draw/staticLayer';
import { usePanelHover } from './plan/usePanelHover';
import { PlotAxes } from './PlotAxes';
import { panelColour } from './panelColours';
import { usePlotPainting } from './targets/usePlotPainting';
import { useRenderLoop } from './useRenderLoop';

/** Heatmap and contours of one scene, shared by every panel showing it (computed once per target). */
const layerCache = new WeakMap<Scene, StaticLayerInput>();
function staticLayer(scene: Scene): StaticLayerInput {
  let layer = layerCache.get(scene);
  if (!layer) {
    layer = { heatmap: heatmapCanvas(scene.heatmap), contours: contourPaths(scene.heatmap).map((d) => new Path2D(d)) };
    layerCache.set(scene, layer);
  }
  return layer;
}

/** Particles and trails this much larger in projector mode, to be seen from the back of a room. */
const PROJECTOR_MARK_SCALE = 1.6;

interface Props {
  scene: Scene | null;
  panel: number;
  label: string;
}

/**
 * The density with contours, panel `panel`'s fading trails and particles, with axes and a
 * pointer readout over it. Re-renders only when the scene or panel changes.
 */
export const PanelCanvas = memo(function PanelCanvas({ scene, panel, label }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layer = useMemo(() => (scene ? staticLayer(scene) : null), [scene]);
  const trailColour = useMemo(() => color(panelColour(panel))?.brighter(0.8).formatRgb() ?? '#ffffff', [panel]);
  const markScale = useAppStore((s) => (s.viewMode === 'projector' ? PROJECTOR_MARK_SCALE : 1));
  useRenderLoop(canvasRef, scene?.box ?? null, layer, panel, trailColour, markScale);
  usePanelHover(panel, canvasRef, scene?.box ?? null);
  usePlotPainting(canvasRef, scene?.box ?? null);
  const box = scene?.box;
  // A d-dimensional target's plots name the coordinates they show (1-based, as in exports); logistic
  // regression's (on a data set, or the two-weight view) are weights.
  const weights = useAppStore((s) => s.targetSpec.kind === 'blr' || s.targetSpec.kind === 'logistic2d');
  const names = useMemo(() => {
    const [i, j] = scene?.axes ?? [0, 1];
    if (weights) return [`w${i + 1}`, `w${j + 1}`] as const;
    return scene?.axes ? ([`x${i + 1}`, `x${j + 1}`] as const) : undefined;
  }, [scene, weights]);
  const aspect = box ? (box.xmax - box.xmin) / (box.ymax - box.ymin) : 1;
  return (
    <div className="plot-frame" style={{ ['--ar' as string]: String(aspect) }}>
      <canvas
        ref={canvasRef}
        className="panel-canvas"
        data-testid="panel-canvas"
        data-panel={panel}
        role="img"
        aria-label={`${label}: target log density with contours, the particles and their recent trails`}
      />
      {scene && <PlotAxes canvasRef={canvasRef} box={scene.box} heatmap={scene.heatmap} panel={panel} names={names} />}
    </div>
  );
});
