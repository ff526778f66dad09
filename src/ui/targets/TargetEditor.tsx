import { useEffect, useState } from 'react';
import { presetInfo } from '../../engine/targets/targetInfo';
import { useAppStore } from '../../store';
import { boxLabel } from './densityImage';
import { DrawEditor } from './DrawEditor';
import { FormulaEditor } from './FormulaEditor';
import { NdDetails } from './NdDetails';
import { BlrDetails } from './BlrDetails';
import { TargetGallery } from './TargetGallery';
import { presetThumbnail } from './thumbnails';
import './targets.css';

/** The chosen preset: what it is, its box, and (for u2-u4) the soft confinement switch. */
function PresetDetails() {
  const { name, confine } = useAppStore((s) => s.preset);
  const problem = useAppStore((s) => s.targetProblem);
  const setConfine = useAppStore((s) => s.setConfine);
  const info = presetInfo(name);
  if (!info) return <p className="target-problem" role="alert">{problem?.message ?? `unknown preset '${name}'`}</p>;
  return (
    <div className="preset-details" data-testid="preset-details">
      <p className="hint">
        <strong>{info.label}</strong> {info.doc} Box {boxLabel(presetThumbnail(name).box)}.
      </p>
      {info.improper && (
        <label className="check" title="U2-U4 do not confine z1: without the soft box the particles spread out along it">
          <input type="checkbox" checked={confine} data-testid="confine" onChange={(e) => setConfine(e.target.checked)} /> Soft confinement to the box
        </label>
      )}
    </div>
  );
}

/** The logistic-regression view: what the panels sample (its points are edited in the data panel beside them). */
function LogisticDetails() {
  const n = useAppStore((s) => s.logistic.points.length);
  return (
    <p className="hint" data-testid="logistic-details">
      <strong>Logistic regression you can see.</strong> Each panel samples the posterior over the weights (w1, w2) of a logistic regression without
      intercept on the {n} points of the data panel (centred; prior N(0, 5² I)). Tap the data panel to add or remove points.
    </p>
  );
}

/** Target: the gallery (folded away while drawing or typing a formula) and the active source's editor. */
export function TargetEditor() {
  const source = useAppStore((s) => s.targetSource);
  const listed = source === 'preset' || source === 'nd' || source === 'blr' || source === 'logistic';
  const [open, setOpen] = useState(listed);
  useEffect(() => setOpen(listed), [source, listed]);
  return (
    <section className="target-editor" aria-label="Target">
      <details className="gallery-details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="section-title">
          Target {listed ? '' : <span className="muted">· {source === 'drawn' ? 'drawn' : 'formula'} (gallery)</span>}
        </summary>
        <TargetGallery />
      </details>
      {source === 'preset' && <PresetDetails />}
      {source === 'nd' && <NdDetails />}
      {source === 'blr' && <BlrDetails />}
      {source === 'logistic' && <LogisticDetails />}
      {(source === 'drawn' || source === 'formula') && !open && (
        <button
          type="button"
          className="small back-to-gallery"
          data-testid="back-to-gallery"
          title="Show the gallery again to pick a preset or a d-dimensional family (this target runs until you pick one)"
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => document.querySelector('.gallery-details')?.scrollIntoView({ block: 'nearest' }));
          }}
        >
          ← Back to the gallery
        </button>
      )}
      {source === 'drawn' && <DrawEditor />}
      {source === 'formula' && <FormulaEditor />}
    </section>
  );
}
