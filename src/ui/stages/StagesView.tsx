import { useCallback, useMemo } from 'react';
import type { StageRecord } from '../../../workers/samplerApi';
import type { Box } from '../../engine/targets/types';
import { drawPlanFrame, drawResidualChart, RESIDUAL_INK } from './sinkhornPictures';
import { StageCanvas, type Paint } from './StageCanvas';
import { STAGE_COUNT, STAGE_TITLES, stageText, texNum } from './stageFormulas';
import { stageLegend } from './stageLegend';
import { StageLegend } from './StageLegend';
import { drawGround, drawPlaneStage, planeScales, type Ground } from './stagePictures';
import { pointerVerb } from '../text/pointerWords';
import { nearestPoint } from './stageStats';
import { Tex } from '../text/Tex';
import './stages.css';

interface Props {
  readonly panel: number;
  readonly record: StageRecord;
  readonly stage: number;
  readonly frame: number;
  readonly box: Box;
  /** The panel's density picture (heatmap and contours), null before the scene is known. */
  readonly ground: Ground | null;
  readonly onStage: (stage: number) => void;
  readonly onFrame: (frame: number) => void;
  readonly onClose: () => void;
  /** Show the cost and plan rows of another particle. */
  readonly onParticle: (particle: number) => void;
}


/** The Sinkhorn stage's figure: the plan after the chosen iteration, a slider over iterations, the residual chart. */
function SinkhornFigure({ record, frame, onFrame }: Pick<Props, 'record' | 'frame' | 'onFrame'>) {
  const legend = useMemo(() => stageLegend(record, 4), [record]);
  const s = record.sinkhorn;
  const frames = s.frames.iterations.length;
  const it = s.frames.iterations[frame];
  const last = frame === frames - 1;
  const plan = useCallback<Paint>((ctx, w, h) => drawPlanFrame(ctx, record, frame, w, h), [record, frame]);
  const chart = useCallback<Paint>((ctx, w, h) => drawResidualChart(ctx, record, last ? -1 : it, w, h), [record, it, last]);
  return (
    <div className="stages-sinkhorn" data-final-residual={texNum(s.residual)}>
      <div className="stages-plan-frame">
        <span className="plan-axis plan-axis-y">particles x_i (rows, by angle)</span>
        <StageCanvas paint={plan} className="stages-plan" label={`Transport plan after ${last ? 'the last iteration' : `iteration ${it}`}: rows are particles, columns proposals, log colour scale`} testId="stages-plan" />
        <span className="plan-axis plan-axis-x">proposals y_j (columns, by angle)</span>
      </div>
      <StageLegend items={legend} stage={4} />
      {frames > 1 && (
        <label className="stages-slider">
          <span>{last ? `final plan (${s.iterations} it)` : `after iteration ${it}`}</span>
          <input
            type="range"
            min={0}
            max={frames - 1}
            step={1}
            value={frame}
            onChange={(e) => onFrame(Number(e.target.value))}
            aria-label="Sinkhorn iteration shown"
            data-testid="stages-frame"
          />
        </label>
      )}
      {s.residuals.length > 0 && (
        <>
          <StageCanvas paint={chart} className="stages-chart" label="Marginal residual against Sinkhorn iteration (log scale), tolerance dashed, the returned plan's residual as a diamond" testId="stages-chart" />
          <ul className="stages-legend light" aria-label="Legend of the residual chart">
            <li>
              <svg className="stages-legend-chip" width="22" height="14" aria-hidden="true"><path d="M2 7h18" stroke={RESIDUAL_INK.line} strokeWidth="1.6" /><circle cx="11" cy="7" r="2.5" fill={RESIDUAL_INK.line} /></svg>
              <span>residual tested after each iteration (rows + columns, L1, log scale)</span>
            </li>
            <li>
              <svg className="stages-legend-chip" width="22" height="14" aria-hidden="true"><path d="M2 7h18" stroke={RESIDUAL_INK.tol} strokeWidth="1.6" strokeDasharray="4 3" /></svg>
              <span>tolerance tol = {s.tol}</span>
            </li>
            <li>
              <svg className="stages-legend-chip" width="22" height="14" aria-hidden="true"><path d="M11 1l6 6-6 6-6-6z" fill={RESIDUAL_INK.final} /></svg>
              <span>the returned plan's residual</span>
            </li>
          </ul>
        </>
      )}
    </div>
  );
}

