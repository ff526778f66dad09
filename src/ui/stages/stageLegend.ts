/**
 * What each stage picture shows, as legend entries (mark, colour, words) drawn under the picture
 * by StageLegend. The colours are the pictures' own (STAGE_INK, the weight and cost scales), so a
 * legend cannot drift from its picture.
 */
import type { StageRecord } from '../../../workers/samplerApi';
import { INFERNO_LUT, PLAN_LOG_RANGE } from '../plan/planPixels';
import { COLOUR_NATS, COST_MAX, STAGE_INK, costColour, weightColour } from './stagePictures';

export type LegendMark = 'dot' | 'ring' | 'arrow' | 'cross' | 'line' | 'dash' | 'ramp' | 'density' | 'marked';

export interface LegendItem {
  readonly mark: LegendMark;
  /** The mark's colour; a ramp's colours from its low to its high end. */
  readonly colours: readonly string[];
  readonly label: string;
  /** A ramp's end labels. */
  readonly ends?: readonly [string, string];
}

const density: LegendItem = { mark: 'density', colours: ['#440154', '#21918c', '#fde725'], label: 'target density (log scale, as in the panel), contours' };
const item = (mark: LegendMark, colour: string, label: string): LegendItem => ({ mark, colours: [colour], label });
const ramp = (colours: readonly string[], label: string, ends: readonly [string, string]): LegendItem => ({ mark: 'ramp', colours, label, ends });

const INFERNO = [0, 0.25, 0.5, 0.75, 1].map((t) => {
  const k = Math.round(t * 255);
  return `rgb(${INFERNO_LUT[3 * k]}, ${INFERNO_LUT[3 * k + 1]}, ${INFERNO_LUT[3 * k + 2]})`;
});

/** The legend of stage `stage` (0-based) of record r. */
export function stageLegend(r: StageRecord, stage: number): LegendItem[] {
  const chosen = item('marked', STAGE_INK.chosen, `particle ${r.particle}, followed through the stages`);
  switch (stage) {
    case 0:
      return r.params.guidance === 'score-free'
        ? [item('dot', STAGE_INK.particle, 'particle x_i (score-free: its proposal mean μ_i = x_i)'), chosen, density]
        : [item('dot', STAGE_INK.particle, 'particle x_i'), item('arrow', STAGE_INK.drift, 'drift α s_i: from x_i to its proposal mean μ_i'), chosen, density];
    case 1:
      return [item('dot', STAGE_INK.proposal, `proposal y_j (${r.proposals} in one pool)`), item('dot', STAGE_INK.drift, 'proposal mean μ_i'), density];
    case 2:
      return [
        ramp([weightColour(0), weightColour(0.5), weightColour(1)], 'proposal y_j, coloured and sized by its weight log b_j', [`max − ${COLOUR_NATS} nats`, 'max']),
        item('cross', STAGE_INK.floored, `proposal on the floor (max − 30 nats): ${r.floored} of ${r.proposals}`),
        item('ring', STAGE_INK.particle, 'particle x_i'),
        density,
      ];
    case 3:
      return [
        ramp([costColour(0), costColour(COST_MAX / 2), costColour(COST_MAX)], `proposal y_j, coloured by its cost C_ij from particle ${r.particle}`, ['0 (cheap)', `≥ ${COST_MAX}`]),
        item('dash', STAGE_INK.chosen, 'C_ij = 1 (the typical cost)'),
        item('line', STAGE_INK.chosen, `C_ij = ε = ${Number(r.params.eps)} (the kernel's reach)`),
        chosen,
        density,
      ];
    case 4:
      return [ramp(INFERNO, 'plan mass of a cell, log scale', [`max − ${PLAN_LOG_RANGE} nats`, 'max'])];
    case 5:
      return [
        item('ring', STAGE_INK.particle, 'particle before the update'),
        item('dot', STAGE_INK.particle, 'particle after the update'),
        item('line', STAGE_INK.move, r.means ? 'move towards its row mean' : 'move to the proposal it drew'),
        ...(r.means ? [item('cross', STAGE_INK.drift, 'row mean Σ_j γ̄_ij y_j')] : []),
        item('dot', STAGE_INK.chosen, `row of particle ${r.particle}: γ̄_ij (larger, more opaque = more mass)`),
        chosen,
        density,
      ];
    default:
      return String(r.params.mutation) === 'none'
        ? [item('dot', STAGE_INK.particle, 'particle (no mutation: as the update left it)'), density]
        : [item('ring', STAGE_INK.particle, 'before the mutation'), item('dot', STAGE_INK.particle, 'after the mutation'), item('line', STAGE_INK.drift, 'its move'), density];
  }
}
