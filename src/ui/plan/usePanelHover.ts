import { useEffect, type RefObject } from 'react';
import type { Box } from '../../engine/targets/types';
import { latestFrame } from '../../run/latestFrame';
import { hoverStore } from './hoverStore';
import { pickParticle } from './pickParticle';

/** Pointer distance (CSS pixels) within which a particle counts as hovered. */
export const HOVER_RADIUS_PX = 8;

/**
 * Linked views, plot side: while the pointer is over the panel's canvas, the nearest particle
 * within HOVER_RADIUS_PX (from the latest frame's positions) becomes the hovered particle; off
 * every particle or off the canvas the hover clears (if it was this panel's). The canvas must
 * show exactly `box` over its whole CSS size. Runs outside React (pointer events only).
 */
export function usePanelHover(panel: number, canvasRef: RefObject<HTMLElement | null>, box: Box | null): void {
  useEffect(() => {
    const el = canvasRef.current;
    if (!el || !box) return;
    const { getState } = hoverStore;
    const clearOwn = () => {
      if (getState().hovered?.panel === panel) getState().setHovered(null);
    };
    const onMove = (ev: PointerEvent) => {
      const positions = latestFrame.current?.panels[panel]?.positions;
      if (!positions) return clearOwn();
      const r = el.getBoundingClientRect();
      const i = pickParticle(positions, box, r.width, r.height, ev.clientX - r.left, ev.clientY - r.top, HOVER_RADIUS_PX);
      if (i >= 0) getState().setHovered({ panel, particle: i });
      else clearOwn();
    };
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerleave', clearOwn);
    return () => {
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerleave', clearOwn);
      clearOwn();
    };
  }, [panel, canvasRef, box]);
}
