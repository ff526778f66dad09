/**
 * The paper's synthetic experiment on the lab's clouds: at eps = 0.01, 0.1 and 1, Sinkhorn's row
 * of the picked point beside the samples of a VarEOT model trained for that eps.
 */
import type { LabCompare } from '../../run/lab/labCompare';
import { COMPARE_EPS, COMPARE_STEPS } from '../../run/lab/labCompare';
import { useLabStore } from '../../store/labSlice';
import { ConditionalCanvas } from './ConditionalCanvas';
import { labBox } from './labScales';

/** Samples outside the target cloud's picture (or not finite): a failed fit shows as many. */
function outside(samples: Float64Array, target: Float64Array): number {
  const { lo, hi } = labBox(target);
  let n = 0;
  for (let k = 0; k < samples.length / 2; k++) {
    const x = samples[2 * k], y = samples[2 * k + 1];
    if (!(x >= lo && x <= hi && y >= lo && y <= hi)) n++;
  }
  return n;
}

export function CompareGrid({ compare }: { compare: LabCompare }) {
  const c = useLabStore((s) => s.compare);
  const target = useLabStore((s) => s.result?.target ?? null);
  const picked = useLabStore((s) => s.picked);
  return (
    <section className="lab-compare" aria-label="Comparison at three eps">
      <div className="lab-buttons">
        <button
          type="button"
          data-testid="lab-compare"
          disabled={!picked && c.status !== 'running'}
          title={picked ? '' : 'pick a source point first'}
          onClick={() => (c.status === 'running' ? compare.cancel() : void compare.run())}
        >
          {c.status === 'running' ? 'Cancel comparison' : `Compare at ε = ${COMPARE_EPS.join(', ')} (${COMPARE_STEPS} steps each)`}
        </button>
        <span className="lab-stat" data-testid="lab-compare-status">
          {c.status === 'running' ? c.progress : c.status === 'error' ? c.error : c.status === 'done' ? `done at (${c.point?.x.toFixed(2)}, ${c.point?.y.toFixed(2)})` : ''}
        </span>
      </div>
      {c.pairs.length > 0 && (
        <div className="lab-compare-grid">
          {c.pairs.map((p) => (
            <div key={p.eps} className="lab-pair" data-testid={`lab-compare-${p.eps}`}>
              <figure className="lab-figure">
                <ConditionalCanvas target={target} point={c.point} row={p.row} testId={`lab-compare-sinkhorn-${p.eps}`} label={`Sinkhorn row at eps ${p.eps}`} />
                <figcaption>Sinkhorn, ε = {p.eps}</figcaption>
              </figure>
              <figure className="lab-figure">
                <ConditionalCanvas target={target} point={c.point} samples={p.samples.samples} testId={`lab-compare-vareot-${p.eps}`} label={`VarEOT samples at eps ${p.eps}`} />
                <figcaption>
                  VarEOT, ε = {p.eps}: loss {p.lastLoss.toFixed(2)}, h = {p.samples.stepSize.toPrecision(2)}
                  {target && outside(p.samples.samples, target) > 0 && `; ${outside(p.samples.samples, target)} of ${p.samples.samples.length / 2} samples off the picture`}
                </figcaption>
              </figure>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
