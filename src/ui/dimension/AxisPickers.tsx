import { axesFor } from '../../engine/targets/ndSpec';
import { useAppStore } from '../../store';
import { drawnFromDim } from '../../store/targetSlice';
import './dimension.css';

/**
 * Which two of a d-dimensional target's coordinates every panel draws (over their exact 2D
 * marginal). Changing one redraws without restarting the samplers; picking the coordinate the
 * other axis shows swaps the two. Shown for d-dimensional targets and logistic-regression
 * posteriors (their weights) with more than two coordinates.
 */
export function AxisPickers() {
  const dim = useAppStore(drawnFromDim);
  const weights = useAppStore((s) => s.targetSpec.kind === 'blr');
  const stored = useAppStore((s) => s.axes);
  const setAxes = useAppStore((s) => s.setAxes);
  if (dim === null || dim <= 2) return null;
  const [i, j] = axesFor(stored, dim);
  const letter = weights ? 'w' : 'x';
  const pick = (which: 0 | 1, k: number) => {
    const other = which === 0 ? j : i;
    const next: [number, number] = which === 0 ? [k, k === other ? i : j] : [k === other ? j : i, k];
    setAxes(next);
  };
  const options = Array.from({ length: dim }, (_, k) => (
    <option key={k} value={k}>
      {letter}
      {k + 1}
    </option>
  ));
  return (
    <div className="axis-pickers" data-testid="axis-pickers" role="group" aria-label="Coordinates drawn">
      <span className="axis-pickers-title">
        Drawn: 2 of d = {dim} {weights ? 'weights' : 'coordinates'}
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
