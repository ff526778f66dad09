import type { CouplingResult, SinkhornIterate } from '../coupling/problem';
import type { UpdateTrace } from '../update/types';
import type { PreparedStage, StepRecorder } from './record';

/** Potentials after one Sinkhorn iteration (copies). */
export interface PotentialSnapshot {
  readonly iteration: number;
  readonly F: Float64Array;
  readonly G: Float64Array;
}

/** Most potential snapshots kept: N + P numbers each, so long solves are thinned, not truncated. */
export const MAX_SNAPSHOTS = 32;

/**
 * Everything one recorded ETD step produced. Residuals are kept for every iteration; potentials
 * for at most maxSnapshots of them, evenly spaced (the stride doubles whenever the list fills).
 */
export class RecordedStep implements StepRecorder {
  prep: PreparedStage | null = null;
  readonly residuals: number[] = [];
  readonly rowResiduals: number[] = [];
  readonly colResiduals: number[] = [];
  snapshots: PotentialSnapshot[] = [];
  plan: CouplingResult | null = null;
  trace: UpdateTrace | null = null;
  xUpdated: Float64Array | null = null;
  xMutated: Float64Array | null = null;
  acceptance = NaN;
  private stride = 1;

  constructor(private readonly maxSnapshots = MAX_SNAPSHOTS) {}

  prepared(stage: PreparedStage): void {
    this.prep = stage;
  }

  iteration(it: SinkhornIterate): void {
    this.residuals.push(it.residual);
    this.rowResiduals.push(it.rowResidual);
    this.colResiduals.push(it.colResidual);
    if (it.iteration % this.stride !== 0) return;
    this.snapshots.push({ iteration: it.iteration, F: Float64Array.from(it.F), G: Float64Array.from(it.G) });
    if (this.snapshots.length > this.maxSnapshots) {
      // Keep the multiples of the doubled stride.
      this.snapshots = this.snapshots.filter((s) => s.iteration % (2 * this.stride) === 0);
      this.stride *= 2;
    }
  }

  solved(plan: CouplingResult): void {
    // The held rows are the solver's reusable buffers.
    this.plan = plan.held ? { ...plan, held: null } : plan;
  }

  updated(x: Float64Array, trace: UpdateTrace): void {
    this.xUpdated = Float64Array.from(x);
    this.trace = trace;
  }

  mutated(x: Float64Array, acceptance: number): void {
    this.xMutated = Float64Array.from(x);
    this.acceptance = acceptance;
  }
}
