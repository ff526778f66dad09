import { AgfSvgdSampler } from '../baselines/agfSvgd';
import { GfSvgdSampler } from '../baselines/gfSvgd';
import { MalaSampler } from '../baselines/mala';
import { MppiSampler } from '../baselines/mppi';
import { SgldSampler } from '../baselines/sgld';
import { SvgdSampler } from '../baselines/svgd';
import { UlaSampler } from '../baselines/ula';
import { ETD_VARIANTS } from '../etd/variants';
import { lookup } from '../registry';
import { createGvi, createGviMixture } from '../vi/viSampler';
import { EtdSampler, type SamplerInit } from './etdSampler';
import type { Sampler } from './types';

/** Constructors by sampler name; names, docs and parameters live in ./catalog. */
const FACTORIES: Readonly<Record<string, (init: SamplerInit) => Sampler>> = {
  ...Object.fromEntries(Object.entries(ETD_VARIANTS).map(([name, v]) => [name, (init: SamplerInit) => new EtdSampler(name, v, init)])),
  svgd: (init) => new SvgdSampler(init),
  'gf-svgd': (init) => new GfSvgdSampler(init),
  'agf-svgd': (init) => new AgfSvgdSampler(init),
  sgld: (init) => new SgldSampler(init),
  ula: (init) => new UlaSampler(init),
  mala: (init) => new MalaSampler(init),
  mppi: (init) => new MppiSampler(init),
  gvi: createGvi,
  'gvi-mixture': createGviMixture,
};

export function createSampler(name: string, init: SamplerInit): Sampler {
  return lookup('sampler', FACTORIES, name)(init);
}

export { SAMPLER_INFO, SAMPLER_LABELS, samplerInfo } from './catalog';
export type { SamplerInit } from './etdSampler';
