/**
 * A canvas that fills its box's width at device resolution (height = width * aspect) and is
 * redrawn with draw(ctx, width, height) in CSS pixels whenever its inputs or its size change.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

export function useLabCanvas(draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => void, aspect = 1): RefObject<HTMLCanvasElement | null> {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const ro = new ResizeObserver(() => setWidth(c.clientWidth));
    ro.observe(c);
    setWidth(c.clientWidth);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const c = ref.current;
    if (!c || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const h = Math.round(width * aspect);
    c.width = Math.round(width * dpr);
    c.height = Math.round(h * dpr);
    c.style.height = `${h}px`;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, h);
    draw(ctx, width, h);
  }, [draw, width, aspect]);
  return ref;
}
