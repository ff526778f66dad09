import { specError } from '../plainError';
import { RUN_PARAMS } from '../../src/engine/experiment/runParams';
import { checkParam, int, num } from '../../src/engine/params/declare';
import type { TargetSpec } from '../../src/engine/targets/fromSpec';
import { checkPair } from '../../src/engine/targets/nd/dims';
import { DEFAULT_AXES, specDim, type Axes } from '../../src/engine/targets/ndSpec';
import type { MetricHistory, PanelSpec, RunOptions, SessionRequest } from '../samplerApi';

/** Session-level settings, declared once (the experiment-wide ones come from RUN_PARAMS). */
export const SESSION_PARAMS = {
  n: RUN_PARAMS.n,
  seed: RUN_PARAMS.seed,
  centerX: RUN_PARAMS.centerX,
  centerY: RUN_PARAMS.centerY,
  spread: RUN_PARAMS.spread,
  trailLength: int(20, 1, 500, 'Past positions kept per particle for the fading trails.'),
  metricsEvery: int(10, 0, 1_000_000, 'Metrics against the exact target every this-many steps (0: never).'),
} as const;

export const RUN_LOOP_PARAMS = {
  stepsPerSecond: num(30, 0, 1e6, 'Cap on steps per second while running.', { minExclusive: true, log: true }),
  stepsPerFrame: int(1000, 1, 100_000, 'Most steps between two yields of the run loop.'),
} as const;

/** Upper bound on step(k), so one call never blocks the worker for long. */
export const MAX_STEPS_PER_CALL = 10_000;

export interface SessionConfig {
  readonly target: TargetSpec;
  readonly seed: number;
  readonly n: number;
  readonly center: readonly [number, number];
  readonly spread: number;
  readonly panel: PanelSpec;
  readonly trailLength: number;
  readonly metricsEvery: number;
  /** Coordinates drawn of a d-dimensional target ((0, 1) otherwise). */
  readonly axes: Axes;
  /** The panel continues from here instead of the initial cloud at step 0 (see SessionRequest.resume). */
  readonly resume: ResumePoint | null;
}

