/**
 * The typed API of the sampler worker (workers/sampler.worker.ts). The UI imports only
 * these types; all sampler state lives in the worker (workers/session/). Errors thrown by
 * any method arrive in the UI as plain Errors with a readable message (comlink forwards them).
 *
 * A worker holds one session: one sampler (a page panel) on one target. The page runs a worker
 * per panel (src/run/panelPool.ts), which names the panel in messages ("panel 2: invalid eps ...").
 */
import type { TargetSpec } from '../src/engine/targets/fromSpec';
import type { Axes } from '../src/engine/targets/ndSpec';
import type { Box } from '../src/engine/targets/types';
import type { BlrDataPayload } from './session/blrData';

export type { TargetSpec, Axes };

/**
 * The name of errors about a session's sampler spec (an unknown sampler, a bad parameter), as
 * opposed to its target or cloud: the page says which panel they are about.
 */
export const SPEC_ERROR = 'SpecError';

/** The sampler of a session: its name (the catalog's) and its parameter overrides. */
export interface PanelSpec {
  readonly sampler: string;
  /** Overrides by parameter name, validated against the sampler's declarations. */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface SessionRequest {
  readonly target: TargetSpec;
  /**
   * A logistic-regression target on a user's CSV ({ kind: 'blr', data: 'csv:<name>' }): the text
   * the page read locally and the reference it computed, if any. Vendored sets need none (the
   * worker loads them from the build).
   */
  readonly blrData?: BlrDataPayload;
  /** Seed of the initial cloud and of the sampler. */
  readonly seed: number;
  /** Particles. */
  readonly n: number;
  /**
   * Initial cloud N(center, spread^2 I); default center (0, 0), spread 2. On a d-dimensional
   * target the centre is that of the first two coordinates; the others are centred at 0.
   */
  readonly cloud?: { readonly center: readonly [number, number]; readonly spread: number };
  /**
   * The two coordinates (0-based, distinct, < d) a d-dimensional target's frames show; default
   * (0, 1). Ignored by 2D targets. setAxes changes them later without restarting the samplers.
   */
  readonly axes?: Axes;
  /** The sampler; it starts from the initial cloud of (seed, n, cloud), the same in every worker of a page. */
  readonly panel: PanelSpec;
  /** Positions kept per particle for fading trails (default 20). */
  readonly trailLength?: number;
  /** Metrics against the exact target every this-many steps (default 10; 0: never). */
  readonly metricsEvery?: number;
  /**
   * Accept a software WebGPU adapter (SwiftShader) for the fused Sinkhorn kernels: correct but
   * CPU-slow, for tests and demos. Read by the worker's first session only (the choice is kept).
   */
  readonly allowSoftwareWebGPU?: boolean;
  /**
   * How many threads ETD's kernels may use in this worker (an integer >= 1; default 1): the page's
   * share of the cores for this panel (src/run/threadShare.ts). More than 1 takes effect only
   * where shared memory works (a cross-origin isolated page); the backend says what runs.
   */
  readonly threads?: number;
  /**
   * Continue the panel from a frame of an earlier worker (one that died, hung or
   * was cancelled mid-step) instead of the shared initial cloud: its positions, its iteration
   * (the panel counts on from there) and optionally its metric history. The sampler itself
   * starts afresh at those positions: its internal state (step-size schedules, annealing, warm
   * starts) restarts, and its random stream is seeded from (seed, iteration). Reset and
   * setPanel still go back to the initial cloud at step 0.
   */
  readonly resume?: PanelResume;
}

/** Where a resumed panel continues from (see SessionRequest.resume). */
export interface PanelResume {
  /** (n, d) row-major, d = 2 or the d-dimensional target's dim (a frame's coordinates); finite. */
  readonly positions: Float32Array | Float64Array;
  /** The iteration those positions belong to (an integer >= 0). */
  readonly iteration: number;
  /** The panel's metric history so far (records after `iteration` are dropped). */
  readonly history?: MetricHistory;
}

/**
 * Faults the browser tests inject into a worker (reachable only through the page's debug hook,
 * `#debug=faults`): close itself (self.close()), throw an uncaught error, or spin forever.
 */
export type DebugFault = 'close' | 'throw' | 'hang';

/** Where the Sinkhorn iterations run and why: 'webgpu' (fused kernels) or 'cpu' (SIMD kernels or typed arrays). */
export interface BackendInfo {
  readonly name: 'webgpu' | 'cpu';
  readonly reason: string;
  /** On the CPU path: how many threads run the kernels (1 unless a team runs them). */
  readonly threads?: number;
  /**
   * On a hardware WebGPU adapter, the calibration that chose the path for the last problem size:
   * ms for the same Sinkhorn solve on the fused kernels and on the CPU path.
   */
  readonly calibration?: { readonly gpuMs: number; readonly cpuMs: number };
}

/** log density on a regular grid over the box; row 0 is the top row (y = ymax). */
export interface Heatmap {
  readonly width: number;
  readonly height: number;
  /** (height, width), row-major; -Infinity where the density is zero. */
  readonly values: Float32Array;
}

export interface PanelInfo {
  /** The sampler's name as requested, e.g. 'etd-b'. */
  readonly sampler: string;
  /** Display label, e.g. 'ETD-B', 'SVGD'. */
  readonly label: string;
  readonly family: 'etd' | 'baseline';
}

export interface SessionInfo {
  /** The box drawn: the target's, or for a d-dimensional target that of its (i, j) marginal. */
  readonly box: Box;
  /** Transferred: the receiver owns heatmap.values. For a d-dimensional target, the exact (i, j) marginal. */
  readonly heatmap: Heatmap;
  /** Dimension d of the particles (2 for the 2D targets). */
  readonly dim: number;
  /** The coordinates frames show ((0, 1) for 2D targets). */
  readonly axes: Axes;
  readonly panel: PanelInfo;
  readonly n: number;
  readonly trailLength: number;
  readonly metricsEvery: number;
  readonly backend: BackendInfo;
}

/**
 * The last ETD step's plan as an image: rows are particles, columns proposals, both ordered by
 * angle around the box centre. Cell value: log of the plan's mass in the bin,
 * log sum gamma_ij with log gamma_ij = -kappa ||y_j - z_i||^2 + F_i + G_j (log-sum-exp within
 * bins; without binning, exactly log gamma_ij; the whole image sums to ~1). -Infinity: no mass.
 * Same layout as the GPU plan-image kernel (src/engine/gpu/planImage.wgsl.ts).
 */
export interface PlanImage {
  /** min(P, 256) */
  readonly width: number;
  /** min(n, 256) */
  readonly height: number;
  /** (height, width), row-major. */
  readonly logValues: Float32Array;
  /**
   * (n) particle index by angular rank; image row v holds ranks [floor(v n / height),
   * floor((v + 1) n / height)) (so rowOrder[row] is the particle of that row when n <= 256).
   */
  readonly rowOrder: Int32Array;
  /** Plan entries that were NaN (left out of the sums); 0 for a healthy plan. */
  readonly nonFinite: number;
  /** The panel iteration that this plan produced. */
  readonly iteration: number;
}

/** Metrics recorded so far (at most ~1024 evenly spaced points; thinned as the run grows). */
export interface MetricHistory {
  /** (T) panel iteration of each record. */
  readonly steps: Float32Array;
  /** metric name -> (T) values (names as in METRIC_INFO). */
  readonly values: Record<string, Float32Array>;
}

export type PanelStatus = 'ok' | 'failed';

export interface PanelFrame {
  /** Steps this panel has taken (of a failed panel: the last good step). */
  readonly iteration: number;
  /**
   * (n, 2) interleaved x, y; always finite (a failed panel shows its last good positions). On a
   * d-dimensional target: coordinates `axes` of every particle.
   */
  readonly positions: Float32Array;
  /** d-dimensional targets only: (n, d) every coordinate of the positions (exports, resuming). */
  readonly coordinates?: Float32Array;
  /** d-dimensional targets only: the coordinates (i, j) that positions and trails hold. */
  readonly axes?: Axes;
  /**
   * (trailLength, n, 2) ring buffer of past positions; absent when not asked for. A new pair of
   * axes starts the trails afresh (trailCount 1).
   */
  readonly trails?: Float32Array;
  /** Slot of trails holding the newest positions (= positions). */
  readonly trailHead: number;
  /** Valid slots: min(iteration + 1, trailLength); the oldest is (trailHead - trailCount + 1) mod trailLength. */
  readonly trailCount: number;
  /** Diagnostics of the last step (empty before the first). NaN means "not applicable". */
  readonly diagnostics: Record<string, number>;
  readonly status: PanelStatus;
  /** Why the panel failed (status 'failed' only). */
  readonly error?: string;
  /** Latest metrics against the exact target (absent when metricsEvery is 0). */
  readonly metrics?: Record<string, number>;
  /** Iteration at which `metrics` were computed. */
  readonly metricsIteration?: number;
  readonly metricHistory?: MetricHistory;
  /** ETD panels after their first step, when asked for. */
  readonly plan?: PlanImage;
  /** Variational panels (Gaussian VI, GMM VI): q's components on the drawn coordinates. */
  readonly gaussians?: GaussianOverlay;
  /** Variational panels: the ELBO estimate of each step (key 'elbo'), thinned like metricHistory. */
  readonly elboHistory?: MetricHistory;
}

/**
 * The Gaussian components of a variational panel's q, as the plot shows them: the law of the drawn
 * coordinates (i, j) of each component, N(means_c, covariance_c). Equal weights 1/C.
 */
export interface GaussianOverlay {
  /** (C, 2) component means on the drawn coordinates. */
  readonly means: Float32Array;
  /** (C, 3) the 2 x 2 marginal covariance of each component: xx, xy, yy. */
  readonly covariances: Float32Array;
}

export interface RunState {
  readonly running: boolean;
  /** Measured steps per second of the run loop; 0 when paused. */
  readonly stepsPerSecond: number;
  /** Where Sinkhorn runs now (changes when a lost GPU device falls back to the CPU). */
  readonly backend?: BackendInfo;
}

export interface SessionFrame {
  /** The panel's state. Every typed array is transferred. */
  readonly panel: PanelFrame;
  readonly run: RunState;
}

/** What setAxes returns: the new pair and the exact (i, j) marginal to draw under the particles. */
export interface AxesView {
  readonly axes: Axes;
  readonly box: Box;
  /** Transferred: the receiver owns heatmap.values. */
  readonly heatmap: Heatmap;
}

/** What frame() includes besides positions and diagnostics (all default true). */
export interface FrameOptions {
  readonly trails?: boolean;
  readonly plan?: boolean;
  readonly history?: boolean;
}

/** Row i of the last ETD plan: where particle i's update could send it. */
export interface CouplingRow {
  /** (P, 2) the proposals of the last step. */
  readonly proposals: Float32Array;
  /** (P) gbar_i., sums to 1. */
  readonly weights: Float32Array;
  /** (<= 10) proposal indices with the largest weights, largest first. */
  readonly topK: Int32Array;
  /** The particle's cost anchor z_i at that step (its position before the move, for the euclidean cost). */
  readonly source: readonly [number, number];
  /** The panel iteration that this plan produced. */
  readonly iteration: number;
}

/** The `top` likeliest destinations of an even stride of at most maxParticles particles of the last plan. */
export interface CouplingLines {
  /** (k) the particles drawn. */
  readonly particles: Int32Array;
  /** (k, 2) their cost anchors z_i. */
  readonly sources: Float32Array;
  /** (k, top, 2) their likeliest destinations. */
  readonly destinations: Float32Array;
  /** (k, top) row-normalised weights of those destinations (0 where a row has fewer). */
  readonly weights: Float32Array;
  /** The panel iteration that this plan produced. */
  readonly iteration: number;
}

/** Plan images of one Sinkhorn solve: after some iterations, then the returned plan. */
export interface StagePlanFrames {
  readonly width: number;
  readonly height: number;
  /** (frames) the iteration each image follows; the last frame is the returned plan. */
  readonly iterations: Int32Array;
  /** (frames, height, width) log plan mass per bin, laid out as PlanImage.logValues. */
  readonly logValues: Float32Array;
}

/**
 * One real ETD step of a panel, recorded stage by stage (SamplerApi.stages): the panel took this
 * step. Points are (k, 2) interleaved; P = n * M proposals, slot j = i * M + m. Every typed
 * array is transferred.
 */
export interface StageRecord {
  /** The panel's iteration after this step. */
  readonly iteration: number;
  readonly label: string;
  readonly n: number;
  readonly proposals: number;
  /** The particle whose cost row and plan row are included. */
  readonly particle: number;
  /** The ETD parameters of the panel (numbers, and names of the axis choices). */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** Why this step ran on the CPU path although the panel couples on WebGPU; null when it did not. */
  readonly cpuNote: string | null;
  /** (n, 2) particles before the step. */
  readonly x: Float32Array;
  /** (n, 2) clipped scores (zero when score-free). */
  readonly scores: Float32Array;
  /** (n, 2) proposal means. */
  readonly mu: Float32Array;
  readonly alpha: number;
  readonly sigma: number;
  /** (P, 2) pooled proposals. */
  readonly y: Float32Array;
  /** (P) normalised log importance weights, LSE = 0. */
  readonly logB: Float32Array;
  /** The log weight floor (max log b - LOG_WEIGHT_FLOOR) and how many proposals sit on it. */
  readonly logBFloor: number;
  readonly floored: number;
  /** Proposals whose density was not finite, and whether the weights fell back to uniform. */
  readonly nonFiniteDensity: number;
  readonly degenerateWeights: boolean;
  /** The cost statistic (median or mean) C was divided by, C = costCoef ||y - z||^2 before it. */
  readonly costScale: number;
  readonly costCoef: number;
  /** log K_ij = -kappa ||y_j - z_i||^2. */
  readonly kappa: number;
  /** The chosen particle's cost anchor z_i. */
  readonly anchor: readonly [number, number];
  /** (P) normalised cost C_ij / scale from the chosen particle. */
  readonly costRow: Float32Array;
  /**
   * With a preconditioned cost: the anchors (n, 2) and proposals (P, 2) whitened by the factor, in
   * which C = costCoef ||y - z||^2 is measured (x, y and anchor above stay in the particles'
   * coordinates); null when the cost is not preconditioned.
   */
  readonly costPoints: { readonly z: Float32Array; readonly y: Float32Array } | null;
  readonly sinkhorn: {
    readonly iterations: number;
    readonly converged: boolean;
    readonly tol: number;
    readonly omega: number;
    /** (iterations) L1 marginal residual after each iteration, and its row and column parts. */
    readonly residuals: Float32Array;
    readonly rowResiduals: Float32Array;
    readonly colResiduals: Float32Array;
    readonly rowError: number;
    readonly colError: number;
    /** The returned plan's residual (rowError + colError when balanced; the relaxed marginal's own measure otherwise), compared with tol. */
    readonly residual: number;
    readonly frames: StagePlanFrames;
  };
  /** (P) row of the chosen particle in the returned plan, gbar_i., sums to 1. */
  readonly planRow: Float32Array;
  /** Mean coupling ESS of the rows. */
  readonly ess: number;
  /** (n) proposal each particle moved to (categorical; -1 stayed), or null. */
  readonly picks: Int32Array | null;
  /** (n, 2) row barycentres (barycentric), or null. */
  readonly means: Float32Array | null;
  /** (n, 2) after the update, and after the mutation (equal when mutation is none). */
  readonly xUpdated: Float32Array;
  readonly xAfter: Float32Array;
  /** Mutation acceptance rate (NaN without mutation). */
  readonly acceptance: number;
}

/** A variational panel's q (workers/session/viParameters.ts): every component in all d coordinates. */
export interface ViParameters {
  readonly sampler: string;
  readonly label: string;
  readonly iteration: number;
  readonly dim: number;
  readonly components: readonly {
    readonly weight: number;
    /** (d) */
    readonly mean: readonly number[];
    /** (d, d) row by row: S S^T of the component's scale S. */
    readonly covariance: readonly (readonly number[])[];
  }[];
}

export interface RunOptions {
  /** Cap on steps per second, > 0. */
  readonly stepsPerSecond: number;
  /** Most steps between two yields of the loop (default: as many as fit in ~12 ms). */
  readonly stepsPerFrame?: number;
}

export interface SamplerApi {
  /** Build target, initial cloud and sampler; replaces the session (a failed create keeps the old one). The new session is paused. */
  createSession(req: SessionRequest): Promise<SessionInfo>;
  /** Advance the panel k >= 0 steps (pauses the run loop first). */
  step(k: number): Promise<void>;
  /** The panel's current state. */
  frame(opts?: FrameOptions): Promise<SessionFrame>;
  /** A row of the last plan of an ETD panel. */
  couplingRow(particle: number): Promise<CouplingRow>;
  /** The likeliest destinations of many particles of the last plan, in one call (the coupling-lines overlay). */
  couplingLines(top: number, maxParticles: number): Promise<CouplingLines>;
  /**
   * Pause, take the next step of an ETD panel with every stage recorded and return the record
   * (the panel advances exactly as a plain step would); particle chooses the rows included.
   */
  stages(particle: number): Promise<StageRecord>;
  /** The q of a variational panel (Gaussian or mixture VI); rejects for other samplers. */
  viParameters(): Promise<ViParameters>;
  /** Restart with a new sampler / parameters from the initial cloud (a refused spec keeps the old one). */
  setPanel(spec: PanelSpec): Promise<PanelInfo>;
  /**
   * Show coordinates (i, j) of a d-dimensional target (0-based, distinct, < d): frames and trails
   * project on them from now on, the sampler keeps stepping (running or not, no restart).
   */
  setAxes(i: number, j: number): Promise<AxesView>;
  /** Start (or retune) the run loop inside the worker. */
  run(opts: RunOptions): Promise<void>;
  /** Stop the run loop; resolves once no step is scheduled. */
  pause(): Promise<void>;
  runState(): Promise<RunState>;
  /** Back to step 0 (same cloud, seed and sampler); pauses. */
  reset(): Promise<void>;
  /**
   * Let ETD's kernels use k threads from the next step on (the page's share changed: panels were
   * added or removed); resolves with the backend as it then runs.
   */
  setThreads(k: number): Promise<BackendInfo>;
  /** Drop the session (and stop the loop). */
  dispose(): Promise<void>;
  /** Test hook: make this worker die or hang right after replying (see DebugFault). */
  debugFault(kind: DebugFault): Promise<void>;
}
