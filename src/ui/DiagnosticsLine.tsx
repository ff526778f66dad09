import { useAppStore } from '../store';
import { describeAll, summariseDiagnostics } from './diagnosticsSummary';

/** One short line of the last step's diagnostics; hover for the full list. */
export function DiagnosticsLine() {
  const diagnostics = useAppStore((s) => s.diagnostics);
  const items = summariseDiagnostics(diagnostics);
  const empty = Object.keys(diagnostics).length === 0;
  return (
    <p className="diagnostics" data-testid="diagnostics" title={empty ? undefined : describeAll(diagnostics)}>
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
