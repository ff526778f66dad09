import { samplerInfo } from '../../engine/samplers/catalog';

/** How a parameter value reads in a title: short numbers, words for booleans. */
export function formatParamValue(v: number | boolean | string): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

/**
 * The parameters of a panel that differ from its sampler's own defaults, in declaration order,
 * as "name value" pieces (overrides equal to the default are left out).
 */
export function paramDiffs(sampler: string, params: Readonly<Record<string, number | boolean | string>>): string[] {
  const info = samplerInfo(sampler);
  const out: string[] = [];
  for (const name of Object.keys(info.params)) {
    if (!Object.hasOwn(params, name)) continue;
    const v = params[name];
    if (Object.is(v, info.defaults[name])) continue;
    out.push(`${name} ${formatParamValue(v)}`);
  }
  return out;
}

/** "ETD-B · eps 0.05 · M 10": the sampler's label and what differs from its defaults. */
export function panelTitle(sampler: string, params: Readonly<Record<string, number | boolean | string>>): string {
  return [samplerInfo(sampler).label, ...paramDiffs(sampler, params)].join(' · ');
}
