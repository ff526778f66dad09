/**
 * The picked source point's conditional law, side by side: Sinkhorn's (the plan row of the
 * nearest source point) and VarEOT's (Langevin samples of the learned pi(. | x)), same axes.
 */
import { useLabStore } from '../../store/labSlice';
import { ConditionalCanvas } from './ConditionalCanvas';

export function ConditionalPair() {
  const result = useLabStore((s) => s.result);
  const picked = useLabStore((s) => s.picked);
  const samples = useLabStore((s) => s.varEot.samples);
  const target = result?.target ?? null;
  return (
    <div className="lab-pair">
      <figure className="lab-figure">
        <ConditionalCanvas target={target} point={picked} row={picked?.row} testId="lab-cond-sinkhorn" label="Sinkhorn conditional of the picked point" />
        <figcaption>
          Sinkhorn: row of the plan at {picked ? `(${picked.x.toFixed(2)}, ${picked.y.toFixed(2)})` : 'a picked source point'}
          {result ? `, ε = ${result.eps}` : ''}
        </figcaption>
      </figure>
      <figure className="lab-figure">
        <ConditionalCanvas target={target} point={picked} samples={samples?.samples} testId="lab-cond-vareot" label="VarEOT conditional samples of the picked point" />
        <figcaption data-testid="lab-langevin">
          VarEOT: {samples ? `${samples.samples.length / 2} Langevin samples, ${samples.steps} steps of size h = ${samples.stepSize.toPrecision(3)}` : 'train, then pick a source point'}
        </figcaption>
      </figure>
    </div>
  );
}
