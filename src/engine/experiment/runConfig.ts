import { cutInput } from '../params/cut';
import { checkParam, resolveParams } from '../params/declare';
import { samplerParamsProblem } from '../samplers/checkParams';
import { samplerInfo } from '../samplers/catalog';
import type { TargetSpec } from '../targets/fromSpec';
import { boxProblem } from '../targets/box';
import { checkDrawnSpec, type Bump } from '../targets/drawn';
import { checkLogistic2dPoints, type LabeledPoint } from '../targets/logistic2d';
import type { Box } from '../targets/types';
import { createNdTarget, ND_TARGET_NAMES } from '../targets/nd/index';
import { isNdName, TARGET_PARAMS } from '../targets/targetParams';
import { blrData, isVendoredBlrData } from '../targets/blr/dataSets';
import { DEFAULT_PRESET, DEFAULT_SAMPLER, MAX_PANELS } from './defaults';
import type { ExperimentPanel } from './experiment';
import { HIDE_PART_NAMES, SPEED_PARAM, VIEW_PARAMS, type ViewSettings } from './viewParams';
import { RUN_PARAMS, type RunParams } from './runParams';

/** One panel: a sampler and its parameter overrides by name (the experiment's panel). */
export type PanelConfig = ExperimentPanel;

/**
 * One headless run: the same information a link carries (target, run settings, 1 to MAX_PANELS panels, and
 * the speed and layout a link opens with, which the runner keeps but does not use), plus the
 * steps to run and what to record.
 */
