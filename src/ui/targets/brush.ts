import type { Box } from '../../engine/targets/types';

/** Pointer position in target coordinates of box, for an element showing that box. */
export function toBox(e: { clientX: number; clientY: number }, el: HTMLElement, box: Box): [number, number] {
  const r = el.getBoundingClientRect();
  const u = (e.clientX - r.left) / r.width, v = (e.clientY - r.top) / r.height;
  return [box.xmin + u * (box.xmax - box.xmin), box.ymax - v * (box.ymax - box.ymin)];
}

/** Bump width and weight of the brush on a box: width is a fraction of the box's smaller side. */
export function brushBump(box: Box, brush: { mode: 'add' | 'erase'; size: number; strength: number }): { width: number; weight: number } {
  const width = brush.size * Math.min(box.xmax - box.xmin, box.ymax - box.ymin);
  return { width, weight: (brush.mode === 'add' ? 1 : -1) * brush.strength * width * width };
}
