import { meanSd } from '../engine/experiment/stats';
import type { SingleRunResult } from '../engine/experiment/singleRun';

export const TABLE_METRICS = ['energy', 'slicedW2', 'ksd', 'modeCoverage', 'varRatioX', 'varRatioY'] as const;
/** The columns of a d-dimensional target's table (computeMetricsNd's names). */
export const ND_TABLE_METRICS = ['energy', 'meanError', 'varRatioMean', 'varRatioMin', 'modeCoverage'] as const;

/** The columns of a logistic-regression posterior's table (posteriorMetrics' names; the first five need a reference). */
export const BLR_TABLE_METRICS = ['meanErrorSd', 'varRatioMean', 'varRatioMin', 'slicedW2', 'energy', 'testAccuracy', 'testLogPredictive'] as const;

export type Summary = Record<string, Record<string, { mean: number; sd: number; count: number }>>;

/** Mean and sd over seeds of every metric (and ms per step), per sampler. */
export function summarise(samplers: readonly string[], runs: readonly SingleRunResult[]): Summary {
  const out: Summary = {};
  for (const s of samplers) {
    const mine = runs.filter((r) => r.sampler === s);
    const keys = new Set(mine.flatMap((r) => Object.keys(r.metrics)));
    out[s] = Object.fromEntries([...keys].map((k) => [k, meanSd(mine.map((r) => r.metrics[k]))]));
    out[s].msPerStep = meanSd(mine.map((r) => r.msPerStep));
  }
  return out;
}

const fmt = (v: { mean: number; sd: number } | undefined) => {
  if (!v || !Number.isFinite(v.mean)) return 'n/a';
  const p = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(3) : x.toExponential(1));
  return `${p(v.mean)} ± ${p(v.sd)}`;
};

/** A Markdown table (also readable in a terminal); the d-dimensional columns when the runs measured those. */
export function markdownTable(summary: Summary): string {
  const nd = Object.values(summary).some((m) => m.varRatioMean !== undefined);
  const blr = Object.values(summary).some((m) => m.testAccuracy !== undefined);
  const cols = [...(blr ? BLR_TABLE_METRICS : nd ? ND_TABLE_METRICS : TABLE_METRICS), 'msPerStep'];
  const lines = [`| sampler | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`];
  for (const [s, m] of Object.entries(summary)) lines.push(`| ${s} | ${cols.map((c) => fmt(m[c])).join(' | ')} |`);
  return lines.join('\n');
}
