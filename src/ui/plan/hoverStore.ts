/**
 * Where the hover state lives: the combined app store once it includes createHoverSlice,
 * otherwise the stand-alone useHoverStore. Everything in the plan and metric views goes
 * through these helpers, so wiring the slice into the app store needs no change here.
 */
import { useStore, type StoreApi } from 'zustand';
import { useAppStore } from '../../store';
import { useHoverStore, type HoverSlice } from '../../store/hoverSlice';

function pickStore(): StoreApi<HoverSlice> {
  const app = useAppStore as unknown as StoreApi<Partial<HoverSlice>>;
  const s = app.getState();
  return typeof s.setHovered === 'function' && typeof s.setCouplingLines === 'function'
    ? (app as StoreApi<HoverSlice>)
    : useHoverStore;
}

/** The store holding the hover slice (usable outside React). */
export const hoverStore: StoreApi<HoverSlice> = pickStore();

/** React binding: re-renders only when the selected value changes. */
export function useHover<T>(selector: (s: HoverSlice) => T): T {
  return useStore(hoverStore, selector);
}
