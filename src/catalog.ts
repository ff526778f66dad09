/**
 * The names the UI offers: preset targets and sampler labels. The single place where the
 * UI reads engine tables (names and labels only; numerics run in the worker).
 */
import { PRESET_INFO, PRESET_NAMES } from './engine/targets/presets/index';
import { ND_TARGET_INFO, ND_TARGET_NAMES } from './engine/targets/nd/index';

export { PRESET_NAMES, ND_TARGET_NAMES };
export { SAMPLER_LABELS } from './engine/samplers/catalog';

export { DEFAULT_SAMPLER } from './engine/experiment/defaults';

export interface PresetInfo {
  readonly label: string;
  readonly doc: string;
  readonly improper: boolean;
}

/** Gallery info of a preset, or undefined for a name that is not a preset. */
export function presetInfo(name: string): PresetInfo | undefined {
  return Object.prototype.hasOwnProperty.call(PRESET_INFO, name)
    ? (PRESET_INFO as Readonly<Record<string, PresetInfo>>)[name]
    : undefined;
}

/** Label and doc of a d-dimensional target family, or undefined for a name that is not one. */
export function ndTargetInfo(name: string): { readonly label: string; readonly doc: string } | undefined {
  return Object.prototype.hasOwnProperty.call(ND_TARGET_INFO, name) ? (ND_TARGET_INFO as Readonly<Record<string, { label: string; doc: string }>>)[name] : undefined;
}
