import { useEffect, useRef } from 'react';

/** Draws into a 2D context already scaled to CSS pixels, whose size is given. */
export type Paint = (ctx: CanvasRenderingContext2D, width: number, height: number) => void;

/**
 * A canvas that fills its box (CSS decides the size) at the device's pixel ratio and repaints
 * when its size or `paint` changes.
 */
export function StageCanvas({
  paint,
  label,
  className,
  testId,
  onPoint,
}: {
  paint: Paint;
  label: string;
  className?: string;
  testId?: string;
  /** A click at (x, y) CSS pixels of a width x height canvas. */
  onPoint?: (x: number, y: number, width: number, height: number) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const draw = () => {
      const w = canvas.clientWidth, h = canvas.clientHeight;
      if (w === 0 || h === 0) return;
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      paint(ctx, w, h);
    };
    draw();
    const watch = new ResizeObserver(draw);
    watch.observe(canvas);
    return () => watch.disconnect();
  }, [paint]);
  return (
    <canvas
      ref={ref}
      className={className}
      role="img"
      aria-label={label}
      data-testid={testId}
      onClick={onPoint && ((e) => onPoint(e.nativeEvent.offsetX, e.nativeEvent.offsetY, e.currentTarget.clientWidth, e.currentTarget.clientHeight))}
    />
  );
}
