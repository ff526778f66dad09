import { axesFor } from '../../engine/targets/ndSpec';
import { useAppStore } from '../../store';
import './dimension.css';

/**
 * Which two of a d-dimensional target's coordinates every panel draws (over their exact 2D
 * marginal). Changing one redraws without restarting the samplers; picking the coordinate the
 * other axis shows swaps the two. Shown only for d-dimensional targets.
 */
export function AxisPickers() {
  const spec = useAppStore((s) => s.targetSpec);
  const stored = useAppStore((s) => s.axes);
  const setAxes = useAppStore((s) => s.setAxes);
  if (spec.kind !== 'nd') return null;
  const [i, j] = axesFor(stored, spec.dim);
  const pick = (which: 0 | 1, k: number) => {
    const other = which === 0 ? j : i;
    const next: [number, number] = which === 0 ? [k, k === other ? i : j] : [k === other ? j : i, k];
    setAxes(next);
  };
  const options = Array.from({ length: spec.dim }, (_, k) => (
    <option key={k} value={k}>
      x{k + 1}
    </option>
  ));
  return (
    <div className="axis-pickers" data-testid="axis-pickers" role="group" aria-label="Coordinates drawn">
      <span className="axis-pickers-title">
        Drawn: 2 of d = {spec.dim} coordinates
      </span>
      <label title="The coordinate along the plots' horizontal axis">
        horizontal{' '}
        <select value={i} data-testid="axis-x" onChange={(e) => pick(0, Number(e.target.value))}>
          {options}
        </select>
      </label>
      <label title="The coordinate along the plots' vertical axis">
        vertical{' '}
        <select value={j} data-testid="axis-y" onChange={(e) => pick(1, Number(e.target.value))}>
          {options}
        </select>
      </label>
    </div>
  );
}
