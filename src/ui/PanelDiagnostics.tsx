import { useAppStore } from '../store';
import { describeAll, summariseDiagnostics } from './diagnosticsSummary';

/** One short line of panel `panel`'s last-step diagnostics (Sinkhorn iterations, marginal residual, ESS, acceptance); hover for all. */
export function PanelDiagnostics({ panel }: { panel: number }) {
  const diagnostics = useAppStore((s) => s.panelRuns[panel]?.diagnostics);
  const d = diagnostics ?? {};
  const items = summariseDiagnostics(d);
  const empty = Object.keys(d).length === 0;
  return (
    <p className="diagnostics" data-testid={`diagnostics-${panel}`} title={empty ? undefined : describeAll(d)}>
      {empty
        ? 'No step taken yet.'
        : items.map((item, i) => (
            <span key={item.key} className={item.warn ? 'diag-warn' : undefined}>
              {i > 0 && ' · '}
              <span className="diag-key">{item.label}</span> {item.text}
            </span>
          ))}
    </p>
  );
}
