// Entry of tests/browser/pages/plan.html: the plan view, the metric charts and the marginal
// histograms on real worker sessions (etd-b and mala on gmm-ring-8, N = 60, one worker each, as
// in the app), next to a plot
// drawn like a panel's (heatmap, particles, coupling overlay), for tests/browser/plan.spec.mjs.
import { useEffect, useMemo, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import type { PageInfo as SessionInfo } from '../../../src/run/latestFrame';
import { setLatestFrame, latestFrame } from '../../../src/run/latestFrame';
import { needInFrames } from '../../../src/run/frameNeeds';
import { pagePool } from '../../../src/run/pagePool';
import { useAppStore } from '../../../src/store';
import { heatmapCanvas } from '../../../src/ui/draw/heatmapImage';
import { drawCouplingOverlay, overlayVersion } from '../../../src/ui/plan/couplingOverlay';
import { hoverStore } from '../../../src/ui/plan/hoverStore';
import { PlanView } from '../../../src/ui/plan/PlanView';
import { usePanelHover } from '../../../src/ui/plan/usePanelHover';
import { MarginalHistograms } from '../../../src/ui/metrics/MarginalHistograms';
import { MetricsArea } from '../../../src/ui/metrics/MetricsArea';
import '../../../src/styles.css';

const PLOT = 360; // CSS pixels

/** A panel's plot, drawn here (not with the app's drawScene) so this page stays independent of the layout. */
function drawPlot(ctx: CanvasRenderingContext2D, box: SessionInfo['box'], image: HTMLCanvasElement, dpr: number, positions: Float32Array | null) {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.drawImage(image, 0, 0, PLOT, PLOT);
  if (!positions) return;
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  for (let i = 0; i < positions.length; i += 2) {
    const x = ((positions[i] - box.xmin) / (box.xmax - box.xmin)) * PLOT;
    const y = ((box.ymax - positions[i + 1]) / (box.ymax - box.ymin)) * PLOT;
    ctx.moveTo(x + 2.6, y);
    ctx.arc(x, y, 2.6, 0, 2 * Math.PI);
  }
  ctx.fill();
}

function Plot({ info, panel }: { info: SessionInfo; panel: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const image = useMemo(() => heatmapCanvas(info.heatmap), [info]);
  usePanelHover(panel, ref, info.box);
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d')!;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = PLOT * dpr;
    canvas.height = PLOT * dpr;
    const view = { box: info.box, width: PLOT, height: PLOT, dpr };
    let drawn = '';
    let raf = 0;
    const tick = () => {
      raf = requestAnimationFrame(tick);
      const key = `${latestFrame.version}/${overlayVersion()}`;
      if (key === drawn) return;
      drawn = key;
      drawPlot(ctx, info.box, image, dpr, latestFrame.current?.panels[panel]?.positions ?? null);
      drawCouplingOverlay(ctx, view, panel);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [info, image, panel]);
  return <canvas ref={ref} data-testid="panel-canvas" style={{ width: PLOT, height: PLOT, display: 'block' }} />;
}

function Page({ info }: { info: SessionInfo }) {
  return (
    <div style={{ display: 'flex', gap: 16, padding: 12, alignItems: 'flex-start' }}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Plot info={info} panel={0} />
        <MarginalHistograms panel={0} />
      </div>
      <div style={{ width: 300 }}>
        <PlanView panel={0} />
      </div>
      <div style={{ width: 500 }}>
        <MetricsArea labels={info.panels.map((p) => p.label)} />
      </div>
    </div>
  );
}

async function step(k: number): Promise<void> {
  await pagePool.step(k);
  setLatestFrame(pagePool.frame());
}

async function main() {
  // Frames carry plans and metric histories from the start (the views mount after 20 steps).
  needInFrames('plan');
  needInFrames('history');
  const info = await pagePool.create({ target: { kind: 'preset', name: 'gmm-ring-8' }, seed: 1, n: 60, metricsEvery: 5 }, [
    { id: 1, spec: { sampler: 'etd-b' } },
    { id: 2, spec: { sampler: 'mala' } },
  ]);
  if (!info) throw new Error('the session was superseded');
  useAppStore.getState().patchRun({ status: 'ready', scene: { box: info.box, heatmap: info.heatmap } });
  await step(20);
  createRoot(document.getElementById('root')!).render(<Page info={info} />);
  (window as unknown as { planPage: unknown }).planPage = {
    info: () => ({ box: info.box, panels: info.panels.map((p) => p.label) }),
    hovered: () => hoverStore.getState().hovered,
    setHovered: (h: { panel: number; particle: number } | null) => hoverStore.getState().setHovered(h),
    positions: (panel: number) => Array.from(latestFrame.current?.panels[panel]?.positions ?? []),
    step,
  };
  document.body.dataset.ready = 'true';
}

main().catch((e: unknown) => {
  document.body.dataset.ready = 'error';
  document.body.append(`plan page failed: ${e instanceof Error ? e.message : String(e)}`);
  console.error(e);
});
