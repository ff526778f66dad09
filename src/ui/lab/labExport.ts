/**
 * The lab's exports: a PNG of the view's pictures side by side, the plan and the samples as CSV,
 * the configuration as JSON (with its link). File names like the sampler view's (etd-lab-...).
 */
import { DEFAULT_VAREOT } from '../../engine/lab/varEotSettings';
import { LAB_MAX_ITER, LAB_TOL } from '../../engine/lab/labSinkhorn';
import type { LabState } from '../../store/labSlice';
import { download, exportFileName } from '../share/exportFiles';

const text = (s: string, type: string) => new Blob([s], { type });

/** Every canvas of the lab view, in a row, on white (titles are the captions of the page). */
export async function exportLabPng(root: HTMLElement): Promise<void> {
  const canvases = [...root.querySelectorAll<HTMLCanvasElement>('canvas')].filter((c) => c.width > 0 && c.height > 0);
  if (canvases.length === 0) throw new Error('nothing drawn yet');
  const h = Math.max(...canvases.map((c) => c.height));
  const out = document.createElement('canvas');
  out.width = canvases.reduce((s, c) => s + c.width, 0) + 10 * (canvases.length - 1);
  out.height = h;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of canvases) {
    ctx.drawImage(c, x, 0);
    x += c.width + 10;
  }
  const blob = await new Promise<Blob | null>((res) => out.toBlob(res, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  download(exportFileName('lab', 'png', new Date()), blob);
}

export function exportPlanCsv(csv: string): void {
  download(exportFileName('lab-plan', 'csv', new Date()), text(csv, 'text/csv'));
}

/** The picked point's Sinkhorn row (target points with weight) and the VarEOT samples, one table. */
export function exportSamplesCsv(s: LabState): void {
  const r = s.result;
  if (!r || !s.picked) throw new Error('pick a source point first');
  const rows = ['kind,x,y,weight'];
  const { row } = s.picked;
  for (let j = 0; j < row.length; j++) rows.push(`sinkhorn,${r.target[2 * j]},${r.target[2 * j + 1]},${row[j]}`);
  const smp = s.varEot.samples?.samples;
  if (smp) for (let k = 0; k < smp.length / 2; k++) rows.push(`vareot,${smp[2 * k]},${smp[2 * k + 1]},${2 / smp.length}`);
  download(exportFileName('lab-samples', 'csv', new Date()), text(`# source point (${s.picked.x}, ${s.picked.y})\n${rows.join('\n')}\n`, 'text/csv'));
}

export function exportConfigJson(s: LabState, link: string): void {
  const r = s.result;
  const json = {
    link,
    config: s.config,
    sinkhorn: { cost: '0.5 ||x - y||^2', tol: LAB_TOL, maxIter: LAB_MAX_ITER, ...(r && { iterations: r.iterations, stages: r.stages, coldIterations: r.coldIterations, converged: r.converged, marginalError: r.marginalError }) },
    varEot: { ...DEFAULT_VAREOT, eps: s.varEot.eps, steps: s.varEot.losses.length, lastLoss: s.varEot.losses.at(-1) ?? null },
  };
  download(exportFileName('lab-config', 'json', new Date()), text(JSON.stringify(json, null, 1) + '\n', 'application/json'));
}
