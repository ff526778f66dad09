import { useAppStore } from '../store';
import { isHidden } from '../store/shareSlice';
import { MetricsSlot } from './viewSlots';
import { SamplerPanel } from './SamplerPanel';
import { SlowWorkNote } from './SlowWorkNote';
import { AxisPickers } from './dimension/AxisPickers';
import { LogisticDataPanel } from './logistic/LogisticDataPanel';

/**
 * 1 panel large, more two abreast (5 and 6 three abreast on wide screens: styles.css); with an
 * odd count the metrics take the free cell. A session error, a note about slow steps and, for a
 * d-dimensional target, the pickers of the drawn coordinates ahead; for the logistic-regression
 * view, its data panel beside the grid.
 */
export function PanelGrid() {
  const ids = useAppStore((s) => s.panels.map((p) => p.id).join(','));
  const error = useAppStore((s) => s.error);
  const count = ids.split(',').length;
  const metricsHidden = useAppStore((s) => isHidden(s, 'metrics'));
  const logistic = useAppStore((s) => s.targetSpec.kind === 'logistic2d');
  const grid = (
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
  );
  return (
    <section className="panel-area" aria-label="Sampler panels">
      {error !== null && (
        <div className="session-error" role="alert" data-testid="error">
          <strong>Could not start the samplers.</strong> {error}
        </div>
      )}
      <SlowWorkNote />
      <AxisPickers />
      {count > 1 && <PhoneLayoutToggle />}
      {logistic ? (
        <div className="lr-row">
          <LogisticDataPanel />
          {grid}
        </div>
      ) : (
        grid
      )}
    </section>
  );
}

/** An odd count of panels leaves the last cell of the grid free (2 or 3 columns): the metrics fill it. */
export const metricsInGrid = (count: number): boolean => count > 1 && count % 2 === 1;

/** Phones only (CSS shows it below 760 px): two panels side by side, small, or one per row, large. */
function PhoneLayoutToggle() {
  const layout = useAppStore((s) => s.phoneLayout);
  const setLayout = useAppStore((s) => s.setPhoneLayout);
  return (
    <div className="segmented phone-layout" role="group" aria-label="Panels on a phone">
      <button type="button" className="small" aria-pressed={layout === 'pair'} data-testid="phone-layout-pair" title="Both panels on screen together, small" onClick={() => setLayout('pair')}>
        Side by side
      </button>
      <button type="button" className="small" aria-pressed={layout === 'single'} data-testid="phone-layout-single" title="Larger plots, with the transport plan and the histograms" onClick={() => setLayout('single')}>
        One per row
      </button>
    </div>
  );
}
