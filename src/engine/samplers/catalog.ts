import { AGF_SVGD_PARAMS, doc as agfSvgdDoc } from '../baselines/agfSvgd';
import { GF_SVGD_PARAMS, doc as gfSvgdDoc } from '../baselines/gfSvgd';
import { MALA_PARAMS, doc as malaDoc } from '../baselines/mala';
import { MPPI_PARAMS, doc as mppiDoc } from '../baselines/mppi';
import { SGLD_PARAMS, doc as sgldDoc } from '../baselines/sgld';
import { SVGD_PARAMS, doc as svgdDoc } from '../baselines/svgd';
import { ULA_PARAMS, doc as ulaDoc } from '../baselines/ula';
import { ETD_PARAMS } from '../etd/params';
import { ETD_VARIANTS } from '../etd/variants';
import { etdParamsFor } from '../etd/variantParams';
import { defaults, type ParamTable } from '../params/declare';
import { GVI_MIXTURE_PARAMS, GVI_PARAMS } from '../vi/params';
import { gviDoc, gviMixtureDoc } from '../vi/viSampler';
import { lookup } from '../registry';

/**
 * What the playground offers, as data (names, docs, parameter declarations): the UI, the URL
 * codec and the runners read this; ./registry maps the same names to constructors.
 */
export interface SamplerInfo {
  readonly label: string;
  readonly family: 'etd' | 'baseline';
  readonly doc: string;
  readonly params: ParamTable;
  /** The values this sampler runs with when nothing is overridden (an ETD variant's own choices included). */
  readonly defaults: Readonly<Record<string, number | boolean | string>>;
}

const baseline = (label: string, doc: string, params: ParamTable): SamplerInfo => ({ label, family: 'baseline', doc, params, defaults: defaults(params) });

export const SAMPLER_INFO: Readonly<Record<string, SamplerInfo>> = {
  ...Object.fromEntries(
    Object.entries(ETD_VARIANTS).map(([name, v]) => [
      name,
      { label: v.label, family: 'etd', doc: v.doc, params: ETD_PARAMS, defaults: etdParamsFor(v) } satisfies SamplerInfo,
    ]),
  ),
  svgd: baseline('SVGD', svgdDoc, SVGD_PARAMS),
  'gf-svgd': baseline('GF-SVGD', gfSvgdDoc, GF_SVGD_PARAMS),
  'agf-svgd': baseline('AGF-SVGD', agfSvgdDoc, AGF_SVGD_PARAMS),
  sgld: baseline('SGLD', sgldDoc, SGLD_PARAMS),
  ula: baseline('ULA', ulaDoc, ULA_PARAMS),
  mala: baseline('MALA', malaDoc, MALA_PARAMS),
  mppi: baseline('MPPI', mppiDoc, MPPI_PARAMS),
  gvi: baseline('Gaussian VI', gviDoc, GVI_PARAMS),
  'gvi-mixture': baseline('GMM VI', gviMixtureDoc, GVI_MIXTURE_PARAMS),
};

export const SAMPLER_LABELS: readonly string[] = Object.keys(SAMPLER_INFO);

export const samplerInfo = (name: string): SamplerInfo => lookup('sampler', SAMPLER_INFO, name);
