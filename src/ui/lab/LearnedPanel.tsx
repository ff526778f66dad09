/**
 * The learned maps: VarEOT and LightSB trained on the current clouds and eps in one worker
 * (train / pause / resume / retrain), each until its smoothed loss levels off; their losses and
 * speeds live, the backend VarEOT runs on, a stale model said so, and the picked point's
 * conditional three ways with the numbers.
 */
import { DEFAULT_LIGHTSB } from '../../engine/lab/lightSb';
import { LEARNED_METHODS, METHOD_LABEL, plateauSettings, type LearnedMethod } from '../../engine/lab/labMethods';
import { DEFAULT_VAREOT } from '../../engine/lab/varEotSettings';
import type { LabCompare } from '../../run/lab/labCompare';
import type { LabTrainer } from '../../run/lab/labTrainer';
import { currentLabKey, useLabStore, type ModelProgress } from '../../store/labStore';
import { CompareGrid } from './CompareGrid';
import { ConditionalTriple } from './ConditionalTriple';
import { LossChart } from './LossChart';
import { SMALL_EPS_NOTE } from './smallEps';

function modelLine(m: LearnedMethod, p: ModelProgress, cap: number): string {
  const s = p.state;
  if (!s) return `${METHOD_LABEL[m]}: not trained`;
  const stop = s.stopped === 'plateau' ? ` · stopped: loss levelled off at step ${s.steps}` : s.stopped === 'cap' ? ` · under-trained: stopped at the cap of ${cap} steps` : '';
  return `${METHOD_LABEL[m]}: step ${s.steps} · ${p.stepsPerSec.toFixed(1)} steps/s · smoothed loss ${s.smoothed.toFixed(3)}${stop}`;
}

export function LearnedPanel({ trainer, compare }: { trainer: LabTrainer; compare: LabCompare }) {
  const l = useLabStore((s) => s.learn);
  const eps = useLabStore((s) => s.result?.eps);
  const picked = useLabStore((s) => s.picked);
  const target = useLabStore((s) => s.result?.target ?? null);
  const cap = useLabStore((s) => s.config.lsteps);
  const solvedNow = useLabStore((s) => s.resultKey !== null && s.resultKey === currentLabKey(s));
  const o = DEFAULT_VAREOT.optimiser;
  const lsb = DEFAULT_LIGHTSB;
  const pv = plateauSettings('vareot', cap);
  const busy = l.status === 'training' || l.status === 'starting';
  return (
    <section className="lab-vareot" aria-label="Learned maps">
      <h2>Learned maps: VarEOT and LightSB</h2>
      <p className="lab-note">
        <b>VarEOT</b>: potential f<sub>θ</sub> = ε φ<sub>θ</sub> and normaliser ξ<sub>ψ</sub>, MLPs 2-{DEFAULT_VAREOT.hidden.join('-')}-1 (SiLU), trained on −E<sub>Q</sub>φ(y) + E<sub>P,z</sub>[exp(φ(x + √ε z) − ξ(x)) + ξ(x) − 1] with AdamW (lr {o.lr}, batch {DEFAULT_VAREOT.batch}, {DEFAULT_VAREOT.proposals} importance-sampled proposals per x); samples by Langevin dynamics.{' '}
        <b>LightSB</b>: adjusted potential v(y) = Σ<sub>k</sub> a<sub>k</sub> N(y; r<sub>k</sub>, ε S<sub>k</sub>) with {lsb.components} components ({lsb.covariance} S<sub>k</sub>), closed-form log c(x), trained on E<sub>P</sub> log c(x) − E<sub>Q</sub> log v(y) with Adam (lr {lsb.optimiser.lr}, batch {lsb.batch}); exact samples of the mixture conditional.{' '}
        Both on the same clouds in one worker; each stops when its smoothed loss (EMA over {pv.tau} steps) falls by no more than {pv.z.toFixed(2)} noise standard deviations in {pv.patience} windows of {pv.window} steps in a row (after at least {pv.minSteps} steps), or at the cap of {cap} steps.
      </p>
      <div className="lab-buttons">
        <button
          type="button"
          className="primary"
          data-testid="lab-train"
          disabled={!eps || l.status === 'starting'}
          onClick={() => {
            if (l.status === 'training') trainer.pause();
            else if (l.status === 'paused') trainer.resume();
            else void trainer.restart();
          }}
        >
          {l.status === 'training' ? 'Pause training' : l.status === 'paused' ? 'Resume training' : l.status === 'stale' ? 'Retrain on the current settings' : l.status === 'done' ? 'Train again' : 'Train VarEOT and LightSB'}
        </button>
        {(l.status === 'paused' || l.status === 'training') && (
          <button type="button" data-testid="lab-restart" onClick={() => void trainer.restart()}>
            Restart
          </button>
        )}
        <button type="button" data-testid="lab-sample" disabled={!picked || !['training', 'paused', 'done'].includes(l.status)} onClick={() => void trainer.samplePicked()}>
          Sample picked point
        </button>
      </div>
      <p className="lab-stat" data-testid="lab-learn-status" data-status={l.status} aria-live="polite">
        {l.status === 'starting' ? (solvedNow ? 'starting…' : 'waiting for the current settings to be solved…') : l.status === 'error' ? l.error : l.status === 'idle' ? 'not trained' : l.status === 'stale' ? 'stale' : l.status}
        {l.eps !== null && ` · trained at ε = ${l.eps}`}
        {l.backend && (
          <span data-testid="lab-backend" title={l.backendReason}>
            {' '}· VarEOT on tfjs {l.backend} ({l.backendReason})
          </span>
        )}
      </p>
      {l.staleNote && (
        <p className="lab-warn" data-testid="lab-stale" role="status">
          {l.staleNote}
        </p>
      )}
      <ul className="lab-models">
        {LEARNED_METHODS.map((m) => (
          <li key={m} data-testid={`lab-model-${m}`} data-steps={l.models[m].state?.steps ?? 0} data-stopped={l.models[m].state?.stopped ?? ''}>
            {modelLine(m, l.models[m], cap)}
          </li>
        ))}
      </ul>
      {eps !== undefined && eps < 0.03 && (
        <p className="lab-note" data-testid="lab-small-eps-live">
          {SMALL_EPS_NOTE}
        </p>
      )}
      <div className="lab-losses">
        {LEARNED_METHODS.map((m) => (
          <LossChart key={m} losses={l.models[m].losses} title={`${METHOD_LABEL[m]} loss`} testId={`lab-loss-${m}`} />
        ))}
      </div>
      <ConditionalTriple
        target={target}
        point={picked}
        row={picked?.row ?? null}
        floor={picked?.floor ?? null}
        samples={l.status === 'stale' ? {} : l.samples}
        id="lab-cond"
        empty={l.status === 'stale' ? 'stale model: retrain' : busy || l.status === 'paused' || l.status === 'done' ? 'pick a source point' : 'train, then pick a source point'}
      />
      <CompareGrid compare={compare} />
    </section>
  );
}
