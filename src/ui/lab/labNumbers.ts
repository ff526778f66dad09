/** How the lab writes its numbers: energy distances, their ratio to the row's floor, the floor's definition. */
import type { RowFloor } from '../../engine/lab/rowFloor';

/** An energy distance: 4 decimals, or 2 significant digits below 1e-4. */
export const fmtEd = (v: number): string => (!Number.isFinite(v) ? '–' : v >= 1e-4 || v === 0 ? v.toFixed(4) : v.toPrecision(2));

/** "1.4× floor". */
export const ratioText = (ed: number, floor: RowFloor): string => `${(ed / floor.floor).toFixed(1)}× floor`;

/** What the floor is, for titles. */
export const FLOOR_DEFINITION =
  "sampling floor: energy distance between the row restricted to a random half of the target points and the row on the other half (each renormalised), mean ± sd over 64 random halvings";

/** What the energy distance is, for titles. */
export const ED_DEFINITION =
  "energy distance 2E|X−Y| − E|X−X'| − E|Y−Y'| between the samples (X) and Sinkhorn's plan row of the same source point (Y: target points weighted by the row)";

export const floorText = (f: RowFloor): string => `floor ${fmtEd(f.floor)} ± ${fmtEd(f.floorSd)}`;
