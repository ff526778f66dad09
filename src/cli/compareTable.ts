import { meanSd } from '../engine/experiment/stats';
import type { SingleRunResult } from '../engine/experiment/singleRun';

/** The columns of a 2D target's table; modeBalance shows a mixture's imbalance that coverage hides. */
export const TABLE_METRICS = ['energy', 'slicedW2', 'ksd', 'modeCoverage', 'modeBalance', 'varRatioX', 'varRatioY'] as const;
/** The columns of a d-dimensional target's table (computeMetricsNd's names). */
export const ND_TABLE_METRICS = ['energy', 'meanError', 'varRatioMean', 'varRatioMin', 'modeCoverage', 'modeBalance'] as const;

/** One metric over the seeds: mean and sample sd, the smallest and largest seed, and every seed's value in seed order. */
export interface SeedSpread {
  readonly mean: number;
  readonly sd: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly perSeed: readonly number[];
}

/** The columns of a logistic-regression posterior's table (posteriorMetrics' names; the first five need a reference). */
export const BLR_TABLE_METRICS = ['meanErrorSd', 'varRatioMean', 'varRatioMin', 'slicedW2', 'energy', 'testAccuracy', 'testLogPredictive'] as const;

export type Summary = Record<string, Record<string, SeedSpread>>;

/** Mean ± sd, min-max and the per-seed values of the finite values (NaN stays in perSeed). */
export function seedSpread(values: readonly number[]): SeedSpread {
  const finite = values.filter(Number.isFinite);
  return {
    ...meanSd(values),
    min: finite.length ? Math.min(...finite) : NaN,
    max: finite.length ? Math.max(...finite) : NaN,
    perSeed: [...values],
  };
}

/** Every metric (and ms per step) per sampler over its seeds, in seed order. */
export function summarise(samplers: readonly string[], runs: readonly SingleRunResult[]): Summary {
  const out: Summary = {};
  for (const s of samplers) {
    const mine = runs.filter((r) => r.sampler === s).sort((a, b) => a.seed - b.seed);
    const keys = new Set(mine.flatMap((r) => Object.keys(r.metrics)));
    out[s] = Object.fromEntries([...keys].map((k) => [k, seedSpread(mine.map((r) => r.metrics[k]))]));
    out[s].msPerStep = seedSpread(mine.map((r) => r.msPerStep));
  }
  return out;
}

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(3) : x.toExponential(1));

/** "mean ± sd [min–max]" (one seed: the value alone). */
export function formatSpread(v: SeedSpread | undefined): string {
  if (!v || !Number.isFinite(v.mean)) return 'n/a';
  if (v.count === 1) return num(v.mean);
  return `${num(v.mean)} ± ${num(v.sd)} [${num(v.min)}–${num(v.max)}]`;
}

/** A Markdown table (also readable in a terminal); the d-dimensional columns when the runs measured those. */
export function markdownTable(summary: Summary): string {
  const nd = Object.values(summary).some((m) => m.varRatioMean !== undefined);
  const blr = Object.values(summary).some((m) => m.testAccuracy !== undefined);
  const all = blr ? BLR_TABLE_METRICS : nd ? ND_TABLE_METRICS : TABLE_METRICS;
  // Mode columns only where the target is a mixture (some sampler measured them).
  const cols = [...all.filter((c) => !c.startsWith('mode') || Object.values(summary).some((m) => m[c] !== undefined)), 'msPerStep'];
  const lines = [`| sampler | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`];
  for (const [s, m] of Object.entries(summary)) lines.push(`| ${s} | ${cols.map((c) => formatSpread(m[c])).join(' | ')} |`);
  return lines.join('\n');
}

/** Each sampler's per-seed values of the table's columns, one line per sampler and metric. */
export function perSeedLines(summary: Summary, seeds: readonly number[]): string {
  const lines: string[] = [];
  for (const [s, m] of Object.entries(summary))
    for (const [metric, v] of Object.entries(m)) if (metric !== 'finiteFraction') lines.push(`${s} ${metric}: ${v.perSeed.map((x, k) => `seed ${seeds[k] ?? k + 1} ${Number.isFinite(x) ? num(x) : 'n/a'}`).join(', ')}`);
  return lines.join('\n');
}
