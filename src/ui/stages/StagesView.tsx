import { useCallback, useMemo } from 'react';
import type { StageRecord } from '../../../workers/samplerApi';
import type { Box } from '../../engine/targets/types';
import { drawPlanFrame, drawResidualChart } from './sinkhornPictures';
import { StageCanvas, type Paint } from './StageCanvas';
import { STAGE_COUNT, STAGE_TITLES, stageText } from './stageFormulas';
import { drawGround, drawPlaneStage, planeScales } from './stagePictures';
import { nearestPoint } from './stageStats';
import { Tex } from '../text/Tex';
import './stages.css';

interface Props {
  readonly panel: number;
  readonly record: StageRecord;
  readonly stage: number;
  readonly frame: number;
  readonly box: Box;
  readonly density: CanvasImageSource | null;
  readonly onStage: (stage: number) => void;
  readonly onFrame: (frame: number) => void;
  readonly onClose: () => void;
  /** Show the cost and plan rows of another particle. */
  readonly onParticle: (particle: number) => void;
}


/** The Sinkhorn stage's figure: the plan after the chosen iteration, a slider over iterations, the residual chart. */
function SinkhornFigure({ record, frame, onFrame }: Pick<Props, 'record' | 'frame' | 'onFrame'>) {
  const s = record.sinkhorn;
  const frames = s.frames.iterations.length;
  const it = s.frames.iterations[frame];
  const last = frame === frames - 1;
  const plan = useCallback<Paint>((ctx, w, h) => drawPlanFrame(ctx, record, frame, w, h), [record, frame]);
  const chart = useCallback<Paint>((ctx, w, h) => drawResidualChart(ctx, record, last ? -1 : it, w, h), [record, it, last]);
  return (
    <div className="stages-sinkhorn">
      <StageCanvas paint={plan} className="stages-plan" label={`Transport plan after ${last ? 'the last iteration' : `iteration ${it}`}`} testId="stages-plan" />
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
      {s.residuals.length > 0 && <StageCanvas paint={chart} className="stages-chart" label="Marginal residual against Sinkhorn iteration (log scale), tolerance dashed" testId="stages-chart" />}
    </div>
  );
}

/** One recorded ETD step, one stage at a time: the picture, the formulas with this step's numbers, navigation. */
export function StagesView({ panel, record, stage, frame, box, density, onStage, onFrame, onClose, onParticle }: Props) {
  const text = useMemo(() => stageText(record, stage, frame), [record, stage, frame]);
  const plane = useCallback<Paint>(
    (ctx, w, h) => {
      const { sx, sy, k } = planeScales(box, w, h);
      const p = { ctx, sx, sy, k };
      drawGround(p, box, density, w, h);
      drawPlaneStage(p, record, stage, box);
    },
    [record, stage, box, density],
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
        <h2>
          Panel {panel + 1} · {record.label} · step {record.iteration - 1} → {record.iteration}
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
              label={`${text.title}: picture of this step (click a particle to follow it)`}
              testId="stages-picture"
              onPoint={pick}
            />
          )}
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
              <span>(or click one)</span>
            </label>
          )}
          {record.cpuNote && <p className="stages-note">{record.cpuNote}</p>}
        </section>
      </div>
    </div>
  );
}
