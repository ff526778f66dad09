/**
 * The learned map: train VarEOT on the current clouds and eps (train / pause / restart), its loss
 * live, and the picked point's conditional compared with Sinkhorn's.
 */
import { useLabStore } from '../../store/labSlice';
import type { LabTrainer } from '../../run/lab/labTrainer';
import type { LabCompare } from '../../run/lab/labCompare';
import { CompareGrid } from './CompareGrid';
import { DEFAULT_VAREOT } from '../../engine/lab/varEotSettings';
import { ConditionalPair } from './ConditionalPair';
import { LossChart } from './LossChart';

export function VarEotPanel({ trainer, compare }: { trainer: LabTrainer; compare: LabCompare }) {
  const v = useLabStore((s) => s.varEot);
  const eps = useLabStore((s) => s.result?.eps);
  const picked = useLabStore((s) => s.picked);
  const stale = v.eps !== null && eps !== undefined && v.eps !== eps;
  const last = v.losses.length ? v.losses.slice(-20).reduce((a, b) => a + b, 0) / Math.min(20, v.losses.length) : null;
  const o = DEFAULT_VAREOT.optimiser;
  return (
    <section className="lab-vareot" aria-label="VarEOT learned map">
      <h2>Learned map (VarEOT)</h2>
      <p className="lab-note">
        Potential f<sub>θ</sub> = ε φ<sub>θ</sub> and normaliser ξ<sub>ψ</sub>, MLPs 2-{DEFAULT_VAREOT.hidden.join('-')}-1 (SiLU), trained on
        −E<sub>Q</sub>φ(y) + E<sub>P,z</sub>[exp(φ(x + √ε z) − ξ(x)) + ξ(x) − 1] with AdamW (lr {o.lr}, weight decay {o.weightDecay}, batch {DEFAULT_VAREOT.batch});
        the inner expectation by importance sampling, {DEFAULT_VAREOT.proposals} proposals per x from ½ N(x, εI) + ½ a kernel density of the target (width {DEFAULT_VAREOT.kernelWidth}).
      </p>
      <div className="lab-buttons">
        <button type="button" className="primary" data-testid="lab-train" disabled={!eps || v.status === 'starting'} onClick={() => {
          if (v.status === 'training') trainer.pause();
          else if (v.status === 'paused' && !stale) trainer.resume();
          else void trainer.restart();
        }}>
          {v.status === 'training' ? 'Pause training' : v.status === 'paused' && !stale ? 'Resume training' : 'Train VarEOT'}
        </button>
        {v.status !== 'idle' && <button type="button" onClick={() => void trainer.restart()}>Restart</button>}
        <button type="button" data-testid="lab-sample" disabled={!picked || !trainer.started} onClick={() => picked && void trainer.sample(picked.x, picked.y)}>
          Sample picked point
        </button>
        <span className="lab-stat" data-testid="lab-vareot-status">
          {v.status === 'starting' ? 'starting…' : v.status === 'error' ? v.error : v.status === 'idle' ? 'not trained' : `step ${v.losses.length}`}
          {last !== null && <> · loss <output data-testid="lab-loss">{last.toFixed(3)}</output></>}
          {v.backend && ` · tfjs ${v.backend}`}
          {stale && ` · trained at ε = ${v.eps}: restart for ε = ${eps}`}
        </span>
      </div>
      <LossChart losses={v.losses} />
      <ConditionalPair />
      <CompareGrid compare={compare} />
    </section>
  );
}
