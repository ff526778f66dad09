import { ETD_PARAMS } from '../etd/params';
import { ETD_VARIANTS } from '../etd/variants';
import type { ParamTable } from '../params/declare';
import { lookup } from '../registry';

/**
 * What the playground offers, as data only (names, docs, parameter declarations): the UI and
 * URL codec read this without pulling sampler implementations into the main thread.
 */
export interface SamplerInfo {
  readonly label: string;
  readonly family: 'etd' | 'baseline';
  readonly doc: string;
  readonly params: ParamTable;
}

export const SAMPLER_INFO: Readonly<Record<string, SamplerInfo>> = Object.fromEntries(
  Object.entries(ETD_VARIANTS).map(([name, v]) => [name, { label: v.label, family: 'etd', doc: v.doc, params: ETD_PARAMS }]),
);

export const SAMPLER_LABELS: readonly string[] = Object.keys(SAMPLER_INFO);

export const samplerInfo = (name: string): SamplerInfo => lookup('sampler', SAMPLER_INFO, name);
