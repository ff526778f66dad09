/**
 * The lab's exports: a PNG of the view's pictures side by side, the plan and the samples as CSV,
 * the configuration as JSON (with its link). File names like the sampler view's (etd-lab-...).
 */
import { DEFAULT_LIGHTSB } from '../../engine/lab/lightSb';
import { LEARNED_METHODS, plateauSettings } from '../../engine/lab/labMethods';
import { DEFAULT_VAREOT } from '../../engine/lab/varEotSettings';
import { LAB_MAX_ITER, LAB_TOL } from '../../engine/lab/labSinkhorn';
import type { LabState } from '../../store/labStore';
import { download, exportFileName } from '../export/exportFiles';
import { FLOOR_DEFINITION } from './labNumbers';

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

/**
 * The picked point's Sinkhorn row (target points with weight) and each learned model's samples,
 * one table whose first line is its header; the numbers that go with each row are columns: the
 * source point and eps, the model's training steps and its energy distance to the row, and the
 * row's own sampling floor (its definition is in the configuration JSON).
 */
export function samplesCsv(s: LabState): string {
  const r = s.result;
  if (!r || !s.picked) throw new Error('pick a source point first');
  const { row, floor } = s.picked;
  const at = `${s.picked.i},${s.picked.x},${s.picked.y},${r.eps}`;
  const rows = ['kind,x,y,weight,source_index,source_x,source_y,eps,trained_steps,energy_distance_to_row,row_floor,row_floor_sd'];
  const tail = `${floor.floor},${floor.floorSd}`;
  for (let j = 0; j < row.length; j++) rows.push(`sinkhorn,${r.target[2 * j]},${r.target[2 * j + 1]},${row[j]},${at},,,${tail}`);
  for (const m of LEARNED_METHODS) {
    const smp = s.learn.status === 'stale' ? null : s.learn.samples[m];
    if (!smp) continue;
    for (let k = 0; k < smp.samples.length / 2; k++)
      rows.push(`${m},${smp.samples[2 * k]},${smp.samples[2 * k + 1]},${2 / smp.samples.length},${at},${smp.steps},${smp.energyDistance},${tail}`);
  }
  return `${rows.join('\n')}\n`;
}

export function exportSamplesCsv(s: LabState): void {
  download(exportFileName('lab-samples', 'csv', new Date()), text(samplesCsv(s), 'text/csv'));
}

/** The configuration with its link, the solve, each model's training and the numbers at the picked point and of the comparison. */
export function exportConfigJson(s: LabState, link: string): void {
  const r = s.result;
  const models = Object.fromEntries(
    LEARNED_METHODS.map((m) => {
      const p = s.learn.models[m];
      const smp = s.learn.status === 'stale' ? null : s.learn.samples[m];
      return [m, { steps: p.state?.steps ?? 0, stopped: p.state?.stopped ?? null, smoothedLoss: p.state?.smoothed ?? null, stepsPerSec: p.stepsPerSec, energyDistance: smp?.energyDistance ?? null, sampledAtStep: smp?.steps ?? null }];
    }),
  );
  const json = {
    link,
    config: s.config,
    sinkhorn: { cost: '0.5 ||x - y||^2', tol: LAB_TOL, maxIter: LAB_MAX_ITER, ...(r && { iterations: r.iterations, stages: r.stages, coldIterations: r.coldIterations, converged: r.converged, marginalError: r.marginalError }) },
    learned: {
      status: s.learn.status,
      trainedOn: s.learn.key,
      eps: s.learn.eps,
      backend: s.learn.backend,
      backendReason: s.learn.backendReason,
      vareotSettings: DEFAULT_VAREOT,
      lightsbSettings: DEFAULT_LIGHTSB,
      stoppingRule: { vareot: plateauSettings('vareot', s.config.lsteps), lightsb: plateauSettings('lightsb', s.config.lsteps) },
      models,
    },
    picked: s.picked && { index: s.picked.i, x: [s.picked.x, s.picked.y], floor: s.picked.floor, floorDefinition: FLOOR_DEFINITION },
    compare: s.compare.status === 'idle' ? null : {
      status: s.compare.status,
      point: s.compare.point,
      backend: s.compare.backend,
      columns: s.compare.columns.map((c) => ({
        eps: c.eps,
        floor: c.floor,
        learned: Object.fromEntries(Object.entries(c.learned).map(([m, l]) => [m, { energyDistance: l.energyDistance, steps: l.steps, stopped: l.stopped, stepsPerSec: l.stepsPerSec, smoothedLoss: l.loss }])),
      })),
    },
  };
  download(exportFileName('lab-config', 'json', new Date()), text(JSON.stringify(json, null, 1) + '\n', 'application/json'));
}
