import { useEffect, useRef } from 'react';
import { ndTargetInfo } from '../../engine/targets/targetInfo';
import { SWEEP_DIMS, SWEEP_PARAMS } from '../../engine/experiment/dimensionSweep';
import { sweepController } from '../../run/sweep';
import { useAppStore } from '../../store';
import { NumberField } from '../NumberField';
import { panelColour } from '../panelColours';
import { panelTitle } from '../text/panelTitle';
import { renderSweep, sweepLines, SWEEP_BOX } from './renderSweep';
import { sweepCsv, sweepJson, windowWords } from './sweepSummary';
import { download, exportFileName } from '../export/exportFiles';
import './dimension.css';

/** The charts of a sweep: the mean variance ratio, and mode coverage and balance for mixtures. */
const CHARTS = [
  { metric: 'varRatioMean', title: 'Mean variance ratio', ideal: 1, only: null },
  { metric: 'modeCoverage', title: 'Mode coverage', ideal: 1, only: 'gmm-d' },
  { metric: 'modeBalance', title: 'Mode balance (JS, nats)', ideal: 0, only: 'gmm-d' },
] as const;

function SweepChart({ metric, title, ideal }: { metric: string; title: string; ideal: number }) {
  const ref = useRef<SVGSVGElement>(null);
  const { points, samplers, dims, seeds, steps } = useAppStore((s) => s.sweep);
  useEffect(() => {
    if (ref.current && dims.length) renderSweep(ref.current, sweepLines(points, metric, samplers.length), dims, ideal);
  }, [points, samplers, dims, metric, ideal]);
  return (
    <figure className="sweep-chart" data-testid={`sweep-chart-${metric}`}>
      <figcaption>
        {title} against d
        <span className="sweep-chart-note" data-testid={`sweep-note-${metric}`}>
          Each run: its {windowWords(steps)}. Line: mean over {seeds.length} {seeds.length === 1 ? 'seed' : 'seeds'} ({seeds.join(', ')}); band: their smallest to largest.
        </span>
      </figcaption>
      <svg ref={ref} width={SWEEP_BOX.width} height={SWEEP_BOX.height} role="img" aria-label={`${title} against the dimension: per sampler the mean over seeds (line) and the seeds' range (band)`} />
    </figure>
  );
}

