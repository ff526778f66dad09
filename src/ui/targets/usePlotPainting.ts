import { useEffect, useRef, type RefObject } from 'react';
import type { Box } from '../../engine/targets/types';
import { strokeToBumps } from '../../engine/targets/drawn';
import { useAppStore } from '../../store';
import { brushBump, toBox } from './brush';

/**
 * While the target source is "Draw", dragging on a panel's plot paints the target with the
 * side panel's brush: the stroke is shown as brush dabs while dragging and becomes Gaussian
 * bumps on release (the session then restarts on the new drawing, like a stroke on the editor).
 */
export function usePlotPainting(canvasRef: RefObject<HTMLCanvasElement | null>, shown: Box | null): void {
  // The plot shows the running session's box (the previous target's, before the first stroke):
  // map the pointer with it, so a stroke lands where it was painted.
  const boxRef = useRef(shown);
  boxRef.current = shown;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let points: number[] | null = null;
    const active = () => useAppStore.getState().targetSource === 'drawn';
    const dab = (e: PointerEvent) => {
      const { drawing, brush } = useAppStore.getState();
      const ctx = canvas.getContext('2d');
      const box = boxRef.current;
      if (!ctx || !box) return;
      const r = canvas.getBoundingClientRect();
      const { width } = brushBump(drawing.box, brush);
      const radius = (width / (box.xmax - box.xmin)) * canvas.width;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = brush.mode === 'add' ? 'rgba(255, 255, 255, 0.25)' : 'rgba(0, 0, 0, 0.35)';
      ctx.beginPath();
      ctx.arc(((e.clientX - r.left) / r.width) * canvas.width, ((e.clientY - r.top) / r.height) * canvas.height, Math.max(2, radius), 0, 2 * Math.PI);
      ctx.fill();
      ctx.restore();
    };
    const down = (e: PointerEvent) => {
      if (e.button !== 0 || !active() || !boxRef.current) return;
      canvas.setPointerCapture(e.pointerId);
      points = [...toBox(e, canvas, boxRef.current)];
      dab(e);
    };
    const move = (e: PointerEvent) => {
      if (!points || !boxRef.current) return;
      points.push(...toBox(e, canvas, boxRef.current));
      dab(e);
    };
    const up = () => {
      if (!points) return;
      const { drawing, brush, addStroke } = useAppStore.getState();
      const { width, weight } = brushBump(drawing.box, brush);
      const bumps = strokeToBumps(points, width, weight);
      points = null;
      if (bumps.length > 0) addStroke(bumps);
    };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', up);
    return () => {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
    };
  }, [canvasRef]);
}
