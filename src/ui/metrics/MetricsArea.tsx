import { useEffect, useRef, useState } from 'react';
import { latestFrame } from '../../run/latestFrame';
import { needInFrames } from '../../run/frameNeeds';
import { useAppStore } from '../../store';
import { formatNumber } from '../diagnosticsSummary';
import { panelColour } from '../panelColours';
import { panelTitle } from '../text/panelTitle';
import { LOG_METRICS } from './chartScales';
import { HistoryBook, malaAcceptance } from './histories';
import { MetricChart } from './MetricChart';
import { CHART_BOX, renderChart } from './renderChart';
import { isUserCsvKey } from '../../engine/targets/blr/dataSets';
import type { ChartSet } from './chartScales';
import './metrics.css';

/** Charts redraw at most this often (metrics are recorded every few steps anyway). */
const REFRESH_MS = 300;

/** A per-element id, so a remounted <svg> counts as new. */
const ids = new WeakMap<Element, number>();
let nextId = 0;
const keyOf = (el: Element): number => {
  let id = ids.get(el);
  if (id === undefined) ids.set(el, (id = nextId++));
  return id;
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, k) => v === b[k]);

/**
 * Quality against the exact target over iterations: one small chart per metric with every
 * panel on it (colours as in the panel titles; log y for the distances, a dashed line at the
 * ideal for ratios and coverage), plus MALA's acceptance rate when a MALA panel runs. Reads
 * latestFrame on a timer, outside React; React re-renders only when the set of charts or the
 * shown text changes.
 */
export function MetricsArea({ labels }: { labels?: readonly string[] } = {}) {
  const storePanels = useAppStore((s) => s.panels);
  const names = labels ?? storePanels.map((p) => panelTitle(p.sampler, p.params));
  const [metrics, setMetrics] = useState<readonly string[]>([]);
  const [panelCount, setPanelCount] = useState(0);
  const [mala, setMala] = useState('');
  const svgs = useRef(new Map<string, SVGSVGElement>());
  const sectionRef = useRef<HTMLElement>(null);
  // A logistic-regression posterior is measured against its reference posterior and held-out rows.
  const blr = useAppStore((s) => (s.targetSpec.kind === 'blr' ? s.targetSpec.data : null));
  const hasReference = useAppStore((s) => blr === null || !isUserCsvKey(blr) || (s.blrCsv?.key === blr && s.blrCsv.reference !== null));
  const set: ChartSet = blr === null ? 'exact' : 'posterior';
  const setRef = useRef(set);
  setRef.current = set;

  useEffect(() => needInFrames('history'), []);

  useEffect(() => {
    const book = new HistoryBook();
    let seen = -1;
    let drawn = '';
    // Charts scrolled out of view are not redrawn (d3 axes and paths are main-thread work).
    let visible = true;
    const observer = typeof IntersectionObserver === 'undefined' || !sectionRef.current
      ? null
      : new IntersectionObserver(([entry]) => {
          visible = entry.isIntersecting;
          if (visible) refresh();
        });
    if (sectionRef.current) observer?.observe(sectionRef.current);
    const refresh = () => {
      const frame = latestFrame.current;
      if (!frame) return;
      if (seen !== latestFrame.version) {
        seen = latestFrame.version;
        book.update(frame.panels);
        const present = book.metrics(setRef.current);
        setMetrics((old) => (sameList(old, present) ? old : present));
        setPanelCount(frame.panels.length);
        setMala(malaAcceptance(frame.panels).map((a) => `${a.panel}:${formatNumber(a.value)}`).join(' '));
      }
      if (!visible) return;
      // Redraw when a history grew or a chart (re)mounted; the <svg> elements come from React.
      const signature = `${setRef.current}#${book.signature()}#${[...svgs.current.values()].map(keyOf).join(',')}`;
      if (signature === drawn) return;
      drawn = signature;
      for (const [metric, svg] of svgs.current) renderChart(svg, metric, book.series(metric), CHART_BOX, setRef.current);
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      clearInterval(timer);
      observer?.disconnect();
    };
  }, []);

  const malaItems = mala ? mala.split(' ').map((s) => s.split(':')) : [];
  return (
    <section ref={sectionRef} className="metrics-area" data-testid="metrics-area" aria-label={blr === null ? 'Metrics against the exact target' : 'Metrics of the posterior'}>
      <header className="metrics-header">
        <h3>{blr === null ? 'Quality against the exact target' : hasReference ? 'Quality against the reference posterior, and prediction' : 'Prediction on the held-out rows'}</h3>
        <ul className="metrics-legend">
          {Array.from({ length: panelCount }, (_, i) => (
            <li key={i}>
              <span className="metrics-swatch" style={{ background: panelColour(i) }} />
              {names[i] ?? `panel ${i + 1}`}
            </li>
          ))}
        </ul>
      </header>
      {malaItems.length > 0 && (
        <p className="mala-acceptance" data-testid="mala-acceptance" title="Fraction of MALA proposals accepted so far (about 0.57 is the classic target)">
          MALA acceptance{' '}
          {malaItems.map(([panel, value]) => (
            <span key={panel} style={{ color: panelColour(Number(panel)) }}>
              {names[Number(panel)] ?? `panel ${Number(panel) + 1}`} {value}{' '}
            </span>
          ))}
        </p>
      )}
      {blr !== null && (
        <p className="metrics-note" data-testid="metrics-blr-note">
          {hasReference
            ? 'All d weights against long-run HMC draws of the posterior (mean error in posterior sds, variance ratios, sliced W2, energy distance); test accuracy and log predictive density on the fixed 20% of rows held out of the posterior.'
            : 'No reference posterior for this CSV: only test accuracy and log predictive density on the 20% of rows held out (compute a reference under Target for the rest).'}
        </p>
      )}
      {metrics.length === 0 ? (
        <p className="metrics-empty">Metrics appear after the first recorded steps.</p>
      ) : (
        <div className="metrics-grid">
          {metrics.map((m) => (
            <MetricChart
              key={m}
              metric={m}
              set={set}
              log={LOG_METRICS.has(m)}
              ref={(el) => {
                if (el) svgs.current.set(m, el);
                else svgs.current.delete(m);
              }}
            />
          ))}
        </div>
      )}
    </section>
  );
}
