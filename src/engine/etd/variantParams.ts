import { resolveParams } from '../params/declare';
import { checkEtdParams, ETD_PARAMS, type EtdParams } from './params';
import type { EtdVariant } from './variants';

/** Resolve a variant's parameters: defaults <- variant <- user overrides, then ties and checks. */
export function etdParamsFor(variant: EtdVariant, overrides: Readonly<Record<string, unknown>> = {}): EtdParams {
  let p = resolveParams(ETD_PARAMS, overrides, variant.base);
  if (variant.derive) p = variant.derive(p, new Set(Object.keys(overrides)));
  checkEtdParams(p);
  return p;
}
