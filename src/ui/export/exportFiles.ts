/**
 * What the Export menu writes as text: the run as the runner's JSON config (`npm run sample --
 * --config` reproduces it), the particles and the metric histories of every panel as CSV, and
 * the names of the files. Pure builders plus one download helper.
 */
import { experimentConfig } from '../../engine/experiment/experimentConfig';
import type { Experiment } from '../../engine/experiment/experiment';
import type { MetricHistory } from '../../../workers/samplerApi';
import type { PageFrame } from '../../run/latestFrame';

/** The runner's config for this experiment, run to the furthest panel's iteration (at least 1 step). */
export function runConfigJson(e: Experiment, steps: number): string {
  return JSON.stringify(experimentConfig(e, { steps: Math.max(1, Math.round(steps)) }), null, 1) + '\n';
}

/**
 * One row per particle of every panel: panel (1-based), sampler, iteration, particle, then x, y
 * for a 2D target, or every coordinate x1..xd of a d-dimensional one (not just the two drawn);
 * w1..wd for a logistic-regression posterior (weights).
 */
export function particlesCsv(frame: PageFrame, samplers: readonly string[], { weights = false }: { weights?: boolean } = {}): string {
  const dimOfFrame = (p: PageFrame['panels'][number]) => (p.coordinates && p.positions.length ? (2 * p.coordinates.length) / p.positions.length : 2);
  const d = Math.max(2, ...frame.panels.map(dimOfFrame));
  // A logistic-regression posterior's coordinates are weights w1..wd.
  const columns = weights ? Array.from({ length: d }, (_, k) => `w${k + 1}`) : d === 2 ? ['x', 'y'] : Array.from({ length: d }, (_, k) => `x${k + 1}`);
  const lines = [['panel', 'sampler', 'iteration', 'particle', ...columns].join(',')];
  frame.panels.forEach((p, k) => {
    const x = p.coordinates ?? p.positions; // (n, d)
    const pd = dimOfFrame(p);
    for (let i = 0; i < x.length / pd; i++) lines.push(`${k + 1},${samplers[k] ?? ''},${p.iteration},${i},${Array.from(x.subarray(i * pd, (i + 1) * pd)).join(',')}`);
  });
  return lines.join('\n') + '\n';
}

/** A metric value as the shortest decimal that reads back as the same float32; empty for "not recorded" (NaN). */
export function formatFloat32(v: number): string {
  if (Number.isNaN(v)) return '';
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(f.toPrecision(digits)));
    if (Math.fround(Number(text)) === f) return text;
  }
  return String(Number(f.toPrecision(9)));
}

/**
 * One row per recorded step of every panel: panel (1-based), sampler, iteration, then one
 * column per metric that any panel recorded (in the order first met). A panel without a
 * history has no rows.
 */
export function metricsCsv(panels: readonly { readonly sampler: string; readonly history: MetricHistory | null }[]): string {
  const names: string[] = [];
  for (const p of panels) for (const name of Object.keys(p.history?.values ?? {})) if (!names.includes(name)) names.push(name);
  const lines = [['panel', 'sampler', 'iteration', ...names].join(',')];
  panels.forEach((p, k) => {
    const h = p.history;
    if (!h) return;
    for (let t = 0; t < h.steps.length; t++) {
      const cells = names.map((name) => {
        const column = h.values[name];
        return column && t < column.length ? formatFloat32(column[t]) : '';
      });
      lines.push([String(k + 1), p.sampler, String(Math.round(h.steps[t])), ...cells].join(','));
    }
  });
  return lines.join('\n') + '\n';
}

/** "2026-11-30-10-36-45": a file-name-safe UTC time stamp. */
export const fileStamp = (d: Date): string => d.toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** "etd-<what>-<stamp>.<ext>", with `what` reduced to lower-case letters, digits and dashes. */
export function exportFileName(what: string, ext: string, when: Date): string {
  const slug = what.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
  return `etd-${slug}-${fileStamp(when)}.${ext}`;
}

/** Save a blob under a file name (an anchor with download; the URL is revoked afterwards). */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
