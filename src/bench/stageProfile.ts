import { ETD_STAGES, StageClock, type EtdStage } from '../engine/etd/stageClock';
import type { EtdSampler } from '../engine/samplers/etdSampler';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createPresetTarget } from '../engine/targets/presets';
import { estimateStepMs } from '../engine/samplers/costModel';
import { setSimdEnabled } from '../engine/wasm/simd';

export interface StageProfile {
  readonly n: number;
  readonly path: 'simd' | 'typed arrays';
  readonly msPerStep: number;
  readonly iterations: number;
  readonly stages: Readonly<Record<EtdStage, number>>;
  /** What the UI's cost model predicts for this step (src/engine/samplers/costModel.ts). */
  readonly predictedMs: number;
}

/**
 * Where the time of one default ETD-B step goes, stage by stage (gmm-grid-4, after 5 warm-up
 * steps), on the SIMD kernels or on the typed-array fallback.
 */
export function stageProfile(n: number, path: StageProfile['path'], steps = n <= 250 ? 20 : n <= 500 ? 6 : 3): StageProfile {
  setSimdEnabled(path === 'simd');
  try {
    const target = createPresetTarget('gmm-grid-4');
    const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2 }) }) as EtdSampler;
    for (let k = 0; k < 5; k++) s.step();
    const clock = new StageClock();
    let iterations = 0;
    const t0 = performance.now();
    for (let k = 0; k < steps; k++) iterations += s.step(clock).sinkhornIterations;
    const msPerStep = (performance.now() - t0) / steps;
    const stages = Object.fromEntries(ETD_STAGES.map((st) => [st, (clock.totals.get(st) ?? 0) / steps])) as Record<EtdStage, number>;
    return { n, path, msPerStep, iterations: iterations / steps, stages, predictedMs: estimateStepMs('etd-b', n) };
  } finally {
    setSimdEnabled(true);
  }
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Markdown: one row per (N, path), one column per stage, in ms per step. */
export function stageTable(rows: readonly StageProfile[]): string {
  const head = `| N | path | ${ETD_STAGES.join(' | ')} | total ms / step | Sinkhorn iterations | cost model ms |`;
  const rule = `|---|---|${ETD_STAGES.map(() => '---|').join('')}---|---|---|`;
  const body = rows.map((r) => `| ${r.n} | ${r.path} | ${ETD_STAGES.map((st) => ms(r.stages[st])).join(' | ')} | ${ms(r.msPerStep)} | ${r.iterations.toFixed(1)} | ${r.path === 'simd' ? ms(r.predictedMs) : ''} |`);
  return [head, rule, ...body].join('\n');
}