export interface RunConfig {
  readonly target: TargetSpec;
  /** The first panel's sampler and overrides (every run has at least one panel). */
  readonly sampler: string;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  /** Every panel, the first being { sampler, params }. */
  readonly panels: readonly PanelConfig[];
  readonly run: RunParams;
  /** Steps at which positions are recorded (sorted, unique, each <= run.steps). */
  readonly checkpoints: readonly number[];
  /** Report metrics against the exact target at every checkpoint. */
  readonly metrics: boolean;
  readonly speed?: number;
  readonly view?: ViewSettings;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseBox(v: unknown): Box {
  const arr = Array.isArray(v) ? v : isRecord(v) ? [v.xmin, v.xmax, v.ymin, v.ymax] : null;
  if (!arr || arr.length !== 4 || !arr.every((t) => typeof t === 'number' && Number.isFinite(t)))
    throw new Error(`invalid box: ${cutInput(JSON.stringify(v) ?? String(v))} (must be [xmin, xmax, ymin, ymax])`);
  const [xmin, xmax, ymin, ymax] = arr as number[];
  const box = { xmin, xmax, ymin, ymax };
  const problem = boxProblem(box);
  if (problem) throw new Error(problem);
  return box;
}

/**
 * A d-dimensional target, checked now (family name and dim) so a typo fails before the run.
 * dim: a number or the text of one (a flag), absent for the declared default.
 */
function parseNdTarget(name: string, dim: unknown, confine: unknown): TargetSpec {
  if (confine !== undefined) throw new Error(`invalid target: confine only applies to the 2D presets u2-u4, not to '${name}'`);
  const d = checkParam('dim', TARGET_PARAMS.dim, dim ?? TARGET_PARAMS.dim.default) as number;
  createNdTarget(name, d);
  return { kind: 'nd', name, dim: d };
}

/**
 * A target from config JSON: a preset name, { preset, confine } or { formula, box }, a
 * d-dimensional family as { preset: 'iso-gaussian', dim: 50 } (or its bare name, at the default
 * dim), or the kind-tagged spec the runner writes in its output ({ kind: 'preset' | 'formula' |
 * 'drawn' | 'nd', ... }), so a run's `config` can be fed back with --config.
 */
export function parseTargetSpec(v: unknown): TargetSpec {
  if (v === 'blr' || (isRecord(v) && v.preset === 'blr'))
    throw new Error("invalid target: 'blr' needs a data set: { \"kind\": \"blr\", \"data\": \"sonar\" } (or breast-cancer, ionosphere, a CSV file)");
  if (typeof v === 'string') return isNdName(v) ? parseNdTarget(v, undefined, undefined) : { kind: 'preset', name: v };
  if (!isRecord(v)) throw new Error('invalid target: must be a preset name or { formula, box } / { preset, confine } / { preset, dim }');
  if (v.kind !== undefined) return parseTaggedTarget(v);
  if (v.dim !== undefined && !(typeof v.preset === 'string' && isNdName(v.preset)))
    throw new Error(`invalid target: dim only applies to the d-dimensional targets (${ND_TARGET_NAMES.join(', ')})`);
  if (typeof v.formula === 'string') return { kind: 'formula', formula: v.formula, box: v.box === undefined ? undefined : parseBox(v.box) };
  if (typeof v.preset === 'string') {
    if (isNdName(v.preset)) return parseNdTarget(v.preset, v.dim, v.confine);
    if (v.confine !== undefined && typeof v.confine !== 'boolean') throw new Error(`invalid confine: ${cutInput(String(v.confine))} (must be true or false)`);
    return { kind: 'preset', name: v.preset, confine: v.confine as boolean | undefined };
  }
  throw new Error('invalid target: give "preset" or "formula"');
}

/**
 * A logistic-regression target { kind: 'blr', data }: the data set is read now (through the
 * environment's loader: the runner reads data/ or the user's file), so a bad file fails before the run.
 */
function parseBlrTarget(v: Record<string, unknown>): TargetSpec {
  for (const k of Object.keys(v)) if (k !== 'kind' && k !== 'data') throw new Error(`invalid target: unknown key '${k}' for kind 'blr' (valid: kind, data)`);
  if (typeof v.data !== 'string' || v.data.trim() === '')
    throw new Error('invalid target: kind \'blr\' needs data: a vendored data set (breast-cancer, sonar, ionosphere) or a CSV file');
  // A vendored set needs no reading to be known good (the page has no loader on its main thread).
  if (!isVendoredBlrData(v.data)) blrData(v.data);
  return { kind: 'blr', data: v.data };
}

function parseTaggedTarget(v: Record<string, unknown>): TargetSpec {
  if (v.kind === 'blr') return parseBlrTarget(v);
  if (v.kind === 'nd' && typeof v.name === 'string') {
    if (!isNdName(v.name)) throw new Error(`invalid target: unknown d-dimensional target '${cutInput(v.name)}' (valid: ${ND_TARGET_NAMES.join(', ')})`);
    return parseNdTarget(v.name, v.dim, undefined);
  }
  if (v.kind === 'preset' && typeof v.name === 'string') return parseTargetSpec({ preset: v.name, confine: v.confine });
  if (v.kind === 'formula' && typeof v.formula === 'string') return parseTargetSpec({ formula: v.formula, box: v.box });
  if (v.kind === 'drawn') {
    const spec = { kind: 'drawn' as const, box: parseBox(v.box), bumps: v.bumps as Bump[] };
    const problem = checkDrawnSpec(spec);
    if (problem) throw new Error(problem);
    return spec;
  }
  if (v.kind === 'logistic2d') {
    const problem = checkLogistic2dPoints(v.points);
    if (problem) throw new Error(`invalid logistic2d target: ${problem}`);
    return { kind: 'logistic2d', points: v.points as LabeledPoint[] };
  }
  throw new Error(`invalid target: kind '${cutInput(String(v.kind))}' with the wrong fields (preset: name; formula: formula, box; drawn: box, bumps; nd: name, dim; blr: data; logistic2d: points)`);
}

/**
 * Validate a plain object (from --config JSON or from flags) into a RunConfig. Every problem
 * is reported as one precise message; the sampler parameters are checked against their
 * declarations so a typo fails here, not halfway through a run.
 */
export function parseRunConfig(raw: unknown): RunConfig {
  if (!isRecord(raw)) throw new Error('invalid config: must be a JSON object');
  for (const k of Object.keys(raw)) if (!CONFIG_KEYS.includes(k)) throw new Error(`unknown config key '${cutInput(k)}' (valid: ${CONFIG_KEYS.join(', ')})`);
  const target = parseTargetSpec(raw.target ?? DEFAULT_PRESET);
  if (raw.panels !== undefined && (raw.sampler !== undefined || raw.params !== undefined))
    throw new Error('invalid config: give sampler (and params) for one panel, or panels, not both');
  const listed = raw.panels ?? [{ sampler: raw.sampler ?? DEFAULT_SAMPLER, params: raw.params ?? {} }];
  if (!Array.isArray(listed) || listed.length < 1 || listed.length > MAX_PANELS)
    throw new Error(`invalid panels: must be a list of 1 to ${MAX_PANELS} { sampler, params }`);
  const panels = listed.map((p, k) => parsePanel(p, listed.length > 1 ? `panel ${k + 1}: ` : ''));
  const runRaw = raw.run ?? {};
  if (!isRecord(runRaw)) throw new Error('invalid run: must be an object');
  const run = resolveParams(RUN_PARAMS, runRaw);
  const cps = raw.checkpoints ?? [0, run.steps];
  if (!Array.isArray(cps) || !cps.every((c) => Number.isInteger(c) && c >= 0))
    throw new Error(`invalid checkpoints: ${cutInput(JSON.stringify(cps) ?? String(cps))} (must be a list of non-negative integers)`);
  const over = (cps as number[]).find((c) => c > run.steps);
  if (over !== undefined) throw new Error(`invalid checkpoints: ${over} is after the last step (${run.steps})`);
  const checkpoints = [...new Set(cps as number[])].sort((a, b) => a - b);
  if (raw.metrics !== undefined && typeof raw.metrics !== 'boolean') throw new Error(`invalid metrics: ${cutInput(String(raw.metrics))} (must be true or false)`);
  const speed = raw.speed === undefined ? undefined : (checkParam('speed', SPEED_PARAM, raw.speed) as number);
  const view = raw.view === undefined ? undefined : parseView(raw.view);
  return {
    target,
    sampler: panels[0].sampler,
    params: panels[0].params,
    panels,
    run,
    checkpoints,
    metrics: raw.metrics === true,
    ...(speed !== undefined ? { speed } : {}),
    ...(view !== undefined ? { view } : {}),
  };
}

const CONFIG_KEYS = ['target', 'sampler', 'params', 'panels', 'run', 'checkpoints', 'metrics', 'speed', 'view'];

/** One panel, checked by its declarations and by the engine's own check across parameters. */
function parsePanel(p: unknown, where: string): PanelConfig {
  if (!isRecord(p)) throw new Error(`${where}invalid panel: must be { sampler, params }`);
  for (const k of Object.keys(p)) if (k !== 'sampler' && k !== 'params') throw new Error(`${where}unknown panel key '${cutInput(k)}' (valid: sampler, params)`);
  const sampler = p.sampler ?? DEFAULT_SAMPLER;
  if (typeof sampler !== 'string') throw new Error(`${where}invalid sampler: must be a name`);
  const spec = samplerInfo(sampler);
  const params = p.params ?? {};
  if (!isRecord(params)) throw new Error(`${where}invalid params: must be an object of name: value`);
  try {
    const checked = resolveParams(spec.params, params);
    const overrides = Object.fromEntries(Object.keys(params).map((k) => [k, checked[k]])) as PanelConfig['params'];
    const across = samplerParamsProblem(sampler, overrides);
    if (across) throw new Error(across);
    return { sampler, params: overrides };
  } catch (e) {
    throw new Error(`${where}${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseView(v: unknown): ViewSettings {
  if (!isRecord(v)) throw new Error('invalid view: must be { mode, hide }');
  const mode = checkParam('view.mode', VIEW_PARAMS.ui, v.mode ?? VIEW_PARAMS.ui.default) as ViewSettings['mode'];
  const hide = v.hide ?? [];
  if (!Array.isArray(hide) || !hide.every((h) => typeof h === 'string' && (HIDE_PART_NAMES as string[]).includes(h)))
    throw new Error(`invalid view.hide: ${cutInput(JSON.stringify(hide) ?? String(hide))} (a list of ${HIDE_PART_NAMES.join(', ')})`);
  return { mode, hide: hide as ViewSettings['hide'] };
}

/**
 * The config as the runner writes it: one panel as { sampler, params } (the short form), several
 * as panels; speed and view only when given. parseRunConfig reads it back to the same config.
 */
export function configJson(cfg: RunConfig): Record<string, unknown> {
  const { target, panels, run, checkpoints, metrics, speed, view } = cfg;
  return {
    target,
    ...(panels.length === 1 ? { sampler: panels[0].sampler, params: panels[0].params } : { panels }),
    run,
    checkpoints,
    metrics,
    ...(speed !== undefined ? { speed } : {}),
    ...(view !== undefined ? { view } : {}),
  };
}
