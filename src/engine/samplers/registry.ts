import { ETD_VARIANTS } from '../etd/variants';
import { lookup } from '../registry';
import { EtdSampler, type SamplerInit } from './etdSampler';
import type { Sampler } from './types';

/** Constructors by sampler name; names, docs and parameters live in ./catalog. */
const FACTORIES: Readonly<Record<string, (init: SamplerInit) => Sampler>> = Object.fromEntries(
  Object.entries(ETD_VARIANTS).map(([name, v]) => [name, (init: SamplerInit) => new EtdSampler(name, v, init)]),
);

export function createSampler(name: string, init: SamplerInit): Sampler {
  return lookup('sampler', FACTORIES, name)(init);
}

export { SAMPLER_INFO, SAMPLER_LABELS, samplerInfo } from './catalog';
export type { SamplerInit } from './etdSampler';
