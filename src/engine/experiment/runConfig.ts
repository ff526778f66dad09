import { resolveParams } from '../params/declare';
import { samplerInfo } from '../samplers/catalog';
import type { TargetSpec } from '../targets/fromSpec';
import { boxProblem } from '../targets/box';
import { checkDrawnSpec, type Bump } from '../targets/drawn';
import type { Box } from '../targets/types';
import { DEFAULT_PRESET, DEFAULT_SAMPLER } from './defaults';
import { RUN_PARAMS, type RunParams } from './runParams';

/** One headless run: the same information the URL carries, for one sampler. */
export interface RunConfig {
  readonly target: TargetSpec;
  readonly sampler: string;
  /** Sampler parameter overrides by name. */
  readonly params: Readonly<Record<string, number | boolean | string>>;
  readonly run: RunParams;
  /** Steps at which positions are recorded (sorted, unique, each <= run.steps). */
  readonly checkpoints: readonly number[];
  /** Report metrics against the exact target at every checkpoint. */
  readonly metrics: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseBox(v: unknown): Box {
  const arr = Array.isArray(v) ? v : isRecord(v) ? [v.xmin, v.xmax, v.ymin, v.ymax] : null;
  if (!arr || arr.length !== 4 || !arr.every((t) => typeof t === 'number' && Number.isFinite(t)))
    throw new Error(`invalid box: ${JSON.stringify(v)} (must be [xmin, xmax, ymin, ymax])`);
  const [xmin, xmax, ymin, ymax] = arr as number[];
  const box = { xmin, xmax, ymin, ymax };
  const problem = boxProblem(box);
  if (problem) throw new Error(problem);
  return box;
}

/**
 * A target from config JSON: a preset name, { preset, confine } or { formula, box }, or the
 * kind-tagged spec the runner writes in its output ({ kind: 'preset' | 'formula' | 'drawn', ... }),
 * so a run's `config` can be fed back with --config.
 */
export function parseTargetSpec(v: unknown): TargetSpec {
  if (typeof v === 'string') return { kind: 'preset', name: v };
  if (!isRecord(v)) throw new Error('invalid target: must be a preset name or { formula, box } / { preset, confine }');
  if (v.kind !== undefined) return parseTaggedTarget(v);
  if (typeof v.formula === 'string') return { kind: 'formula', formula: v.formula, box: v.box === undefined ? undefined : parseBox(v.box) };
  if (typeof v.preset === 'string') {
    if (v.confine !== undefined && typeof v.confine !== 'boolean') throw new Error(`invalid confine: ${String(v.confine)} (must be true or false)`);
    return { kind: 'preset', name: v.preset, confine: v.confine as boolean | undefined };
  }
  throw new Error('invalid target: give "preset" or "formula"');
}

function parseTaggedTarget(v: Record<string, unknown>): TargetSpec {
  if (v.kind === 'preset' && typeof v.name === 'string') return parseTargetSpec({ preset: v.name, confine: v.confine });
  if (v.kind === 'formula' && typeof v.formula === 'string') return parseTargetSpec({ formula: v.formula, box: v.box });
  if (v.kind === 'drawn') {
    const spec = { kind: 'drawn' as const, box: parseBox(v.box), bumps: v.bumps as Bump[] };
    const problem = checkDrawnSpec(spec);
    if (problem) throw new Error(problem);
    return spec;
  }
  throw new Error(`invalid target: kind '${String(v.kind)}' with the wrong fields (preset: name; formula: formula, box; drawn: box, bumps)`);
}

/**
 * Validate a plain object (from --config JSON or from flags) into a RunConfig. Every problem
 * is reported as one precise message; the sampler parameters are checked against their
 * declarations so a typo fails here, not halfway through a run.
 */
export function parseRunConfig(raw: unknown): RunConfig {
  if (!isRecord(raw)) throw new Error('invalid config: must be a JSON object');
  const known = new Set(['target', 'sampler', 'params', 'run', 'checkpoints', 'metrics']);
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new Error(`unknown config key '${k}' (valid: ${[...known].join(', ')})`);
  const target = parseTargetSpec(raw.target ?? DEFAULT_PRESET);
  const sampler = raw.sampler ?? DEFAULT_SAMPLER;
  if (typeof sampler !== 'string') throw new Error('invalid sampler: must be a name');
  const spec = samplerInfo(sampler);
  const params = raw.params ?? {};
  if (!isRecord(params)) throw new Error('invalid params: must be an object of name: value');
  const checked = resolveParams(spec.params, params);
  const overrides = Object.fromEntries(Object.keys(params).map((k) => [k, checked[k]])) as RunConfig['params'];
  const runRaw = raw.run ?? {};
  if (!isRecord(runRaw)) throw new Error('invalid run: must be an object');
  const run = resolveParams(RUN_PARAMS, runRaw);
  const cps = raw.checkpoints ?? [0, run.steps];
  if (!Array.isArray(cps) || !cps.every((c) => Number.isInteger(c) && c >= 0))
    throw new Error(`invalid checkpoints: ${JSON.stringify(cps)} (must be non-negative integers)`);
  const over = (cps as number[]).find((c) => c > run.steps);
  if (over !== undefined) throw new Error(`invalid checkpoints: ${over} is after the last step (${run.steps})`);
  const checkpoints = [...new Set(cps as number[])].sort((a, b) => a - b);
  if (raw.metrics !== undefined && typeof raw.metrics !== 'boolean') throw new Error(`invalid metrics: ${String(raw.metrics)} (must be true or false)`);
  return { target, sampler, params: overrides, run, checkpoints, metrics: raw.metrics === true };
}
