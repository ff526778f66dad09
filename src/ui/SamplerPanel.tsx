import { memo, useId } from 'react';
import { samplerInfo } from '../engine/samplers/catalog';
import { AboutSampler } from './about/AboutSampler';
import { WideStrip } from './strip/WideStrip';
import { dismissNotice } from '../run/controller';
import { useAppStore } from '../store';
import { isHidden } from '../store/shareSlice';
import { HistogramsSlot, PlanSlot } from './viewSlots';
import { ElboChart } from './metrics/ElboChart';
import { PanelCanvas } from './PanelCanvas';
import { panelColour } from './panelColours';
import { PanelDiagnostics } from './PanelDiagnostics';
import { ParamSheet } from './ParamSheet';
import { SlowStepNote } from './SlowStepNote';
import { panelTitle } from './text/panelTitle';
import { StagesControl } from './stages/StagesControl';

const NO_PARAMS: Readonly<Record<string, never>> = {};

/** Steps per second as the header shows it: one decimal below 10, whole numbers above. */
export const formatRate = (r: number): string => (r < 10 ? r.toFixed(1) : String(Math.round(r)));

/** The panel's iteration and, while playing, the steps per second its worker reaches (re-rendered alone, a few times a second). */
const PanelCounters = memo(function PanelCounters({ panel }: { panel: number }) {
  const iteration = useAppStore((s) => s.panelRuns[panel]?.iteration ?? 0);
  const rate = useAppStore((s) => (s.playing && (s.panelRuns[panel]?.stepsPerSecond ?? 0) > 0 ? formatRate(s.panelRuns[panel].stepsPerSecond) : ''));
  return (
    <span className="panel-iteration">
      it <output data-testid={`panel-iteration-${panel}`}>{iteration}</output>
      <output className="panel-rate" data-testid={`panel-rate-${panel}`} title="Steps per second this panel reaches (each panel runs in its own worker)">
        {rate ? ` · ${rate}/s` : ''}
      </output>
    </span>
  );
});

/**
 * One sampler on the target: title in the panel colour, the picture, an error banner when this
 * panel is in trouble (the others keep running), its parameters in place, and for ETD the plan.
 */
export const SamplerPanel = memo(function SamplerPanel({ panel }: { panel: number }) {
  const sheetId = useId();
  const sampler = useAppStore((s) => s.panels[panel]?.sampler ?? '');
  const params = useAppStore((s) => s.panels[panel]?.params ?? NO_PARAMS);
  const scene = useAppStore((s) => s.scene);
  const status = useAppStore((s) => s.status);
  const busy = useAppStore((s) => s.panelRuns[panel]?.busy ?? false);
  const starting = useAppStore((s) => s.panelRuns[panel]?.starting ?? false);
  const playing = useAppStore((s) => s.playing);
  const alert = useAppStore((s) => s.panelRuns[panel]?.alert ?? null);
  const configError = useAppStore((s) => s.panelRuns[panel]?.configError ?? null);
  const notice = useAppStore((s) => s.panelRuns[panel]?.notice ?? null);
  const open = useAppStore((s) => s.paramsOpen === panel);
  const setParamsOpen = useAppStore((s) => s.setParamsOpen);
  const paramsHidden = useAppStore((s) => isHidden(s, 'params'));
  const planHidden = useAppStore((s) => isHidden(s, 'plan'));
  const info = samplerInfo(sampler);
  // Plans and the stage walk picture 2D problems: on a d-dimensional target they are left out.
  const planar = useAppStore((s) => s.targetSpec.kind !== 'nd' && s.targetSpec.kind !== 'blr');
  const colour = panelColour(panel);
  return (
    <article
      className="panel"
      data-testid={`panel-${panel}`}
      data-status={status}
      data-busy={busy}
      aria-busy={status === 'loading' || starting}
      aria-label={`Panel ${panel + 1}: ${info.label}`}
      style={{ ['--panel-colour' as string]: colour }}
    >
      <header className="panel-header">
        <span className="panel-swatch" aria-hidden="true" />
        <h2 title={info.doc}>
          <span className="panel-number">{panel + 1}</span> {panelTitle(sampler, params)}
        </h2>
        <PanelCounters panel={panel} />
        {info.family === 'etd' && planar && <StagesControl panel={panel} />}
        <AboutSampler panel={panel} />
        {!paramsHidden && <button
          type="button"
          className="small panel-params-toggle"
          aria-expanded={open}
          aria-controls={sheetId}
          data-testid={`panel-params-toggle-${panel}`}
          onClick={() => setParamsOpen(open ? null : panel)}
        >
          {open ? 'Close' : 'Parameters'}
        </button>}
      </header>
      <div className="panel-body">
        <div className="plot-column">
          <div className="plot">
            <PanelCanvas scene={scene} panel={panel} label={`Panel ${panel + 1}, ${info.label}`} />
            {(status === 'loading' || starting) && <div className="plot-note">Starting…</div>}
            <SlowStepNote panel={panel} active={playing || busy} />
            {alert !== null && (
              <div className={`plot-error ${alert.severity}`} role="alert" data-testid={`panel-error-${panel}`} data-severity={alert.severity}>
                <strong>{alert.severity === 'error' ? 'This panel stopped.' : 'Check this panel.'}</strong> {alert.message}
              </div>
            )}
            {alert === null && configError !== null && (
              <div className="plot-error error" role="alert" data-testid={`panel-error-${panel}`} data-severity="error">
                <strong>Could not apply the change.</strong> {configError}
              </div>
            )}
            {notice !== null && (
              <div className="plot-notice" role="status" data-testid={`panel-notice-${panel}`}>
                <span>{notice}</span>
                <button type="button" className="small icon" aria-label="Dismiss" title="Dismiss" onClick={() => dismissNotice(panel)}>
                  ×
                </button>
              </div>
            )}
            {open && !paramsHidden && <ParamSheet panel={panel} id={sheetId} />}
          </div>
          <WideStrip panel={panel} />
          <PanelDiagnostics panel={panel} />
        </div>
        <div className="panel-side">
          {info.family === 'etd' && planar && !planHidden && <PlanSlot panel={panel} />}
          <HistogramsSlot panel={panel} />
          <ElboChart panel={panel} />
        </div>
      </div>
    </article>
  );
});
