/**
 * Views built alongside this page (src/ui/plan, src/ui/metrics), picked up when their files
 * exist: import.meta.glob resolves at build time and yields nothing for a missing file, so the
 * page builds and runs either way. Each slot registers what its view needs in frames.
 */
import { useEffect, type ComponentType, type RefObject } from 'react';
import type { Box } from '../engine/targets/types';
import { needInFrames } from '../run/frameNeeds';

type PanelView = ComponentType<{ panel: number }>;

const planModules = import.meta.glob<{ PlanView?: PanelView }>('./plan/PlanView.tsx', { eager: true });
const metricsModules = import.meta.glob<{ MetricsArea?: ComponentType<Record<string, never>> }>('./metrics/MetricsArea.tsx', { eager: true });
const histogramModules = import.meta.glob<{ MarginalHistograms?: PanelView }>('./metrics/MarginalHistograms.tsx', { eager: true });

interface OverlayModule {
  drawCouplingOverlay?: (ctx: CanvasRenderingContext2D, view: { box: Box; width: number; height: number; dpr: number }, panel: number) => void;
  overlayVersion?: () => number;
}
type PanelHoverHook = (panel: number, canvasRef: RefObject<HTMLElement | null>, box: Box | null) => void;
const overlayModules = import.meta.glob<OverlayModule>('./plan/couplingOverlay.ts', { eager: true });
const hoverModules = import.meta.glob<{ usePanelHover?: PanelHoverHook }>('./plan/usePanelHover.ts', { eager: true });

const overlay = Object.values(overlayModules)[0];
/** Draws the hovered particle's coupling row (and optional coupling lines) over a panel, when the plan views exist. */
export const drawPlanOverlay = overlay?.drawCouplingOverlay ?? null;
/** Changes when the overlay needs a redraw without a new frame (hover moved, a row arrived). */
export const planOverlayVersion: () => number = overlay?.overlayVersion ?? (() => 0);
/** Linked hover on a panel's plot (a no-op without the plan views). */
export const usePanelHover: PanelHoverHook = Object.values(hoverModules)[0]?.usePanelHover ?? (() => undefined);

const PlanViewImpl = Object.values(planModules)[0]?.PlanView;
const MetricsAreaImpl = Object.values(metricsModules)[0]?.MetricsArea;
const MarginalHistogramsImpl = Object.values(histogramModules)[0]?.MarginalHistograms;

export const hasPlanView = !!PlanViewImpl;
export const hasMetricsArea = !!MetricsAreaImpl;
export const hasMarginalHistograms = !!MarginalHistogramsImpl;

/** Ask for `need` in every frame while mounted. */
function useFrameNeed(need: 'plan' | 'history', on: boolean): void {
  useEffect(() => (on ? needInFrames(need) : undefined), [need, on]);
}

export function PlanSlot({ panel }: { panel: number }) {
  useFrameNeed('plan', hasPlanView);
  return PlanViewImpl ? <PlanViewImpl panel={panel} /> : null;
}

export function MetricsSlot() {
  useFrameNeed('history', hasMetricsArea);
  return MetricsAreaImpl ? <MetricsAreaImpl /> : null;
}

export function HistogramsSlot({ panel }: { panel: number }) {
  return MarginalHistogramsImpl ? <MarginalHistogramsImpl panel={panel} /> : null;
}
