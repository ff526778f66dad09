/**
 * A sweep's points summarised per sampler and dimension over the seeds (mean, min, max, how many
 * seeds had a value), and the sweep as files: a CSV (header first, one row per sampler, dimension
 * and seed) and a JSON (the settings, every point and the summary). Pure.
 */
import { evaluationSteps, type SweepPoint } from '../../engine/experiment/dimensionSweep';
import type { ExperimentPanel } from '../../engine/experiment/experiment';

/** One sampler at one dimension over the seeds. */
export interface SweepCell {
  readonly dim: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Seeds with a finite value. */
  readonly seeds: number;
}

/** One sampler's cells, ascending in d (dimensions where no seed had a value are left out). */
export interface SweepLine {
  readonly sampler: number;
  readonly cells: readonly SweepCell[];
}

export function sweepLines(points: readonly SweepPoint[], metric: string, samplers: number): SweepLine[] {
  return Array.from({ length: samplers }, (_, sampler) => {
    const dims = [...new Set(points.filter((p) => p.sampler === sampler).map((p) => p.dim))].sort((a, b) => a - b);
    const cells = dims.flatMap((dim) => {
      const v = points.filter((p) => p.sampler === sampler && p.dim === dim && p.metrics && Number.isFinite(p.metrics[metric])).map((p) => p.metrics![metric]);
      if (v.length === 0) return [];
      return [{ dim, mean: v.reduce((a, b) => a + b, 0) / v.length, min: Math.min(...v), max: Math.max(...v), seeds: v.length }];
    });
    return { sampler, cells };
  }).filter((l) => l.cells.length > 0);
}

/** "mean of steps 161–200 (10 evaluations)": how one run's value is made. */
export function windowWords(steps: number): string {
  const at = evaluationSteps(steps);
  const lo = Math.floor(0.8 * steps) + 1;
  return lo === steps ? `at step ${steps}` : `mean over steps ${lo}–${steps} (the last fifth, ${at.length} evaluations)`;
}

export interface SweepExport {
  readonly target: string;
  readonly n: number;
  readonly steps: number;
  readonly seeds: readonly number[];
  readonly dims: readonly number[];
  readonly samplers: readonly ExperimentPanel[];
  readonly points: readonly SweepPoint[];
}

const csvCell = (v: unknown): string => {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Header first: target, dim, panel, sampler, params, seed, steps, window_from, then every metric; one row per run (sampler, d, seed). */
export function sweepCsv(e: SweepExport): string {
  const metrics: string[] = [];
  for (const p of e.points) for (const k of Object.keys(p.metrics ?? {})) if (!metrics.includes(k)) metrics.push(k);
  const from = Math.floor(0.8 * e.steps) + 1;
  const lines = [['target', 'dim', 'panel', 'sampler', 'params', 'seed', 'n', 'steps', 'window_from', ...metrics, 'error'].join(',')];
  const sorted = [...e.points].sort((a, b) => a.dim - b.dim || a.sampler - b.sampler || a.seed - b.seed);
  for (const p of sorted) {
    const s = e.samplers[p.sampler];
    lines.push([e.target, p.dim, p.sampler + 1, s?.sampler ?? '', JSON.stringify(s?.params ?? {}), p.seed, e.n, e.steps, from, ...metrics.map((m) => p.metrics?.[m] ?? NaN), p.error ?? ''].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** The settings, every point and the per-sampler summary of the charted metrics. */
export function sweepJson(e: SweepExport, charted: readonly string[]): string {
  const summary = Object.fromEntries(charted.map((m) => [m, sweepLines(e.points, m, e.samplers.length).map((l) => ({ panel: l.sampler + 1, sampler: e.samplers[l.sampler]?.sampler, cells: l.cells }))]));
  const doc = {
    what: `dimension sweep: each run's metrics are its ${windowWords(e.steps)}; summary cells: mean, min and max over the seeds`,
    ...e,
    evaluationSteps: evaluationSteps(e.steps),
    summary,
  };
  return JSON.stringify(doc, null, 1) + '\n';
}
