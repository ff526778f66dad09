/**
 * The lab's Sinkhorn worker: builds the clouds, solves (optionally annealed), and keeps the last
 * plan for rows (with their sampling floor) and export. A stale solve is not interrupted here: the
 * page terminates this worker and starts another (src/run/lab/labSolver.ts).
 */
import { expose, transfer } from 'comlink';
import { labCloud } from '../src/engine/lab/clouds';
import { solveLab } from '../src/engine/lab/labSinkhorn';
import { barycentricMap, binnedPlan, columnOrderByRows, conditionalRow, densePlan, planEntries, principalOrder, topEntries } from '../src/engine/lab/labPlanViews';
import { rowFloor } from '../src/engine/lab/rowFloor';
import type { LabRow, LabSolveRequest, LabSolveResult, LabSolverApi } from './labApi';
import { debugFault } from './debugFault';
import { plainError } from './plainError';
import type { DebugFault } from './samplerApi';

/** Lines drawn per source point. */
const LINES_PER_ROW = 3;

let last: { plan: Float32Array; source: Float64Array; target: Float64Array; map: Float64Array } | null = null;

const api: LabSolverApi = {
  solve(req: LabSolveRequest): LabSolveResult {
    try {
      const t0 = performance.now();
      const { config: c } = req;
      const source = labCloud(c.src, c.ns, c.lseed, 'source', req.drawnSource);
      const target = labCloud(c.tgt, c.nt, c.lseed, 'target', req.drawnTarget);
      if (source.length < 4 || target.length < 4) throw new Error('each cloud needs at least 2 points (click on the plot to draw)');
      const n = source.length / 2, p = target.length / 2;
      const anneal = req.anneal ?? c.anneal;
      const coldIterations = anneal && !req.rowsOnly ? solveLab(source, target, c.eps).iterations : null;
      const s = solveLab(source, target, c.eps, { anneal });
      const plan = densePlan(s.problem, s.result.F, s.result.G);
      const map = req.rowsOnly ? new Float64Array(0) : barycentricMap(plan, target, n, p);
      last = { plan, source, target, map };
      const rowOrder = req.rowsOnly ? null : principalOrder(source);
      const heat = rowOrder ? binnedPlan(plan, n, p, rowOrder, columnOrderByRows(plan, n, p, rowOrder)) : { rows: 0, cols: 0, mass: new Float32Array(0) };
      const lines = req.rowsOnly ? { i: new Uint32Array(0), j: new Uint32Array(0), mass: new Float32Array(0) } : topEntries(plan, n, p, LINES_PER_ROW);
      const out: LabSolveResult = {
        source: source.slice(),
        target: target.slice(),
        eps: c.eps,
        iterations: s.iterations,
        stages: s.stages,
        coldIterations,
        converged: s.result.converged,
        marginalError: s.result.rowError + s.result.colError,
        ms: performance.now() - t0,
        heat,
        lines,
        map: map.slice(),
      };
      return transfer(out, [out.source.buffer, out.target.buffer, heat.mass.buffer, lines.i.buffer, lines.j.buffer, lines.mass.buffer, out.map.buffer]);
    } catch (e) {
      throw plainError(e, 'lab solve');
    }
  },
  conditional(i: number, seed: number): LabRow {
    if (!last) throw new Error('no plan solved yet');
    const p = last.target.length / 2;
    const k = Math.max(0, Math.min(last.source.length / 2 - 1, Math.floor(i)));
    const row = conditionalRow(last.plan, p, k);
    return transfer({ i: k, row, floor: rowFloor(last.target, row, seed) }, [row.buffer]);
  },
  planCsv(): string {
    if (!last) throw new Error('no plan solved yet');
    const { plan, source: x, target: y, map } = last;
    const n = x.length / 2, p = y.length / 2;
    const e = planEntries(plan, n, p);
    // The header first (no comment line a CSV reader would take for it); tx, ty: the barycentric
    // map of source point i; row_entries: 'all' for the whole plan, else how many of each row's
    // heaviest entries are listed.
    const kept = e.complete ? 'all' : String(e.i.length / n);
    const rows = ['i,j,x,y,target_x,target_y,tx,ty,mass,row_entries'];
    for (let k = 0; k < e.i.length; k++) {
      const i = e.i[k], j = e.j[k];
      rows.push(`${i},${j},${x[2 * i]},${x[2 * i + 1]},${y[2 * j]},${y[2 * j + 1]},${map[2 * i]},${map[2 * i + 1]},${e.mass[k]},${kept}`);
    }
    return rows.join('\n') + '\n';
  },
  debugFault(kind: DebugFault): void {
    debugFault(kind, self);
  },
};

expose(api);
