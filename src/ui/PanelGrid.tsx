import { useAppStore } from '../store';
import { isHidden } from '../store/shareSlice';
import { MetricsSlot } from './viewSlots';
import { SamplerPanel } from './SamplerPanel';
import { SlowWorkNote } from './SlowWorkNote';

/**
 * 1 panel large, 2 side by side, 3-4 in a 2 x 2 grid (with 3, the metrics take the free cell);
 * a session error and a note about slow steps ahead above them.
 */
export function PanelGrid() {
  const ids = useAppStore((s) => s.panels.map((p) => p.id).join(','));
  const error = useAppStore((s) => s.error);
  const count = ids.split(',').length;
  const metricsHidden = useAppStore((s) => isHidden(s, 'metrics'));
  return (
    <section className="panel-area" aria-label="Sampler panels">
      {error !== null && (
        <div className="session-error" role="alert" data-testid="error">
          <strong>Could not start the samplers.</strong> {error}
        </div>
      )}
      <SlowWorkNote />
      <div className="panel-grid" data-count={count}>
        {ids.split(',').map((id, i) => (
          <SamplerPanel key={id} panel={i} />
        ))}
        {metricsInGrid(count) && !metricsHidden && (
          <section className="metrics-area in-grid" aria-label="Metrics">
            <MetricsSlot />
          </section>
        )}
      </div>
    </section>
  );
}

/** With 3 panels the fourth cell of the 2 x 2 grid shows the metrics. */
export const metricsInGrid = (count: number): boolean => count === 3;
