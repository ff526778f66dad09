/**
 * The lab's measurement, step by step, shared by the page's workers and the runner (npm run lab)
 * so both give the same numbers on the same settings:
 *  1. Sinkhorn between the two clouds (annealed below ANNEAL_BELOW, tolerance LAB_TOL);
 *  2. a learned model trained in chunks of TRAIN_CHUNK steps until its stopping rule fires at the
 *     end of a chunk (src/engine/lab/plateau.ts) or the step cap;
 *  3. at a picked point x: the plan row of the nearest source point x_i, its sampling floor
 *     (src/engine/lab/rowFloor.ts), `count` samples of the learned pi(. | x_i) from
 *     sampleRng(seed, i), and their energy distance to the row (src/engine/lab/weightedEnergy.ts).
 */
import type { Learner } from './learners';
import { solveLab, type LabSolve } from './labSinkhorn';
import { Plateau, type PlateauSettings, type PlateauState } from './plateau';
import { conditionalRow, densePlan } from './labPlanViews';

/** Sinkhorn is annealed from eps = 10 below this eps (from zero potentials it needs thousands of iterations). */
export const ANNEAL_BELOW = 0.05;

/** Steps per chunk: the stopping rule is looked at after each chunk (page and runner alike). */
export const TRAIN_CHUNK = 10;

/** Samples of a learned conditional per picked point (the page's and the runner's default). */
export const SAMPLE_COUNT = 500;

export interface SolvedPlan {
  readonly solve: LabSolve;
  /** Dense plan (n, p). */
  readonly plan: Float32Array;
  /** Row i normalised: Sinkhorn's conditional law of the target given source point i, (p). */
  row(i: number): Float64Array;
}

export function solvePlan(source: Float64Array, target: Float64Array, eps: number, anneal = eps < ANNEAL_BELOW): SolvedPlan {
  const solve = solveLab(source, target, eps, { anneal });
  const plan = densePlan(solve.problem, solve.result.F, solve.result.G);
  const p = target.length / 2;
  return { solve, plan, row: (i) => conditionalRow(plan, p, i) };
}

export interface ChunkReport {
  /** The chunk's losses. */
  readonly losses: number[];
  readonly state: PlateauState;
}

/** Train one chunk and feed the rule; state.stopped says whether training is over. */
export async function trainChunk(learner: Learner, rule: Plateau): Promise<ChunkReport> {
  const left = rule.settings.cap - rule.state.steps;
  const losses = await learner.train(Math.min(TRAIN_CHUNK, left));
  for (const v of losses) rule.push(v);
  return { losses, state: rule.state };
}

/** Train until the rule stops it; onChunk sees every chunk (progress). */
export async function trainToStop(learner: Learner, settings: PlateauSettings, onChunk?: (r: ChunkReport) => void): Promise<PlateauState> {
  const rule = new Plateau(settings);
  for (;;) {
    const r = await trainChunk(learner, rule);
    onChunk?.(r);
    if (r.state.stopped) return r.state;
  }
}
