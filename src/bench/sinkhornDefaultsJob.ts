import { parentPort } from 'node:worker_threads';
import { computeMetrics, exactReference } from '../engine/metrics';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createPresetTarget } from '../engine/targets/presets';

export interface DefaultsJob {
  readonly target: string;
  readonly seed: number;
  readonly n: number;
  readonly steps: number;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface DefaultsResult {
  readonly meanIterations: number;
  readonly convergedFraction: number;
  readonly energy: number;
  readonly msPerStep: number;
}

/** One ETD-B run: Sinkhorn iterations and convergence over every step, energy distance at the end. */
export function runDefaultsJob(job: DefaultsJob): DefaultsResult {
  const target = createPresetTarget(job.target);
  const initial = initialCloud(job.seed, { n: job.n, center: [0, 0], spread: 2 });
  const s = createSampler('etd-b', { target, seed: job.seed, initial, params: job.params });
  let iterations = 0;
  let converged = 0;
  const reference = exactReference(target);
  let stepMs = 0;
  let energy = 0;
  let measured = 0;
  for (let k = 1; k <= job.steps; k++) {
    const t0 = performance.now();
    const d = s.step();
    stepMs += performance.now() - t0;
    iterations += d.sinkhornIterations;
    converged += d.converged;
    // Energy distance averaged over the second half of the run (every 10 steps): one snapshot is noisy.
    if (k > job.steps / 2 && k % 10 === 0) {
      energy += computeMetrics(target, s.positions(), reference).energy;
      measured++;
    }
  }
  return { meanIterations: iterations / job.steps, convergedFraction: converged / job.steps, energy: energy / measured, msPerStep: stepMs / job.steps };
}

parentPort?.on('message', ({ id, spec }: { id: number; spec: DefaultsJob }) => {
  try {
    parentPort!.postMessage({ id, result: runDefaultsJob(spec) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
