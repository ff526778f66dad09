import type { StateCreator } from 'zustand';

/** A particle of a panel (both 0-based). */
export interface HoverTarget {
  readonly panel: number;
  readonly particle: number;
}

/**
 * Linked-view state: which particle the pointer is on (in a panel's plot or a plan row), and
 * which panels show the all-particle coupling-lines overlay. Changes with the pointer, never
 * per frame; drawing code reads it outside React (getState / subscribe).
 */
export interface HoverSlice {
  hovered: HoverTarget | null;
  setHovered: (target: HoverTarget | null) => void;
  /** Panel index -> coupling lines (top 3 destinations of every particle) shown on its plot. */
  couplingLines: Readonly<Record<number, boolean>>;
  setCouplingLines: (panel: number, on: boolean) => void;
}

const sameTarget = (a: HoverTarget | null, b: HoverTarget | null): boolean =>
  a === b || (!!a && !!b && a.panel === b.panel && a.particle === b.particle);

export const createHoverSlice: StateCreator<HoverSlice, [], [], HoverSlice> = (set) => ({
  hovered: null,
  // No state change (and no re-render) when the pointer stays on the same particle.
  setHovered: (target) => set((s) => (sameTarget(s.hovered, target) ? s : { hovered: target })),
  couplingLines: {},
  setCouplingLines: (panel, on) =>
    set((s) => (!!s.couplingLines[panel] === on ? s : { couplingLines: { ...s.couplingLines, [panel]: on } })),
});
