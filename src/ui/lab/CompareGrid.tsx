/**
 * The paper's synthetic experiment on the lab's clouds: at eps = 0.01, 0.1 and 1, three columns
 * for the picked point: Sinkhorn's row (with its sampling floor), VarEOT's and LightSB's samples,
 * each model trained at that eps by the stopping rule, with its energy distance to the row.
 */
import type { LabCompare } from '../../run/lab/labCompare';
import { COMPARE_EPS } from '../../run/lab/labCompare';
import { currentLabKey, useLabStore } from '../../store/labStore';
import { ConditionalTriple } from './ConditionalTriple';
import { SMALL_EPS_NOTE } from './smallEps';

export function CompareGrid({ compare }: { compare: LabCompare }) {
  const c = useLabStore((s) => s.compare);
  const target = useLabStore((s) => s.result?.target ?? null);
  const picked = useLabStore((s) => s.picked);
  const key = useLabStore((s) => currentLabKey(s).replace(/\|eps [^|]*/, ''));
  const cap = useLabStore((s) => s.config.lsteps);
  const stale = c.key !== null && c.key !== key;
  return (
    <section className="lab-compare" aria-label="Comparison at three eps">
      <h2>Compare at ε = {COMPARE_EPS.join(', ')}</h2>
      <div className="lab-buttons">
        <button
          type="button"
          data-testid="lab-compare"
          disabled={!picked && c.status !== 'running'}
          title={picked ? '' : 'pick a source point first'}
          onClick={() => (c.status === 'running' ? compare.cancel() : void compare.run())}
        >
          {c.status === 'running' ? 'Cancel comparison' : `Compare at the picked point (each model to its plateau, at most ${cap} steps)`}
        </button>
        <span className="lab-stat" data-testid="lab-compare-status" aria-live="polite">
          {c.status === 'running' ? c.progress : c.status === 'error' ? c.error : c.status === 'done' ? `done at (${c.point?.x.toFixed(2)}, ${c.point?.y.toFixed(2)})` : ''}
          {stale && c.status !== 'running' && ' · made on other clouds or seed: compare again'}
        </span>
      </div>
      {c.columns.length > 0 && (
        <div className="lab-compare-grid">
          {c.columns.map((col) => (
            <div key={col.eps} data-testid={`lab-compare-${col.eps}`} className="lab-compare-row">
              <h3>ε = {col.eps}</h3>
              <ConditionalTriple
                target={target}
                point={c.point}
                row={col.row}
                floor={col.floor}
                samples={col.learned}
                id={`lab-compare-${col.eps}`}
                empty="not run"
                extra={(s) => {
                  const l = col.learned[s.method];
                  return l ? ` · ${l.stepsPerSec.toFixed(0)} steps/s` : '';
                }}
              />
              {col.eps <= 0.01 && <p className="lab-note" data-testid="lab-small-eps-note">{SMALL_EPS_NOTE}</p>}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
