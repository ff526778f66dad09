import { memo, useEffect, useRef } from 'react';
import type { Heatmap } from '../../../workers/samplerApi';
import type { Box } from '../../engine/targets/types';
import { latestFrame } from '../../run/latestFrame';
import { useAppStore } from '../../store';
import { panelColour } from '../panelColours';
import { drawMarginal } from './drawMarginal';
import { axisRange, exactMarginals, histogram, toDensity } from './marginals';
import './metrics.css';

export const MARGINAL_BINS = 32;
const REFRESH_MS = 200;

/**
 * The x and y marginals of a panel's particles (histograms in the panel's colour) against the
 * exact marginals of the target (black curves, from the session's log-density heatmap).
 * Redrawn a few times a second from latestFrame, outside React. `scene` defaults to the store's.
 */
export const MarginalHistograms = memo(function MarginalHistograms({
  panel,
  scene: sceneProp,
}: {
  panel: number;
  scene?: { readonly box: Box; readonly heatmap: Heatmap } | null;
}) {
  const storeScene = useAppStore((s) => s.scene);
  const scene = sceneProp ?? storeScene;
  const xRef = useRef<HTMLCanvasElement>(null);
  const yRef = useRef<HTMLCanvasElement>(null);
  // Logistic regression: the curves are the picture's Gaussian (the weights' marginals have no closed form).
  const weights = useAppStore((s) => s.targetSpec.kind === 'blr');
  const ax = useAppStore((s) => s.scene?.axes?.[0] ?? 0);
  const ay = useAppStore((s) => s.scene?.axes?.[1] ?? 1);
  // Both logistic regressions (a data set's, the two-weight view's) have weights as coordinates.
  const namedWeights = useAppStore((s) => s.targetSpec.kind === 'blr' || s.targetSpec.kind === 'logistic2d');
  const [nx, ny] = namedWeights ? [`w${ax + 1}`, `w${ay + 1}`] : ['x', 'y'];

  useEffect(() => {
    if (!scene) return;
    const exact = exactMarginals(scene.heatmap);
    const axes = [
      { axis: 0 as const, canvas: xRef.current, exact: toDensity(exact.x, ...axisRange(scene.box, 0)) },
      { axis: 1 as const, canvas: yRef.current, exact: toDensity(exact.y, ...axisRange(scene.box, 1)) },
    ];
    let seen = '';
    const refresh = () => {
      const positions = latestFrame.current?.panels[panel]?.positions;
      // A new frame, or a new size (the histograms were hidden, e.g. side by side on a phone).
      const key = `${latestFrame.version}|${axes.map((a) => `${a.canvas?.clientWidth}x${a.canvas?.clientHeight}`).join('|')}`;
      if (seen === key || !positions) return;
      seen = key;
      const n = positions.length >> 1;
      for (const { axis, canvas, exact: exactDensity } of axes) {
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx) continue;
        const dpr = window.devicePixelRatio || 1;
        const { clientWidth: w, clientHeight: h } = canvas;
        if (canvas.width !== Math.round(w * dpr)) canvas.width = Math.round(w * dpr);
        if (canvas.height !== Math.round(h * dpr)) canvas.height = Math.round(h * dpr);
        const [lo, hi] = axisRange(scene.box, axis);
        const hist = toDensity(histogram(positions, axis, lo, hi, MARGINAL_BINS), lo, hi, n);
        drawMarginal(ctx, w, h, dpr, { histogram: hist, exact: exactDensity, colour: panelColour(panel) });
      }
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [scene, panel]);

  return (
    <div
      className="marginals"
      data-testid="marginals"
      title={
        weights
          ? 'Particle histograms of w1 and w2 (bars) against the Gaussian with the reference posterior\'s moments (curves; the Laplace approximation without a reference)'
          : 'Particle histograms (bars) against the exact marginal densities (curves)'
      }
    >
      <div className="marginal">
        <span>{nx}</span>
        <canvas ref={xRef} className="marginal-canvas" data-testid="marginal-x" role="img" aria-label={`${nx} marginal: particles against the ${weights ? 'picture\'s Gaussian' : 'exact target'}`} />
      </div>
      <div className="marginal">
        <span>{ny}</span>
        <canvas ref={yRef} className="marginal-canvas" data-testid="marginal-y" role="img" aria-label={`${ny} marginal: particles against the ${weights ? 'picture\'s Gaussian' : 'exact target'}`} />
      </div>
    </div>
  );
});
