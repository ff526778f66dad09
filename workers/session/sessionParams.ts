import { RUN_PARAMS } from '../../src/engine/experiment/runParams';
import { checkParam, int, num } from '../../src/engine/params/declare';
import type { TargetSpec } from '../../src/engine/targets/fromSpec';
import type { PanelSpec, RunOptions, SessionRequest } from '../samplerApi';

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
  stepsPerSecond: num(30, 0, 1e6, 'Cap on steps per second of every panel while running.', { minExclusive: true, log: true }),
  stepsPerFrame: int(1000, 1, 100_000, 'Most steps per panel between two yields of the run loop.'),
} as const;

export const MAX_PANELS = 4;
/** Upper bound on step(k), so one call never blocks the worker for long. */
export const MAX_STEPS_PER_CALL = 10_000;

export interface SessionConfig {
  readonly target: TargetSpec;
  readonly seed: number;
  readonly n: number;
  readonly center: readonly [number, number];
  readonly spread: number;
  readonly panels: readonly PanelSpec[];
  readonly trailLength: number;
  readonly metricsEvery: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numberParam = (name: keyof typeof SESSION_PARAMS, raw: unknown): number => checkParam(name, SESSION_PARAMS[name], raw) as number;

const TARGET_SHAPES = '{ kind: "preset", name }, { kind: "formula", formula, box? } or { kind: "drawn", box, bumps }';

/** The target's shape; its contents (names, formulas, bumps) are checked when the target is built. */
function checkTarget(raw: unknown): TargetSpec {
  if (!isRecord(raw)) throw new Error(`invalid target: must be ${TARGET_SHAPES}`);
  if (raw.kind === 'preset' && typeof raw.name === 'string') return raw as TargetSpec;
  if (raw.kind === 'formula' && typeof raw.formula === 'string') return raw as TargetSpec;
  if (raw.kind === 'drawn' && isRecord(raw.box) && Array.isArray(raw.bumps)) return raw as TargetSpec;
  const shown = JSON.stringify(raw);
  throw new Error(`invalid target: ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown} (must be ${TARGET_SHAPES})`);
}

/** The shape of one panel request (the sampler name and parameter values are checked by the engine). */
export function checkPanelSpec(raw: unknown, index: number): PanelSpec {
  if (!isRecord(raw) || typeof raw.sampler !== 'string')
    throw new Error(`panel ${index + 1}: invalid panel: must be { sampler: name, params?: { name: value } }`);
  if (raw.params !== undefined && !isRecord(raw.params)) throw new Error(`panel ${index + 1}: invalid params: must be an object of name: value`);
  return { sampler: raw.sampler, ...(raw.params ? { params: { ...raw.params } } : {}) };
}

/** Validate a createSession request into a complete config; every problem is one precise message. */
export function checkSessionRequest(req: SessionRequest): SessionConfig {
  if (!isRecord(req)) throw new Error('invalid session request: must be an object');
  const panels = req.panels as unknown;
  if (!Array.isArray(panels) || panels.length < 1 || panels.length > MAX_PANELS)
    throw new Error(`invalid panels: ${Array.isArray(panels) ? `${panels.length} panels` : String(panels)} (must be 1 to ${MAX_PANELS} panels)`);
  const cloud = req.cloud as unknown;
  const center: unknown = isRecord(cloud) ? cloud.center : undefined;
  if (cloud !== undefined && (!Array.isArray(center) || center.length !== 2))
    throw new Error('invalid cloud: must be { center: [x, y], spread }');
  return {
    target: checkTarget(req.target),
    seed: numberParam('seed', req.seed),
    n: numberParam('n', req.n),
    center: Array.isArray(center) ? [numberParam('centerX', center[0]), numberParam('centerY', center[1])] : [0, 0],
    spread: isRecord(cloud) ? numberParam('spread', cloud.spread) : SESSION_PARAMS.spread.default,
    panels: panels.map(checkPanelSpec),
    trailLength: numberParam('trailLength', req.trailLength ?? SESSION_PARAMS.trailLength.default),
    metricsEvery: numberParam('metricsEvery', req.metricsEvery ?? SESSION_PARAMS.metricsEvery.default),
  };
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