/** One recorded ETD step, one stage at a time: the picture, the formulas with this step's numbers, navigation. */
export function StagesView({ panel, record, stage, frame, box, ground, onStage, onFrame, onClose, onParticle }: Props) {
  const text = useMemo(() => stageText(record, stage, frame), [record, stage, frame]);
  const legend = useMemo(() => stageLegend(record, stage), [record, stage]);
  const plane = useCallback<Paint>(
    (ctx, w, h) => {
      const { sx, sy, k } = planeScales(box, w, h);
      const p = { ctx, sx, sy, k };
      drawGround(p, box, ground, w, h);
      drawPlaneStage(p, record, stage, box);
    },
    [record, stage, box, ground],
  );
  const pick = useCallback(
    (px: number, py: number, w: number, h: number) => {
      const { sx, sy } = planeScales(box, w, h);
      onParticle(nearestPoint(record.x, sx.invert(px), sy.invert(py)));
    },
    [box, record, onParticle],
  );
  const lastStage = stage === STAGE_COUNT - 1;
  return (
    <div className="stages-view" data-testid="stages-view" data-stage={stage + 1} data-state="ready">
      <header className="stages-header">
        <h2 data-testid="stages-title" title={`This walk is the panel's step from iteration ${record.iteration - 1} to ${record.iteration}; the panel's counter reads it ${record.iteration} now`}>
          Panel {panel + 1} · {record.label} · it {record.iteration - 1} → {record.iteration}
        </h2>
        <nav className="stages-nav" aria-label="Stages">
          <button type="button" className="small" onClick={() => onStage(stage - 1)} disabled={stage === 0} data-testid="stages-prev" aria-label="Previous stage">
            ◀
          </button>
          <output className="stages-count" aria-live="polite">
            {stage + 1} / {STAGE_COUNT}
          </output>
          <button type="button" className="small" onClick={() => (lastStage ? onClose() : onStage(stage + 1))} data-testid="stages-next" aria-label={lastStage ? 'Continue' : 'Next stage'}>
            {lastStage ? 'Continue' : '▶'}
          </button>
          <button type="button" className="small" onClick={onClose} data-testid="stages-close" aria-label="Close stages">
            ×
          </button>
        </nav>
      </header>
      <ol className="stages-steps">
        {STAGE_TITLES.map((t, k) => (
          <li key={t}>
            <button type="button" aria-current={k === stage ? 'step' : undefined} onClick={() => onStage(k)} title={t}>
              <span className="stages-step-number">{k + 1}</span> <span className="stages-step-title">{t}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="stages-body">
        <figure className="stages-figure">
          {stage === 4 ? (
            <SinkhornFigure record={record} frame={frame} onFrame={onFrame} />
          ) : (
            <StageCanvas
              paint={plane}
              className="stages-plane"
              label={`${text.title}: picture of this step (${pointerVerb()} a particle to follow it)`}
              testId="stages-picture"
              onPoint={pick}
            />
          )}
          {stage !== 4 && <StageLegend items={legend} stage={stage} />}
        </figure>
        <section className="stages-text" aria-label={text.title}>
          <h3>
            {stage + 1}. {text.title}
          </h3>
          {text.tex.map((tex, k) => (
            <Tex key={k} tex={tex} display className="stages-formula" />
          ))}
          {text.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
          {(stage === 0 || stage === 3 || stage === 5) && (
            <label className="stages-particle">
              Particle{' '}
              <input
                type="number"
                min={0}
                max={record.n - 1}
                step={1}
                value={record.particle}
                onChange={(e) => {
                  const i = Number(e.target.value);
                  if (Number.isInteger(i) && i >= 0 && i < record.n) onParticle(i);
                }}
                data-testid="stages-particle"
              />{' '}
              <span>(or {pointerVerb()} one in the picture)</span>
            </label>
          )}
          {record.cpuNote && <p className="stages-note">{record.cpuNote}</p>}
        </section>
      </div>
    </div>
  );
}
