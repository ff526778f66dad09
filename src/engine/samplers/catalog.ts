import { agfSvgd } from '../baselines/agfSvgd';
import { gfSvgd } from '../baselines/gfSvgd';
import { mala } from '../baselines/mala';
import { mppi } from '../baselines/mppi';
import { rwm } from '../baselines/rwm';
import { sgld } from '../baselines/sgld';
import { svgd } from '../baselines/svgd';
import { ula } from '../baselines/ula';
import { lookup } from '../lookup';
import { gvi, gviMixture } from '../vi/viSampler';
import { ETD_SAMPLERS } from './etd';
import type { Sampler, SamplerInit, SamplerModule } from './types';

/**
 * Every sampler the playground offers, in the order the page lists them. Each is one module
 * (./types.ts SamplerModule: name, label, doc, parameters, create, step cost, About card, words);
 * adding a sampler is its module and one line here. The UI, the link codec, the runners and the
 * worker all read this list.
 */
export const SAMPLERS: readonly SamplerModule[] = [...ETD_SAMPLERS, svgd, gfSvgd, agfSvgd, sgld, ula, mala, rwm, mppi, gvi, gviMixture] as readonly SamplerModule[];

/** The same list by name. */
export const SAMPLER_INFO: Readonly<Record<string, SamplerModule>> = Object.fromEntries(SAMPLERS.map((m) => [m.name, m]));

export const SAMPLER_LABELS: readonly string[] = SAMPLERS.map((m) => m.name);

/** The module of `name`; an unknown name fails with the valid ones. */
export const samplerInfo = (name: string): SamplerModule => lookup('sampler', SAMPLER_INFO, name);

/** Build sampler `name` (its parameter overrides are validated by the sampler). */
export function createSampler(name: string, init: SamplerInit): Sampler {
  return samplerInfo(name).create(init);
}

export type { SamplerModule as SamplerInfo };
