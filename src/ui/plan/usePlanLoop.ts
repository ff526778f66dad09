import { useEffect, type RefObject } from 'react';
import { latestFrame } from '../../run/latestFrame';
import { hoverStore } from './hoverStore';
import { drawPlanScene, planPicture, type PlanPicture } from './planScene';

/** Called when the shown plan changes (null: none), e.g. to update the legend's numbers. */
export type OnPlan = (picture: PlanPicture | null) => void;

/**
 * Draw panel `panel`'s transport plan onto `canvasRef` on requestAnimationFrame, outside React.
 * Repaints the image only when a new plan arrived (frames without a plan keep the last one),
 * redraws the row highlight when the hover changes, and forgets the plan when the panel
 * restarted (its iteration went below the plan's).
 */
export function usePlanLoop(canvasRef: RefObject<HTMLCanvasElement | null>, panel: number, onPlan: OnPlan): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let size = { width: 0, height: 0, dpr: 1 };
    let picture: PlanPicture | null = null;
    let seenVersion = -1;
    let dirty = true;
    let raf = 0;
    const observer = new ResizeObserver(([entry]) => {
      const dpr = window.devicePixelRatio || 1;
      size = { width: entry.contentRect.width, height: entry.contentRect.height, dpr };
      canvas.width = Math.max(1, Math.round(size.width * dpr));
      canvas.height = Math.max(1, Math.round(size.height * dpr));
      dirty = true;
    });
    observer.observe(canvas);
    const unsubscribe = hoverStore.subscribe((s, prev) => {
      if (s.hovered !== prev.hovered) dirty = true;
    });

    const update = () => {
      const frame = latestFrame.current?.panels[panel];
      const plan = frame?.plan;
      if (plan && plan !== picture?.plan) {
        picture = planPicture(plan, picture?.image);
        onPlan(picture);
        dirty = true;
      } else if (picture && (!frame || frame.iteration < picture.plan.iteration)) {
        picture = null; // a new session or a restarted panel
        onPlan(null);
        dirty = true;
      }
    };
    const tick = () => {
      raf = requestAnimationFrame(tick);
      if (seenVersion !== latestFrame.version) {
        seenVersion = latestFrame.version;
        update();
      }
      if (!dirty || size.width === 0) return;
      dirty = false;
      const h = hoverStore.getState().hovered;
      drawPlanScene(ctx, size, picture, h && h.panel === panel ? h.particle : null);
    };
    raf = requestAnimationFrame(tick);
    onPlan(null);
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
      unsubscribe();
    };
  }, [canvasRef, panel, onPlan]);
}
