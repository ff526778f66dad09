import { ETD_PARAMS } from '../etd/params';
import { ETD_VARIANTS } from '../etd/variants';
import type { ParamTable } from '../params/declare';
import { lookup } from '../registry';
import { EtdSampler, type SamplerInit } from './etdSampler';
import type { Sampler } from './types';

/** A sampler the playground can run: its parameters are declared once in `params`. */
export interface SamplerSpec {
  readonly label: string;
  readonly family: 'etd' | 'baseline';
  readonly doc: string;
  readonly params: ParamTable;
  readonly create: (init: SamplerInit) => Sampler;
}

const etdSpecs = Object.fromEntries(
  Object.entries(ETD_VARIANTS).map(([name, v]) => [
    name,
    { label: v.label, family: 'etd', doc: v.doc, params: ETD_PARAMS, create: (init: SamplerInit) => new EtdSampler(name, v, init) } satisfies SamplerSpec,
  ]),
);

export const SAMPLERS: Readonly<Record<string, SamplerSpec>> = { ...etdSpecs };
export const SAMPLER_LABELS: readonly string[] = Object.keys(SAMPLERS);

export const samplerSpec = (name: string): SamplerSpec => lookup('sampler', SAMPLERS, name);

export function createSampler(name: string, init: SamplerInit): Sampler {
  return samplerSpec(name).create(init);
}
export type { SamplerInit } from './etdSampler';
