/**
 * "tap" on a touch screen (a coarse pointer and no fine one), "click" elsewhere: hints name the
 * gesture the person will make.
 */
export function isTouchScreen(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return false;
  return window.matchMedia('(pointer: coarse)').matches && !window.matchMedia('(any-pointer: fine)').matches;
}

/** "tap" or "click". */
export const pointerVerb = (): string => (isTouchScreen() ? 'tap' : 'click');

/** "Tap" or "Click". */
export const PointerVerb = (): string => (isTouchScreen() ? 'Tap' : 'Click');