export interface ResumePoint {
  /** (n, d) */
  readonly positions: Float64Array;
  readonly iteration: number;
  readonly history: MetricHistory | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numberParam = (name: keyof typeof SESSION_PARAMS, raw: unknown): number => checkParam(name, SESSION_PARAMS[name], raw) as number;

const TARGET_SHAPES = '{ kind: "preset", name }, { kind: "formula", formula, box? }, { kind: "drawn", box, bumps }, { kind: "nd", name, dim }, { kind: "logistic2d", points } or { kind: "blr", data }';

/** The target's shape; its contents (names, formulas, bumps) are checked when the target is built. */
function checkTarget(raw: unknown): TargetSpec {
  if (!isRecord(raw)) throw new Error(`invalid target: must be ${TARGET_SHAPES}`);
  if (raw.kind === 'preset' && typeof raw.name === 'string') return raw as TargetSpec;
  if (raw.kind === 'formula' && typeof raw.formula === 'string') return raw as TargetSpec;
  if (raw.kind === 'drawn' && isRecord(raw.box) && Array.isArray(raw.bumps)) return raw as TargetSpec;
  if (raw.kind === 'nd' && typeof raw.name === 'string' && typeof raw.dim === 'number') return raw as TargetSpec;
  if (raw.kind === 'logistic2d' && Array.isArray(raw.points)) return raw as TargetSpec;
  if (raw.kind === 'blr' && typeof raw.data === 'string') return { kind: 'blr', data: raw.data };
  const shown = JSON.stringify(raw);
  throw new Error(`invalid target: ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown} (must be ${TARGET_SHAPES})`);
}

/** The shape of a panel request (the sampler name and parameter values are checked by the engine). */
export function checkPanelSpec(raw: unknown): PanelSpec {
  if (!isRecord(raw) || typeof raw.sampler !== 'string') throw specError('invalid panel: must be { sampler: name, params?: { name: value } }');
  if (raw.params !== undefined && !isRecord(raw.params)) throw specError('invalid params: must be an object of name: value');
  return { sampler: raw.sampler, ...(raw.params ? { params: { ...raw.params } } : {}) };
}

/**
 * Validate a createSession request into a complete config; every problem is one precise message.
 * dataDim: the dimension of a logistic-regression target (its data set's, known once loaded).
 */
export function checkSessionRequest(req: SessionRequest, dataDim?: number): SessionConfig {
  if (!isRecord(req)) throw new Error('invalid session request: must be an object');
  const cloud = req.cloud as unknown;
  const center: unknown = isRecord(cloud) ? cloud.center : undefined;
  if (cloud !== undefined && (!Array.isArray(center) || center.length !== 2))
    throw new Error('invalid cloud: must be { center: [x, y], spread }');
  const target = checkTarget(req.target);
  const dim = target.kind === 'blr' && dataDim !== undefined ? dataDim : specDim(target);
  return {
    target,
    seed: numberParam('seed', req.seed),
    n: numberParam('n', req.n),
    center: Array.isArray(center) ? [numberParam('centerX', center[0]), numberParam('centerY', center[1])] : [0, 0],
    spread: isRecord(cloud) ? numberParam('spread', cloud.spread) : SESSION_PARAMS.spread.default,
    panel: checkPanelSpec(req.panel),
    trailLength: numberParam('trailLength', req.trailLength ?? SESSION_PARAMS.trailLength.default),
    metricsEvery: numberParam('metricsEvery', req.metricsEvery ?? SESSION_PARAMS.metricsEvery.default),
    axes: dim > 2 && req.axes !== undefined ? checkAxes(req.axes, dim) : DEFAULT_AXES,
    resume: req.resume === undefined ? null : checkResume(req.resume, numberParam('n', req.n), dim),
  };
}

/** A pair of coordinates of a d-dimensional target: two distinct integers in [0, d). */
export function checkAxes(raw: unknown, dim: number): Axes {
  if (!Array.isArray(raw) || raw.length !== 2) throw new Error(`invalid axes: ${JSON.stringify(raw)} (must be [i, j])`);
  const [i, j] = raw as unknown[];
  checkPair(dim, i as number, j as number);
  return [i as number, j as number];
}

const isNumbers = (v: unknown): v is ArrayLike<number> => v instanceof Float32Array || v instanceof Float64Array || Array.isArray(v);

/** A resume point: (n, d) finite positions, an integer iteration, a history of matching columns. */
function checkResume(raw: unknown, n: number, dim: number): ResumePoint {
  if (!isRecord(raw)) throw new Error('invalid resume: must be { positions, iteration, history? }');
  const { positions, iteration, history } = raw;
  if (!isNumbers(positions) || positions.length !== dim * n)
    throw new Error(`invalid resume positions: must be ${dim * n} numbers (n = ${n} particles, ${dim === 2 ? 'x and y' : `${dim} coordinates each`})`);
  const x = Float64Array.from(positions);
  if (!x.every(Number.isFinite)) throw new Error('invalid resume positions: must be finite');
  if (!Number.isSafeInteger(iteration) || (iteration as number) < 0) throw new Error(`invalid resume iteration: ${String(iteration)} (must be an integer >= 0)`);
  return { positions: x, iteration: iteration as number, history: history === undefined ? null : checkHistory(history) };
}

function checkHistory(raw: unknown): MetricHistory {
  const bad = () => new Error('invalid resume history: must be { steps, values: { name: column } } with columns as long as steps');
  if (!isRecord(raw) || !isNumbers(raw.steps) || !isRecord(raw.values)) throw bad();
  const steps = Float32Array.from(raw.steps);
  const columns = Object.entries(raw.values).map(([name, column]): [string, Float32Array] => {
    if (!isNumbers(column) || column.length !== steps.length) throw bad();
    return [name, Float32Array.from(column)];
  });
  return { steps, values: Object.fromEntries(columns) }; // fromEntries: a column named __proto__ stays a column
}

export function checkRunOptions(opts: RunOptions): Required<RunOptions> {
  if (!isRecord(opts)) throw new Error('invalid run options: must be { stepsPerSecond, stepsPerFrame? }');
  const d = RUN_LOOP_PARAMS;
  return {
    stepsPerSecond: checkParam('stepsPerSecond', d.stepsPerSecond, opts.stepsPerSecond) as number,
    stepsPerFrame: checkParam('stepsPerFrame', d.stepsPerFrame, opts.stepsPerFrame ?? d.stepsPerFrame.default) as number,
  };
}

export function checkStepCount(k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > MAX_STEPS_PER_CALL)
    throw new Error(`invalid step count: ${k} (must be an integer >= 0 and <= ${MAX_STEPS_PER_CALL})`);
  return k;
}
