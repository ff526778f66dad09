/**
 * The lab's workers under the generic supervisor (src/run/supervisor.ts): how each is spawned,
 * how long each call may take before its worker counts as hung, and a registry of the live
 * supervisors so the browser tests can break a worker on purpose (src/run/lab/labDebug.ts).
 */
import { wrap, type Remote } from 'comlink';
import type { LabSolverApi, LearnerApi } from '../../../workers/labApi';
import { LAB_MAX_ITER, annealLadder } from '../../engine/lab/labSinkhorn';
import { spawnWorker, Supervisor, type SupervisorEvent } from '../supervisor';

export type SolverSupervisor = Supervisor<Remote<LabSolverApi>>;
export type LearnerSupervisor = Supervisor<Remote<LearnerApi>>;

/** Supervisors of the lab's workers by site, while they exist (for fault injection in tests). */
export const labSupervisors = new Map<string, Supervisor<Remote<LabSolverApi>> | Supervisor<Remote<LearnerApi>>>();

export function solverSupervisor(site: string, onEvent?: (e: SupervisorEvent) => void): SolverSupervisor {
  const sup = new Supervisor<Remote<LabSolverApi>>({
    site,
    onEvent,
    spawn: () => spawnWorker(() => new Worker(new URL('../../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: site }), (w) => wrap<LabSolverApi>(w), `the ${site} worker`),
  });
  labSupervisors.set(site, sup);
  return sup;
}

export function learnerSupervisor(site: string, onEvent?: (e: SupervisorEvent) => void): LearnerSupervisor {
  const sup = new Supervisor<Remote<LearnerApi>>({
    site,
    onEvent,
    spawn: () => spawnWorker(() => new Worker(new URL('../../../workers/labLearner.worker.ts', import.meta.url), { type: 'module', name: site }), (w) => wrap<LearnerApi>(w), `the ${site} worker`),
  });
  labSupervisors.set(site, sup);
  return sup;
}

/**
 * Allowances, ms. A solve may run LAB_MAX_ITER iterations on every rung of its ladder, each
 * iteration touching n p entries (~1 ns each in a browser worker here; 5 ns allowed for a busy
 * machine), plus a fixed 20 s for the worker's start and the plan's pictures.
 */
export function solveAllowanceMs(n: number, p: number, eps: number, anneal: boolean): number {
  const rungs = anneal ? annealLadder(eps).length : 1;
  return 20_000 + 5e-6 * n * p * LAB_MAX_ITER * rungs;
}

/** A row and its floor (the floor's 64 splits: at most 2000^2 pairs each). */
export const ROW_ALLOWANCE_MS = 20_000;
/** A learner's start: the tfjs backend's first load and choice. */
export const START_ALLOWANCE_MS = 60_000;
/** Sampling: Langevin chains (VarEOT) or exact draws (LightSB) for one point. */
export const SAMPLE_ALLOWANCE_MS = 60_000;

/** A training chunk: 20 times the last chunk's time, at least 15 s (60 s for the first: its kernels compile). */
export function chunkAllowanceMs(lastChunkMs: number | null): number {
  return lastChunkMs === null ? 60_000 : Math.max(15_000, 20 * lastChunkMs);
}
