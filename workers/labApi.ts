/** What the lab's workers take and give (workers/lab.worker.ts: Sinkhorn; workers/labLearner.worker.ts: VarEOT and LightSB). */
import type { LabConfig } from '../src/engine/lab/labParams';
import type { LearnedMethod } from '../src/engine/lab/labMethods';
import type { PlateauState } from '../src/engine/lab/plateau';
import type { RowFloor } from '../src/engine/lab/rowFloor';
import type { DebugFault } from './samplerApi';

export interface LabSolveRequest {
  readonly config: LabConfig;
  /** The drawn clouds (n, 2), used when a side is 'drawn'. */
  readonly drawnSource: Float64Array;
  readonly drawnTarget: Float64Array;
  /** Anneal from eps = 10 regardless of config.anneal (Compare: below ANNEAL_BELOW). */
  readonly anneal?: boolean;
  /** Skip the pictures' data (heatmap, lines, map): Compare needs only rows. */
  readonly rowsOnly?: boolean;
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

/** Sinkhorn's conditional of one source point: the normalised plan row and its sampling floor. */
export interface LabRow {
  readonly i: number;
  readonly row: Float64Array;
  readonly floor: RowFloor;
}

export interface LabSolverApi {
  solve(req: LabSolveRequest): LabSolveResult;
  /** Row i of the last plan, normalised, with its floor (seeded by `seed`). */
  conditional(i: number, seed: number): LabRow;
  /** The last plan's entries as CSV text (i, j, x, y, tx, ty, mass). */
  planCsv(): string;
  /** Browser fault tests only (the page's #debug=faults hook). */
  debugFault(kind: DebugFault): void;
}

export interface LearnerStart {
  readonly source: Float64Array;
  readonly target: Float64Array;
  readonly eps: number;
  readonly seed: number;
  /** Step cap of every model. */
  readonly cap: number;
  readonly methods: readonly LearnedMethod[];
}

export interface LearnerInfo {
  /** The tfjs backend VarEOT runs on ('webgpu' only on a hardware adapter, else 'wasm'); '' without VarEOT. */
  readonly backend: string;
  /** Why that backend (the WebGPU probe's verdict). */
  readonly backendReason: string;
}

export interface TrainReport {
  readonly method: LearnedMethod;
  /** The chunk's minibatch losses. */
  readonly losses: number[];
  readonly state: PlateauState;
  /** Milliseconds the chunk took in the worker. */
  readonly ms: number;
}

export interface LearnerSample {
  readonly method: LearnedMethod;
  /** The source point sampled: its index and position. */
  readonly i: number;
  readonly x0: [number, number];
  readonly samples: Float64Array;
  /** How they were drawn. */
  readonly sampling: string;
  /** Energy distance to the given row (null without one). */
  readonly energyDistance: number | null;
  /** Steps the model had when sampled, and whether its training had stopped. */
  readonly steps: number;
  readonly stopped: PlateauState['stopped'];
}

export interface LearnerApi {
  /** Fresh models of the given methods on these clouds (any earlier ones dropped). */
  start(req: LearnerStart): Promise<LearnerInfo>;
  /** One chunk of training of one model (nothing when its rule has stopped it). */
  train(method: LearnedMethod): Promise<TrainReport>;
  /** count samples of the model's pi(. | x0) for source point i (from sampleRng(seed, i)), and their energy distance to row. */
  sample(method: LearnedMethod, x0: [number, number], i: number, count: number, row: Float64Array | null): Promise<LearnerSample>;
  debugFault(kind: DebugFault): void;
}
