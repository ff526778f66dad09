/** The square data box the lab's plots share: both clouds (and drawn points) with a margin, at least [-2.5, 2.5]^2. */
import { scaleLinear, type ScaleLinear } from 'd3';

export interface LabBox {
  readonly lo: number;
  readonly hi: number;
}

export function labBox(...clouds: (Float64Array | undefined)[]): LabBox {
  let m = 2.5;
  for (const c of clouds) if (c) for (let k = 0; k < c.length; k++) if (Number.isFinite(c[k])) m = Math.max(m, Math.abs(c[k]) * 1.08);
  return { lo: -m, hi: m };
}

export function labScales(box: LabBox, w: number, h: number): { sx: ScaleLinear<number, number>; sy: ScaleLinear<number, number> } {
  const pad = 6;
  return {
    sx: scaleLinear().domain([box.lo, box.hi]).range([pad, w - pad]),
    sy: scaleLinear().domain([box.lo, box.hi]).range([h - pad, pad]),
  };
}

export const SOURCE_COLOUR = '#2563eb';
export const TARGET_COLOUR = '#ea580c';
export const MAP_COLOUR = '#047857';
export const SAMPLE_COLOUR = '#9333ea';
export const LIGHTSB_COLOUR = '#0d9488';

/** The samples' colour of each learned method. */
export const METHOD_COLOUR = { vareot: SAMPLE_COLOUR, lightsb: LIGHTSB_COLOUR } as const;
