/**
 * The picked source point's conditional law three ways, on the same axes: Sinkhorn's (the plan
 * row of the point, with the row's sampling floor), VarEOT's and LightSB's samples, each with its
 * energy distance to Sinkhorn's row and that distance in floors.
 */
import { LEARNED_METHODS, METHOD_LABEL } from '../../engine/lab/labMethods';
import type { RowFloor } from '../../engine/lab/rowFloor';
import type { LearnerSample } from '../../../workers/labApi';
import { ConditionalCanvas } from './ConditionalCanvas';
import { METHOD_COLOUR } from './labScales';
import { ED_DEFINITION, FLOOR_DEFINITION, floorText, fmtEd, ratioText } from './labNumbers';

export interface TripleProps {
  readonly target: Float64Array | null;
  readonly point: { x: number; y: number } | null;
  readonly row: Float64Array | null;
  readonly floor: RowFloor | null;
  readonly samples: Partial<Record<(typeof LEARNED_METHODS)[number], LearnerSample | null>>;
  /** Prefix of the test ids, e.g. 'lab-cond' or 'lab-compare-0.1'. */
  readonly id: string;
  /** Shown under the learned pictures when there are no samples. */
  readonly empty: string;
  /** Extra words after a learned model's numbers (e.g. the step count in Compare). */
  readonly extra?: (s: LearnerSample) => string;
}

export function ConditionalTriple({ target, point, row, floor, samples, id, empty, extra }: TripleProps) {
  return (
    <div className="lab-triple">
      <figure className="lab-figure">
        <ConditionalCanvas target={target} point={point} row={row} testId={`${id}-sinkhorn`} label="Sinkhorn conditional of the picked point" />
        <figcaption data-testid={`${id}-sinkhorn-caption`}>
          <b>Sinkhorn</b>: plan row{point ? ` at (${point.x.toFixed(2)}, ${point.y.toFixed(2)})` : ' of a picked source point'}
          {floor && Number.isFinite(floor.floor) && (
            <>
              {', '}
              <span title={FLOOR_DEFINITION} data-testid={`${id}-floor`} data-floor={floor.floor}>
                {floorText(floor)}
              </span>
              , {floor.effectivePoints.toFixed(0)} effective points
            </>
          )}
        </figcaption>
      </figure>
      {LEARNED_METHODS.map((m) => {
        const s = samples[m] ?? null;
        return (
          <figure className="lab-figure" key={m}>
            <ConditionalCanvas target={target} point={point} samples={s?.samples} colour={METHOD_COLOUR[m]} testId={`${id}-${m}`} label={`${METHOD_LABEL[m]} samples of the picked point`} />
            <figcaption data-testid={`${id}-${m}-caption`} title={s ? `${s.samples.length / 2} samples: ${s.sampling}` : undefined}>
              <b>{METHOD_LABEL[m]}</b>
              {s ? (
                <>
                  {': '}
                  {s.energyDistance !== null && (
                    <span title={ED_DEFINITION} data-testid={`${id}-${m}-ed`} data-ed={s.energyDistance}>
                      ED {fmtEd(s.energyDistance)}
                      {floor && Number.isFinite(floor.floor) && ` = ${ratioText(s.energyDistance, floor)}`}
                    </span>
                  )}
                  {s.stopped === 'cap' && <span className="lab-warn"> under-trained: {s.steps} steps (cap)</span>}
                  {s.stopped === 'plateau' && ` · ${s.steps} steps (plateau)`}
                  {s.stopped === null && ` · at step ${s.steps}, still training`}
                  {extra?.(s)}
                </>
              ) : (
                `: ${empty}`
              )}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
