/**
 * The words of an exported picture: the target's name, each panel's title and legend line, and
 * the caption of the whole grid. Pure, so the same text goes into PNGs and recordings.
 */
import { ndTargetInfo, presetInfo } from '../../engine/targets/targetInfo';
import type { TargetSpec } from '../../engine/targets/fromSpec';
import { panelTitle } from '../text/panelTitle';
import { BLR_DATA_SETS, isVendoredBlrData, userCsvName } from '../../engine/targets/blr/dataSets';

const MAX_FORMULA = 60;

/** "Ring of 8 Gaussians", "U(x, y) = x^2 + y^2" (shortened), "Drawn target (3 bumps)". */
export function targetName(spec: TargetSpec): string {
  if (spec.kind === 'preset') return presetInfo(spec.name)?.label ?? spec.name;
  if (spec.kind === 'nd') return `${ndTargetInfo(spec.name)?.label ?? spec.name}, d = ${spec.dim}`;
  if (spec.kind === 'blr') return `Logistic regression posterior (${isVendoredBlrData(spec.data) ? BLR_DATA_SETS[spec.data].label : userCsvName(spec.data)})`;
  if (spec.kind === 'logistic2d') return `Logistic regression weights (${spec.points.length} ${spec.points.length === 1 ? 'point' : 'points'})`;
  if (spec.kind === 'formula') {
    const f = spec.formula.trim().replace(/\s+/g, ' ');
    return `U(x, y) = ${f.length > MAX_FORMULA ? `${f.slice(0, MAX_FORMULA - 1)}…` : f}`;
  }
  return `Drawn target (${spec.bumps.length} ${spec.bumps.length === 1 ? 'bump' : 'bumps'})`;
}

export interface PanelLabel {
  /** "1  ETD-B · eps 0.05": panel number and panelTitle. */
  readonly title: string;
  /** "Ring of 8 Gaussians · iteration 30". */
  readonly legend: string;
  readonly colour: string;
}

export function panelLabel(
  panel: number,
  setting: { readonly sampler: string; readonly params: Readonly<Record<string, number | boolean | string>> },
  target: string,
  iteration: number,
  colour: string,
): PanelLabel {
  return { title: `${panel + 1}  ${panelTitle(setting.sampler, setting.params)}`, legend: `${target} · iteration ${iteration}`, colour };
}

/**
 * "ETD Playground · Ring of 8 Gaussians · N = 40 particles · seed 5 · every panel at iteration 200",
 * or "... · iterations: 1 at 188, 2 at 201" when the panels differ (each steps at its own pace).
 */
export function gridCaption(target: string, n: number, seed: number, iterations: readonly number[] = []): string {
  const base = `ETD Playground · ${target} · N = ${n} particles · seed ${seed}`;
  if (iterations.length === 0) return base;
  const same = iterations.every((it) => it === iterations[0]);
  if (same) return `${base} · ${iterations.length > 1 ? 'every panel at ' : ''}iteration ${iterations[0]}`;
  return `${base} · iterations: ${iterations.map((it, k) => `${k + 1} at ${it}`).join(', ')}`;
}
