/** The lab's settings: the two clouds, their sizes and seed, eps on a log slider, annealing, and the drawing tools. */
import { CLOUD_NAMES, LAB_PARAMS, type CloudName } from '../../engine/lab/labParams';
import { useLabStore } from '../../store/labStore';

const CLOUD_LABEL: Record<CloudName, string> = {
  gaussian: 'Gaussian',
  'swiss-roll': 'Swiss roll',
  'two-moons': 'Two moons',
  '8-gaussians': '8 Gaussians',
  drawn: 'Drawn (click to add)',
};

/** The eps values of VarEOT's synthetic experiment (Gaussian -> Swiss roll). */
const PAPER_EPS = [0.01, 0.1, 1] as const;

/** eps with three significant digits, as the slider and the link show it. */
export const roundEps = (v: number): number => Number(v.toPrecision(3));

function IntField({ name, label }: { name: 'ns' | 'nt' | 'lseed'; label: string }) {
  const value = useLabStore((s) => s.config[name]);
  const decl = LAB_PARAMS[name];
  return (
    <label className="lab-field">
      {label}
      <input
        type="number"
        data-testid={`lab-${name}`}
        min={decl.min}
        max={decl.max}
        step={1}
        defaultValue={value}
        key={value}
        title={decl.doc}
        onBlur={(ev) => commit(ev.currentTarget)}
        onKeyDown={(ev) => ev.key === 'Enter' && commit(ev.currentTarget)}
      />
    </label>
  );
  function commit(input: HTMLInputElement) {
    const v = Math.round(Number(input.value));
    if (!Number.isFinite(v) || v < decl.min || v > decl.max) {
      input.setCustomValidity(`${label}: a whole number from ${decl.min} to ${decl.max}`);
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    if (v !== value) useLabStore.getState().setConfig({ [name]: v });
  }
}

export function LabControls() {
  const config = useLabStore((s) => s.config);
  const drawSide = useLabStore((s) => s.drawSide);
  const drawn = useLabStore((s) => s.drawn);
  const set = useLabStore((s) => s.setConfig);
  const anyDrawn = config.src === 'drawn' || config.tgt === 'drawn';
  const cloudSelect = (side: 'src' | 'tgt', label: string) => (
    <label className="lab-field">
      {label}
      <select data-testid={`lab-${side}`} value={config[side]} onChange={(ev) => set({ [side]: ev.currentTarget.value as CloudName })}>
        {CLOUD_NAMES.map((c) => (
          <option key={c} value={c}>
            {CLOUD_LABEL[c]}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="lab-controls">
      {cloudSelect('src', 'Source')}
      {cloudSelect('tgt', 'Target')}
      <IntField name="ns" label="Source points" />
      <IntField name="nt" label="Target points" />
      <IntField name="lseed" label="Seed" />
      <label className="lab-field lab-eps">
        <span>
          ε = <output data-testid="lab-eps-value">{config.eps}</output>
        </span>
        <input
          type="range"
          data-testid="lab-eps"
          min={-3}
          max={1}
          step={0.01}
          value={Math.log10(config.eps)}
          title={LAB_PARAMS.eps.doc}
          aria-label="epsilon (log scale, 0.001 to 10)"
          onChange={(ev) => set({ eps: roundEps(10 ** Number(ev.currentTarget.value)) })}
        />
      </label>
      <div className="lab-buttons" role="group" aria-label="The paper's eps values">
        {PAPER_EPS.map((e) => (
          <button key={e} type="button" className="small" data-testid={`lab-eps-${e}`} aria-pressed={config.eps === e} onClick={() => set({ eps: e })}>
            ε = {e}
          </button>
        ))}
      </div>
      <label className="lab-check" title={LAB_PARAMS.anneal.doc}>
        <input type="checkbox" data-testid="lab-anneal" checked={config.anneal} onChange={(ev) => set({ anneal: ev.currentTarget.checked })} />
        ε-annealing (from 10, warm starts)
      </label>
      {anyDrawn && (
        <fieldset className="lab-draw">
          <legend>Drawing</legend>
          {(['source', 'target'] as const).map((side) => (
            <label key={side} className="lab-check">
              <input type="radio" name="lab-draw-side" checked={drawSide === side} onChange={() => useLabStore.getState().setDrawSide(side)} />
              add {side} points ({drawn[side].length / 2})
            </label>
          ))}
          <button type="button" className="small" onClick={() => useLabStore.getState().clearDrawn(drawSide)}>
            Clear {drawSide}
          </button>
        </fieldset>
      )}
    </div>
  );
}
