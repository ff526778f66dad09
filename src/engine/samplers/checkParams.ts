import { createPresetTarget } from '../targets/presets';
import type { Target } from '../targets/types';
import { createSampler } from './catalog';

let probe: Target | null = null;
const CLOUD = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1]); // (4, 2)

/**
 * The engine's own verdict on a sampler's parameter overrides: null when the sampler can be built
 * with them, else the message it gives (including checks across parameters, e.g. alpha = 0 with
 * fdr on). Builds the sampler on a tiny cloud, so it is the same validation a run meets.
 */
export function samplerParamsProblem(name: string, params: Readonly<Record<string, unknown>>): string | null {
  probe ??= createPresetTarget('gaussian');
  try {
    createSampler(name, { target: probe, seed: 1, initial: CLOUD, params });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
