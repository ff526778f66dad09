import { ETD_STAGES, StageClock, type EtdStage } from '../engine/etd/stageClock';
import type { KernelTeam } from '../engine/parallel/team';
import type { EtdSampler } from '../engine/samplers/etdSampler';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createPresetTarget } from '../engine/targets/presets';
import { estimateStepMs } from '../engine/samplers/costModel';
import { setSimdEnabled, simd, useKernels } from '../engine/wasm/simd';
import { SimdKernel } from '../engine/etd/coupling/simdKernel';
import { KERNEL_BUDGET } from '../engine/etd/coupling/sinkhorn';

export interface StageProfile {
  readonly n: number;
  readonly path: 'simd' | 'typed arrays';
  /** Threads running the kernels (1: this thread only). */
  readonly threads: number;
  readonly msPerStep: number;
  readonly iterations: number;
  readonly stages: Readonly<Record<EtdStage, number>>;
  /**
   * The two exp passes per N x P entry (P = 25 N), ns: the kernel build (timed on its own on the
   * last step's problem, best of 3: in a step it is fused into the first Sinkhorn pass) and the
   * proposal-mixture density (its stage).
   */
  readonly nsPerEntry: { readonly kernelBuild: number; readonly mixture: number };
  /** With a team: fork-join jobs per step, and ms per step the caller waited at their ends for helpers. */
  readonly sync?: { readonly jobsPerStep: number; readonly inlinePerStep: number; readonly waitMsPerStep: number };
  /** What the UI's cost model predicts for this step (src/engine/samplers/costModel.ts). */
  readonly predictedMs: number;
}

/** Default steps timed per size. */
export const profileSteps = (n: number): number => (n <= 250 ? 20 : n <= 500 ? 6 : n <= 1000 ? 3 : 2);

/**
 * Where the time of one default ETD-B step goes, stage by stage (gmm-grid-4, after 5 warm-up
 * steps), on the SIMD kernels (on this thread, or on a team of threads) or on the typed-array
 * fallback.
 */
export function stageProfile(n: number, path: StageProfile['path'], steps = profileSteps(n), team: KernelTeam | null = null): StageProfile {
  setSimdEnabled(path === 'simd');
  if (team) useKernels(team);
  try {
    const target = createPresetTarget('gmm-grid-4');
    const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2 }) }) as EtdSampler;
    for (let k = 0; k < 5; k++) s.step();
    const clock = new StageClock();
    const before = team ? { ...team.stats } : null;
    let iterations = 0;
    const t0 = performance.now();
    for (let k = 0; k < steps; k++) iterations += s.step(clock).sinkhornIterations;
    const msPerStep = (performance.now() - t0) / steps;
    const stages = Object.fromEntries(ETD_STAGES.map((st) => [st, (clock.totals.get(st) ?? 0) / steps])) as Record<EtdStage, number>;
    const entries = n * 25 * n;
    const sync =
      team && before
        ? { jobsPerStep: (team.stats.jobs - before.jobs) / steps, inlinePerStep: (team.stats.inline - before.inline) / steps, waitMsPerStep: (team.stats.waitMs - before.waitMs) / steps }
        : undefined;
    return {
      n,
      path,
      threads: team?.threads ?? 1,
      msPerStep,
      iterations: iterations / steps,
      stages,
      nsPerEntry: { kernelBuild: path === 'simd' ? (buildMs(s) * 1e6) / entries : NaN, mixture: (stages['mixture density'] * 1e6) / entries },
      ...(sync ? { sync } : {}),
      predictedMs: estimateStepMs('etd-b', n),
    };
  } finally {
    if (team) useKernels(null);
    setSimdEnabled(true);
  }
}

/** The held kernel's build alone on the sampler's last problem (on the current kernels' threads), best of 3, ms. */
function buildMs(s: EtdSampler): number {
  const k = simd();
  const pb = s.lastCoupling()?.problem;
  if (!k || !pb || (pb.z.length / 2) * (pb.y.length / 2) > KERNEL_BUDGET) return NaN; // above the budget nothing is held
  const held = new SimdKernel(k.exports, k.arena, pb, new Float64Array(pb.y.length / 2), k.runner);
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    held.buildNow();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** The vector exp alone (assembly/kernels.ts exp4) on this thread: ns per entry, best of 5 passes over 2^20 floats in [-80, 0]. */
export function expNsPerEntry(): number {
  const s = simd();
  if (!s) return NaN;
  const n = 1 << 20;
  s.arena.reset();
  const x = s.arena.alloc(n), out = s.arena.alloc(n);
  const xs = s.arena.f32(x, n);
  for (let k = 0; k < n; k++) xs[k] = -80 * ((k * 0.618034) % 1);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let k = 0; k < 8; k++) s.exports.expArray(x, out, 0, n);
    best = Math.min(best, (performance.now() - t) / 8);
  }
  return (best * 1e6) / n;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Markdown: one row per (N, path, threads), one column per stage, in ms per step. */
export function stageTable(rows: readonly StageProfile[]): string {
  const head = `| N | path | threads | ${ETD_STAGES.join(' | ')} | total ms / step | Sinkhorn iterations | kernel build ns / entry | mixture ns / entry | jobs / step | wait ms / step | cost model ms |`;
  const rule = `|---|---|---|${ETD_STAGES.map(() => '---|').join('')}---|---|---|---|---|---|---|`;
  const body = rows.map(
    (r) =>
      `| ${r.n} | ${r.path} | ${r.threads} | ${ETD_STAGES.map((st) => ms(r.stages[st])).join(' | ')} | ${ms(r.msPerStep)} | ${r.iterations.toFixed(1)} | ` +
      `${r.nsPerEntry.kernelBuild.toFixed(2)} | ${r.nsPerEntry.mixture.toFixed(2)} | ${r.sync ? r.sync.jobsPerStep.toFixed(0) : ''} | ${r.sync ? ms(r.sync.waitMsPerStep) : ''} | ` +
      `${r.path === 'simd' && r.threads === 1 ? ms(r.predictedMs) : ''} |`,
  );
  return [head, rule, ...body].join('\n');
}

/**
 * The fixed cost of one fork-join on a team: a job of 4 pieces per thread that do next to
 * nothing (the vector exp of 4 floats each), microseconds per job, median of 400 in bursts (as the
 * jobs of one step come).
 */
export function forkJoinMicros(team: KernelTeam): number {
  const a = team.arena;
  a.reset();
  const pieces = 4 * team.threads;
  const x = a.alloc(4 * pieces), out = a.alloc(4 * pieces);
  a.f32(x, 4 * pieces).fill(-1);
  const times: number[] = [];
  for (let k = 0; k < 400; k++) {
    const t = performance.now();
    // work per item set so the team splits it (see MIN_PARALLEL_WORK): 4 floats per piece.
    team.run('expArray', [x, out], 4 * pieces, 1 << 16, 4);
    times.push(performance.now() - t);
  }
  times.sort((p, q) => p - q);
  return times[times.length >> 1] * 1000;
}
