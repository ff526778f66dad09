/** What the lab's two workers take and give (workers/lab.worker.ts, workers/labVarEot.worker.ts). */
import type { LabConfig } from '../src/engine/lab/labParams';

export interface LabSolveRequest {
  readonly config: LabConfig;
  /** The drawn clouds (n, 2), used when a side is 'drawn'. */
  readonly drawnSource: Float64Array;
  readonly drawnTarget: Float64Array;
}

export interface LabSolveResult {
  readonly source: Float64Array;
  readonly target: Float64Array;
  readonly eps: number;
  readonly iterations: number;
  /** eps and iterations of every annealing rung (one without annealing). */
  readonly stages: readonly { eps: number; iterations: number }[];
  /** With annealing: iterations of the same solve from zero potentials (for "iterations saved"). */
  readonly coldIterations: number | null;
  readonly converged: boolean;
  /** L1 marginal error of the returned plan: sum_i |gamma_i. - a_i| + sum_j |gamma_.j - b_j|. */
  readonly marginalError: number;
  readonly ms: number;
  /** The plan binned, rows along the source's principal axis, columns by the mean row they receive from. */
  readonly heat: { rows: number; cols: number; mass: Float32Array };
  /** The heaviest few entries of every row. */
  readonly lines: { i: Uint32Array; j: Uint32Array; mass: Float32Array };
  /** Barycentric map T(x_i), (n, 2). */
  readonly map: Float64Array;
}

export interface LabSolverApi {
  solve(req: LabSolveRequest): LabSolveResult;
  /** Row i of the last plan, normalised (Sinkhorn's conditional law given source point i). */
  conditional(i: number): Float64Array;
  /** The last plan's entries as CSV text (i, j, x, y, tx, ty, mass). */
  planCsv(): string;
}

export interface VarEotStart {
  readonly source: Float64Array;
  readonly target: Float64Array;
  readonly eps: number;
  readonly seed: number;
}

export interface VarEotSamples {
  readonly samples: Float64Array;
  readonly stepSize: number;
  readonly steps: number;
}

export interface VarEotApi {
  /** A fresh model; returns the tfjs backend in use. */
  start(req: VarEotStart): Promise<string>;
  /** steps AdamW steps; the loss of each. */
  train(steps: number): number[];
  sample(x0: [number, number], count: number): VarEotSamples;
}
