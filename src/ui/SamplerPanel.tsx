import { presetInfo } from '../catalog';
import { useAppStore } from '../store';
import { DiagnosticsLine } from './DiagnosticsLine';
import { PanelCanvas } from './PanelCanvas';

/** One sampler on the target: title, picture, diagnostics and any error of the run. */
export function SamplerPanel() {
  const scene = useAppStore((s) => s.scene);
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const busy = useAppStore((s) => s.busy);
  const sampler = useAppStore((s) => s.settings.sampler);
  const target = useAppStore((s) => s.settings.target);
  return (
    <article className="panel" data-status={status} data-busy={busy} aria-busy={status === 'loading'}>
      <header className="panel-header">
        <h2>{sampler}</h2>
        <span className="panel-sub">on {presetInfo(target)?.label ?? target}</span>
      </header>
      <div className="plot">
        <PanelCanvas scene={scene} />
        {status === 'loading' && <div className="plot-note">Starting…</div>}
        {error !== null && (
          <div className="plot-error" role="alert" data-testid="error">
            <strong>Could not run this panel.</strong> {error}
          </div>
        )}
      </div>
      <DiagnosticsLine />
    </article>
  );
}
