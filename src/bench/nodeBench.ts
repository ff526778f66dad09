import { absorbedLse } from '../engine/etd/coupling/absorbedLse';
import { onlineLse } from '../engine/etd/coupling/onlineLse';
import type { LseOpsFactory } from '../engine/etd/coupling/lseOps';
import { defaultLseOps, KERNEL_BUDGET, sinkhornScaling } from '../engine/etd/coupling/sinkhorn';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createPresetTarget } from '../engine/targets/presets';
import type { KernelTeam } from '../engine/parallel/team';
import { useKernels } from '../engine/wasm/simd';
import { etdProblem } from './problems';
import { bestMs } from './timing';

export interface BenchRow {
  readonly where: 'node' | 'chromium' | 'python';
  readonly backend: string;
  readonly kernel: string;
  readonly n: number;
  readonly p: number;
  readonly msPerIteration?: number;
  readonly stepsPerSecond?: number;
}

/** Iterations timed per size: enough to dominate set-up, few enough for big N. */
export const itersFor = (n: number) => (n <= 100 ? 30 : n <= 250 ? 20 : n <= 500 ? 10 : 4);

/** CPU path, both reductions: ms per Sinkhorn iteration (set-up of the held kernel included once). */
export function cpuSinkhorn(n: number): BenchRow[] {
  const pb = etdProblem(n);
  const p = pb.y.length / 2;
  const iters = itersFor(n);
  const rows: BenchRow[] = [];
  const held = n * p <= KERNEL_BUDGET;
  const kernels: [string, string, LseOpsFactory][] = [
    ...(held ? ([['cpu (wasm SIMD)', 'held kernel, fused pass', defaultLseOps(n, p)], ['cpu (typed arrays)', 'held kernel', absorbedLse]] as [string, string, LseOpsFactory][]) : []),
    ['cpu (typed arrays)', 'on the fly', onlineLse],
  ];
  for (const [backend, name, ops] of kernels) {
    const ms = bestMs(() => sinkhornScaling(pb, null, { maxIter: iters, tol: 0 }, 1, 1, ops), 2);
    rows.push({ where: 'node', backend, kernel: name, n, p, msPerIteration: ms / iters });
  }
  return rows;
}

/** Whole ETD-B steps per second on gmm-grid-4 (default parameters), on the SIMD kernels (on this thread, or on a team). */
export function etdStepsPerSecond(n: number, steps = n <= 250 ? 10 : n <= 1000 ? 3 : 1, team: KernelTeam | null = null): BenchRow {
  if (team) useKernels(team);
  try {
    const target = createPresetTarget('gmm-grid-4');
    const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2 }) });
    s.step();
    const ms = bestMs(() => { for (let k = 0; k < steps; k++) s.step(); }, n > 1000 ? 1 : 2);
    const backend = team ? `cpu (wasm SIMD, ${team.threads} threads)` : 'cpu (wasm SIMD)';
    return { where: 'node', backend, kernel: 'ETD-B step', n, p: 25 * n, stepsPerSecond: (1000 * steps) / ms };
  } finally {
    if (team) useKernels(null);
  }
}
