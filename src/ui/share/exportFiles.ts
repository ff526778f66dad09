/**
 * What the Export menu writes: the run as the runner's JSON config (`npm run sample -- --config`
 * reproduces it), the particles of every panel as CSV, and each panel's plot as PNG. Pure text
 * builders plus one download helper.
 */
import { experimentConfig } from '../../engine/experiment/experimentConfig';
import type { Experiment } from '../../engine/experiment/experiment';
import type { SessionFrame } from '../../../workers/samplerApi';

/** The runner's config for this experiment, run to the furthest panel's iteration (at least 1 step). */
export function runConfigJson(e: Experiment, steps: number): string {
  return JSON.stringify(experimentConfig(e, { steps: Math.max(1, Math.round(steps)) }), null, 1) + '\n';
}

/** One row per particle of every panel: panel (1-based), sampler, iteration, particle, x, y. */
export function particlesCsv(frame: SessionFrame, samplers: readonly string[]): string {
  const lines = ['panel,sampler,iteration,particle,x,y'];
  frame.panels.forEach((p, k) => {
    const x = p.positions; // (n, 2)
    for (let i = 0; i < x.length >> 1; i++) lines.push(`${k + 1},${samplers[k] ?? ''},${p.iteration},${i},${x[2 * i]},${x[2 * i + 1]}`);
  });
  return lines.join('\n') + '\n';
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
