/**
 * A recorded ETD step (src/engine/etd/stages) as the StageRecord the UI draws: float32 copies,
 * the chosen particle's cost and plan rows, and small plan images after the recorded Sinkhorn
 * iterations (at most MAX_SNAPSHOTS of them, each binned to STAGE_PLAN_SIDE square).
 */
import type { EtdParams } from '../../src/engine/etd/params';
import { costRow } from '../../src/engine/etd/stages/costRow';
import type { RecordedStep } from '../../src/engine/etd/stages/recordedStep';
import { LOG_WEIGHT_FLOOR } from '../../src/engine/etd/weights/importance';
import type { StageRecord } from '../samplerApi';
import { couplingRow, planImage } from './couplingViews';

/** Side of the per-iteration plan images (the view draws them a few hundred pixels wide). */
export const STAGE_PLAN_SIDE = 48;

const f32 = (a: Float64Array): Float32Array => Float32Array.from(a);

export interface StageContext {
  readonly label: string;
  readonly params: EtdParams;
  readonly particle: number;
  readonly iteration: number;
  readonly centre: readonly [number, number];
  readonly cpuNote: string | null;
}

export function stageRecord(rec: RecordedStep, ctx: StageContext): StageRecord {
  const { prep, plan, trace, xUpdated, xMutated } = rec;
  if (!prep || !plan || !trace || !xUpdated || !xMutated) throw new Error('the recorded step is incomplete');
  const pb = prep.problem;
  const n = pb.z.length >> 1;
  const P = pb.y.length >> 1;
  const i = ctx.particle;
  const { z, y, logB } = pb;
  // A whitened (preconditioned) cost: draw the particles' coordinates, measure the cost in the whitened ones.
  const shown = pb.positions ?? { z, y };
  let max = -Infinity;
  for (let j = 0; j < P; j++) max = Math.max(max, logB[j]);
  const logBFloor = max - LOG_WEIGHT_FLOOR;
  let floored = 0;
  for (let j = 0; j < P; j++) if (logB[j] <= logBFloor) floored++;
  const zx = shown.z[2 * i], zy = shown.z[2 * i + 1];
  let planRow: Float32Array;
  try {
    planRow = couplingRow(pb, plan, i, 1).weights;
  } catch {
    planRow = new Float32Array(P); // a degenerate row: nothing to draw
  }
  const steps = [...rec.snapshots, { iteration: plan.iterations, F: plan.F, G: plan.G }];
  const images = steps.map((s) => planImage(pb, s, ctx.centre, STAGE_PLAN_SIDE));
  const { width, height } = images[0];
  const logValues = new Float32Array(images.length * width * height);
  images.forEach((im, k) => logValues.set(im.logValues, k * width * height));
  let ess = 0;
  for (let r = 0; r < n; r++) ess += plan.rowEss[r];
  const p = ctx.params;
  const categorical = p.update === 'categorical';
  return {
    iteration: ctx.iteration,
    label: ctx.label,
    n,
    proposals: P,
    particle: i,
    params: { ...p },
    cpuNote: ctx.cpuNote,
    x: f32(prep.x),
    scores: f32(prep.scores),
    mu: f32(prep.mu),
    alpha: prep.alpha,
    sigma: prep.sigma,
    y: f32(shown.y),
    logB: f32(logB),
    logBFloor,
    floored,
    nonFiniteDensity: prep.nonFiniteDensity,
    degenerateWeights: prep.degenerateWeights,
    costScale: prep.costScale,
    costCoef: prep.costCoef,
    kappa: pb.kappa,
    anchor: [zx, zy],
    costRow: costRow(y, [z[2 * i], z[2 * i + 1]], prep.costCoef, prep.costScale),
    costPoints: pb.positions ? { z: f32(z), y: f32(y) } : null,
    sinkhorn: {
      iterations: plan.iterations,
      converged: plan.converged,
      tol: p.tol,
      omega: plan.omega,
      residuals: Float32Array.from(rec.residuals),
      rowResiduals: Float32Array.from(rec.rowResiduals),
      colResiduals: Float32Array.from(rec.colResiduals),
      rowError: plan.rowError,
      colError: plan.colError,
      residual: plan.residual,
      frames: { width, height, iterations: Int32Array.from(steps, (s) => s.iteration), logValues },
    },
    planRow,
    ess: ess / n,
    picks: categorical && trace.picks ? Int32Array.from(trace.picks) : null,
    means: !categorical && trace.means ? f32(trace.means) : null,
    xUpdated: f32(xUpdated),
    xAfter: f32(xMutated),
    acceptance: rec.acceptance,
  };
}

/** Every buffer of a record, for comlink.transfer. */
export function stageRecordBuffers(r: StageRecord): ArrayBuffer[] {
  const arrays = [r.x, r.scores, r.mu, r.y, r.logB, r.costRow, r.planRow, r.xUpdated, r.xAfter, r.picks, r.means, r.costPoints?.z ?? null, r.costPoints?.y ?? null];
  const s = r.sinkhorn;
  arrays.push(s.residuals, s.rowResiduals, s.colResiduals, s.frames.iterations, s.frames.logValues);
  return arrays.filter((a) => a !== null).map((a) => a.buffer as ArrayBuffer);
}
