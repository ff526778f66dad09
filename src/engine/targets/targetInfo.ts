import { ND_TARGET_INFO, ND_TARGET_NAMES } from './nd/index';
import { PRESET_INFO, PRESET_NAMES } from './presets/index';

export { PRESET_NAMES, ND_TARGET_NAMES };

/** What the gallery shows of a preset target. */
export interface PresetInfo {
  readonly label: string;
  readonly doc: string;
  readonly improper: boolean;
}

/** Gallery info of a preset, or undefined for a name that is not a preset (own keys only). */
export function presetInfo(name: string): PresetInfo | undefined {
  return Object.prototype.hasOwnProperty.call(PRESET_INFO, name) ? (PRESET_INFO as Readonly<Record<string, PresetInfo>>)[name] : undefined;
}

/** Label and doc of a d-dimensional target family, or undefined for a name that is not one. */
export function ndTargetInfo(name: string): { readonly label: string; readonly doc: string } | undefined {
  return Object.prototype.hasOwnProperty.call(ND_TARGET_INFO, name) ? (ND_TARGET_INFO as Readonly<Record<string, { label: string; doc: string }>>)[name] : undefined;
}
