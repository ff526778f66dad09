import { useLayoutEffect, type RefObject } from 'react';

const MARGIN = 8;

/**
 * While `active`, shift the element sideways so it stays on screen: a drop-down anchored to a
 * button's right edge runs off the left of a phone when the top bar wraps the button leftwards.
 */
export function useKeepInViewport(ref: RefObject<HTMLElement | null>, active: boolean): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!active || !el) return;
    const place = () => {
      el.style.translate = '';
      const r = el.getBoundingClientRect();
      const room = document.documentElement.clientWidth;
      const shift = r.left < MARGIN ? MARGIN - r.left : r.right > room - MARGIN ? Math.max(MARGIN - r.left, room - MARGIN - r.right) : 0;
      if (shift) el.style.translate = `${Math.round(shift)}px 0`;
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [ref, active]);
}
