import { useEffect, useRef } from 'react';
import { latestFrame } from '../../run/latestFrame';
import { formatNumber } from '../diagnosticsSummary';

const REFRESH_MS = 250;

/** What the plan view reports from the last step's diagnostics. */
export const PLAN_STATS: readonly (readonly [key: string, label: string, title: string])[] = [
  ['sinkhornIterations', 'Sinkhorn iters', 'Sinkhorn iterations of the last step'],
  ['residual', 'marginal residual', 'L1 distance of the plan\'s marginals from the ones its coupling requires; Sinkhorn has converged when it is at most tol (0 = exactly coupled)'],
  ['ess', 'coupling ESS', 'Mean effective number of proposals per particle in its coupling row'],
];

/** Sinkhorn iterations, marginal residual and coupling ESS of a panel, refreshed a few times a second outside React. */
export function PlanStats({ panel }: { panel: number }) {
  const refs = useRef<(HTMLElement | null)[]>([]);
  useEffect(() => {
    let seen = -1;
    const timer = setInterval(() => {
      if (seen === latestFrame.version) return;
      seen = latestFrame.version;
      const d = latestFrame.current?.panels[panel]?.diagnostics ?? {};
      PLAN_STATS.forEach(([key], k) => {
        const el = refs.current[k];
        const v = d[key];
        if (el) el.textContent = v === undefined || Number.isNaN(v) ? '–' : formatNumber(v);
      });
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [panel]);
  return (
    <dl className="plan-stats" data-testid="plan-stats">
      {PLAN_STATS.map(([key, label, title], k) => (
        <div key={key} title={title}>
          <dt>{label}</dt>
          <dd ref={(el) => void (refs.current[k] = el)} data-key={key}>–</dd>
        </div>
      ))}
    </dl>
  );
}
