import { useEffect, useRef, type RefObject } from 'react';

/**
 * While `key` is not null, call `dismiss` after `ms`; the clock restarts when `key` changes and
 * waits while the pointer is over `hold` or the focus is inside it (someone is reading it).
 */
export function useAutoDismiss(key: unknown, ms: number, dismiss: () => void, hold?: RefObject<HTMLElement | null>): void {
  const done = useRef(dismiss);
  done.current = dismiss;
  useEffect(() => {
    if (key === null || key === undefined) return;
    let left = ms;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const el = hold?.current;
      const reading = !!el && (el.matches(':hover') || el.contains(document.activeElement));
      if (!reading) left -= now - last;
      last = now;
      if (left <= 0) {
        clearInterval(timer);
        done.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [key, ms, hold]);
}