/** The sweep as CSV or JSON (header first; every run's values, and the JSON's per-sampler summary). */
function exportSweep(kind: 'csv' | 'json'): void {
  const s = useAppStore.getState().sweep;
  const e = { target: s.target, n: s.n, steps: s.steps, seeds: s.seeds, dims: s.dims, samplers: s.samplers, points: s.points };
  const text = kind === 'csv' ? sweepCsv(e) : sweepJson(e, CHARTS.filter((c) => c.only === null || c.only === s.target).map((c) => c.metric));
  download(exportFileName(`sweep-${s.target}`, kind, new Date()), new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' }));
}

/**
 * The dimension sweep: each panel's sampler run for K steps at every chosen d and seed on the
 * current d-dimensional family, in a worker of its own (Cancel terminates it), with a progress bar
 * and the variance ratio (and mode coverage and balance for gmm-d) against d: per sampler the
 * mean over seeds of each run's last-fifth mean, with the seeds' range as a band; CSV and JSON.
 */
export function DimensionSweep() {
  const spec = useAppStore((s) => s.targetSpec);
  const settings = useAppStore((s) => s.sweepSettings);
  const sweep = useAppStore((s) => s.sweep);
  const panels = useAppStore((s) => s.panels);
  const setSweepSettings = useAppStore((s) => s.setSweepSettings);
  if (spec.kind !== 'nd') return null;
  const running = sweep.status === 'running';
  const toggleDim = (d: number, on: boolean) =>
    setSweepSettings({ dims: SWEEP_DIMS.filter((k) => (k === d ? on : settings.dims.includes(k))) });
  const fraction = sweep.total ? sweep.done / sweep.total : 0;
  const status =
    sweep.status === 'running'
      ? `Running: ${Math.floor(fraction * 100)}% (${sweep.points.length} of ${sweep.dims.length * sweep.samplers.length * sweep.seeds.length} runs)`
      : sweep.status === 'done'
        ? `Done: ${sweep.points.length} runs of ${ndTargetInfo(sweep.target)?.label ?? sweep.target}.`
        : sweep.status === 'cancelled'
          ? `Cancelled after ${sweep.points.length} runs.`
          : sweep.status === 'error'
            ? sweep.error
            : '';
  const failed = sweep.points.filter((p) => p.error);
  const shown = sweep.status === 'idle' ? [] : CHARTS.filter((c) => c.only === null || c.only === sweep.target);
  return (
    <section className="dimension-sweep" data-testid="dimension-sweep" aria-label="Dimension sweep">
      <h3>Dimension sweep</h3>
      <p className="hint">
        Each panel's sampler runs K steps at every chosen dimension d of {ndTargetInfo(spec.name)?.label ?? spec.name} (N particles, the panels' initial cloud), once per
        seed from the panels' seed on, in a worker of its own. A run's value is its mean over the last fifth of the steps; the charts show the mean over seeds
        and their range. Samplers that lose variance as d grows fall below the dashed line.
      </p>
      <div className="sweep-controls">
        <NumberField name="N" decl={SWEEP_PARAMS.n} label={SWEEP_PARAMS.n.label ?? 'N'} value={settings.n} onCommit={(n) => setSweepSettings({ n })} testId="sweep-n" />
        <NumberField name="K" decl={SWEEP_PARAMS.steps} label={SWEEP_PARAMS.steps.label ?? 'K'} value={settings.steps} onCommit={(steps) => setSweepSettings({ steps })} testId="sweep-steps" />
        <NumberField name="seeds" decl={SWEEP_PARAMS.seeds} label={SWEEP_PARAMS.seeds.label ?? 'Seeds'} value={settings.seeds} onCommit={(seeds) => setSweepSettings({ seeds })} testId="sweep-seeds" />
        <fieldset className="sweep-dims">
          <legend>Dimensions d</legend>
          {SWEEP_DIMS.map((d) => (
            <label key={d}>
              <input type="checkbox" checked={settings.dims.includes(d)} data-testid={`sweep-dim-${d}`} disabled={running} onChange={(e) => toggleDim(d, e.target.checked)} />
              {d}
            </label>
          ))}
        </fieldset>
        <div className="sweep-buttons">
          <button type="button" data-testid="sweep-run" disabled={running} onClick={() => sweepController.start()} title={`Run ${panels.length} samplers at ${settings.dims.length} dimensions, ${settings.seeds} seeds each`}>
            Run sweep
          </button>
          <button type="button" data-testid="sweep-cancel" disabled={!running} onClick={() => sweepController.cancel()}>
            Cancel
          </button>
          <button type="button" className="small" data-testid="sweep-export-csv" disabled={sweep.points.length === 0} onClick={() => exportSweep('csv')} title="Every run's values, header first: target, dim, panel, sampler, params, seed, n, steps, window, metrics">
            CSV
          </button>
          <button type="button" className="small" data-testid="sweep-export-json" disabled={sweep.points.length === 0} onClick={() => exportSweep('json')} title="The settings, every run and the per-sampler summary (mean, min, max over seeds)">
            JSON
          </button>
        </div>
      </div>
      {sweep.status !== 'idle' && (
        <div className="sweep-progress">
          <progress data-testid="sweep-progress" max={sweep.total || 1} value={sweep.done} aria-label="Sweep progress" />
          <span data-testid="sweep-status" className={sweep.status === 'error' ? 'target-problem' : undefined} role={sweep.status === 'error' ? 'alert' : undefined}>
            {status}
          </span>
        </div>
      )}
      {shown.length > 0 && (
        <>
          <ul className="metrics-legend sweep-legend">
            {sweep.samplers.map((p, k) => (
              <li key={k}>
                <span className="metrics-swatch" style={{ background: panelColour(k) }} />
                {panelTitle(p.sampler, p.params)}
              </li>
            ))}
          </ul>
          <div className="sweep-charts">
            {shown.map((c) => (
              <SweepChart key={c.metric} metric={c.metric} title={c.title} ideal={c.ideal} />
            ))}
          </div>
        </>
      )}
      {failed.length > 0 && (
        <ul className="sweep-failures" data-testid="sweep-failures">
          {failed.map((p) => (
            <li key={`${p.sampler}-${p.dim}-${p.seed}`}>
              {panelTitle(sweep.samplers[p.sampler].sampler, sweep.samplers[p.sampler].params)} at d = {p.dim}, seed {p.seed}: {p.error}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
