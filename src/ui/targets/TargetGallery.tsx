import { memo, useEffect, useRef } from 'react';
import { ND_TARGET_NAMES, ndTargetInfo, PRESET_NAMES, presetInfo } from '../../engine/targets/targetInfo';
import { useAppStore, type TargetSource } from '../../store';
import { BLR_DATA_SETS, isVendoredBlrData } from '../../engine/targets/blr/dataSets';
import { boxLabel, paintHeatmap, shortBoxLabel } from './densityImage';
import { presetThumbnail } from './thumbnails';

const PresetThumb = memo(function PresetThumb({ name }: { name: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paintHeatmap(ref.current, presetThumbnail(name).image);
  }, [name]);
  return <canvas ref={ref} className="gallery-thumb" data-testid={`gallery-thumb-${name}`} aria-hidden="true" />;
});

/**
 * Every preset as a thumbnail of its density (label, box, one-line doc as the tooltip), the
 * d-dimensional families, plus "Draw…" and "Formula…", which switch to the brush or the formula
 * editor. Picking a target restarts every panel on it.
 */
export function TargetGallery() {
  const source = useAppStore((s) => s.targetSource);
  const preset = useAppStore((s) => s.preset.name);
  const nd = useAppStore((s) => s.nd);
  const blrData = useAppStore((s) => s.blr.data);
  const { pickPreset, pickNd, pickBlr, pickLogistic, setTargetSource } = useAppStore.getState();
  const editor = (kind: Exclude<TargetSource, 'preset' | 'nd' | 'blr' | 'logistic'>, label: string, icon: string, doc: string) => (
    <li>
      <button
        type="button"
        className="gallery-tile editor-tile"
        aria-pressed={source === kind}
        data-testid={`gallery-${kind === 'drawn' ? 'draw' : 'formula'}`}
        title={doc}
        onClick={() => setTargetSource(kind)}
      >
        <span className="gallery-icon" aria-hidden="true">
          {icon}
        </span>
        <span className="gallery-label">{label}</span>
        <span className="gallery-box">{kind === 'drawn' ? 'brush' : 'U(x, y)'}</span>
      </button>
    </li>
  );
  return (
    <ul className="gallery" aria-label="Target gallery">
      {PRESET_NAMES.map((name) => {
        const info = presetInfo(name);
        const box = boxLabel(presetThumbnail(name).box);
        return (
          <li key={name}>
            <button
              type="button"
              className="gallery-tile"
              aria-pressed={source === 'preset' && preset === name}
              data-testid={`gallery-${name}`}
              title={`${info?.label ?? name}: ${info?.doc ?? ''} Box ${box}.`}
              aria-description={`${info?.doc ?? ''} Box ${box}.`}
              onClick={() => pickPreset(name)}
            >
              <PresetThumb name={name} />
              <span className="gallery-label">{info?.label ?? name}</span>
              <span className="gallery-box">{shortBoxLabel(presetThumbnail(name).box)}</span>
            </button>
          </li>
        );
      })}
      {ND_TARGET_NAMES.map((name) => {
        const info = ndTargetInfo(name);
        return (
          <li key={name}>
            <button
              type="button"
              className="gallery-tile editor-tile nd-tile"
              aria-pressed={source === 'nd' && nd.name === name}
              data-testid={`gallery-${name}`}
              title={`${info?.label ?? name}: ${info?.doc ?? ''} Choose its dimension d below; two coordinates are drawn.`}
              onClick={() => pickNd(name)}
            >
              <span className="gallery-icon" aria-hidden="true">
                <span>
                  ℝ<sup>d</sup>
                </span>
              </span>
              <span className="gallery-label">{info?.label ?? name}</span>
              <span className="gallery-box">d = {nd.dim}</span>
            </button>
          </li>
        );
      })}
      <li>
        <button
          type="button"
          className="gallery-tile editor-tile nd-tile"
          aria-pressed={source === 'blr'}
          data-testid="gallery-blr"
          title="Bayesian logistic regression: the posterior over the weights of a real data set (breast cancer, Sonar, Ionosphere) or of your own CSV file; two weights are drawn, the metrics use all."
          onClick={() => pickBlr(blrData)}
        >
          <span className="gallery-icon blr-icon" aria-hidden="true">
            σ(wᵀx)
          </span>
          <span className="gallery-label">Logistic regression</span>
          <span className="gallery-box">{isVendoredBlrData(blrData) ? BLR_DATA_SETS[blrData].label.replace(/ \(d = \d+\)$/, '') : 'your CSV'}</span>
        </button>
      </li>
      <li>
        <button
          type="button"
          className="gallery-tile editor-tile"
          aria-pressed={source === 'logistic'}
          data-testid="gallery-logistic"
          title="Logistic regression you can see: place points of two classes; the target is the posterior over the two weights, and the data panel shows the particles' decision lines."
          onClick={pickLogistic}
        >
          <span className="gallery-icon" aria-hidden="true">
            σ
          </span>
          <span className="gallery-label">Two weights</span>
          <span className="gallery-box">your points</span>
        </button>
      </li>
      {editor('drawn', 'Draw…', '✎', 'Paint your own target with a brush: add and erase mass.')}
      {editor('formula', 'Formula…', 'ƒ', 'Type a potential U(x, y); the target is exp(-U).')}
    </ul>
  );
}
