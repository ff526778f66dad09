/** The hover slice lives in the app store; the plan and metric views use it through these. */
import { useStore, type StoreApi } from 'zustand';
import { useAppStore } from '../../store';
import type { HoverSlice } from '../../store/hoverSlice';

/** The store holding the hover slice (usable outside React). */
export const hoverStore: StoreApi<HoverSlice> = useAppStore;

/** React binding: re-renders only when the selected value changes. */
export function useHover<T>(selector: (s: HoverSlice) => T): T {
  return useStore(hoverStore, selector);
}
