import { useEffect, useRef } from 'react';
import { ndTargetInfo } from '../../catalog';
import { SWEEP_DIMS, SWEEP_PARAMS } from '../../engine/experiment/dimensionSweep';
import { sweepController } from '../../run/sweep';
import { useAppStore } from '../../store';
import { NumberField } from '../NumberField';
import { panelColour } from '../panelColours';
import { panelTitle } from '../text/panelTitle';
import { renderSweep, sweepLines, SWEEP_BOX } from './renderSweep';
import './dimension.css';

/** The charts of a sweep: the final mean variance ratio, and mode coverage for mixtures. */
const CHARTS = [
  { metric: 'varRatioMean', title: 'Final mean variance ratio', ideal: 1, only: null },
  { metric: 'modeCoverage', title: 'Final mode coverage', ideal: 1, only: 'gmm-d' },
] as const;

function SweepChart({ metric, title, ideal }: { metric: string; title: string; ideal: number }) {
  const ref = useRef<SVGSVGElement>(null);
  const { points, samplers, dims } = useAppStore((s) => s.sweep);
  useEffect(() => {
    if (ref.current && dims.length) renderSweep(ref.current, sweepLines(points, metric, samplers.length), dims, ideal);
  }, [points, samplers, dims, metric, ideal]);
  return (
    <figure className="sweep-chart" data-testid={`sweep-chart-${metric}`}>
      <figcaption>{title} against d</figcaption>
      <svg ref={ref} width={SWEEP_BOX.width} height={SWEEP_BOX.height} role="img" aria-label={`${title} against the dimension, one line per sampler`} />
    </figure>
  );
}

/**
 * The dimension sweep: each panel's sampler run for K steps at every chosen d on the current
 * d-dimensional family, in a worker of its own (Cancel terminates it), with a progress bar and
 * the final variance ratio (and mode coverage for gmm-d) against d, one line per sampler.
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
      ? `Running: ${Math.floor(fraction * 100)}% (${sweep.points.length} of ${sweep.dims.length * sweep.samplers.length} runs)`
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
        Each panel's sampler runs K steps at every chosen dimension d of {ndTargetInfo(spec.name)?.label ?? spec.name} (N particles, the panels' seed and
        initial cloud), in a worker of its own. Samplers that lose variance as d grows fall below the dashed line.
      </p>
      <div className="sweep-controls">
        <NumberField name="N" decl={SWEEP_PARAMS.n} label={SWEEP_PARAMS.n.label ?? 'N'} value={settings.n} onCommit={(n) => setSweepSettings({ n })} testId="sweep-n" />
        <NumberField name="K" decl={SWEEP_PARAMS.steps} label={SWEEP_PARAMS.steps.label ?? 'K'} value={settings.steps} onCommit={(steps) => setSweepSettings({ steps })} testId="sweep-steps" />
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
          <button type="button" data-testid="sweep-run" disabled={running} onClick={() => sweepController.start()} title={`Run ${panels.length} samplers at ${settings.dims.length} dimensions`}>
            Run sweep
          </button>
          <button type="button" data-testid="sweep-cancel" disabled={!running} onClick={() => sweepController.cancel()}>
            Cancel
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
            <li key={`${p.sampler}-${p.dim}`}>
              {panelTitle(sweep.samplers[p.sampler].sampler, sweep.samplers[p.sampler].params)} at d = {p.dim}: {p.error}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
