import { samplerInfo } from '../engine/samplers/catalog';
import { useAppStore } from '../store';
import { ParamField } from './ParamField';

/** Every parameter of panel `panel`'s sampler, generated from its declarations; a change restarts only that panel. */
export function ParamSheet({ panel, id }: { panel: number; id: string }) {
  const setting = useAppStore((s) => s.panels[panel]);
  const setPanelParam = useAppStore((s) => s.setPanelParam);
  const resetPanelParams = useAppStore((s) => s.resetPanelParams);
  if (!setting) return null;
  const info = samplerInfo(setting.sampler);
  return (
    <div className="param-sheet" id={id} role="group" aria-label={`Parameters of panel ${panel + 1} (${info.label})`} data-testid={`params-${panel}`}>
      <p className="param-doc">{info.doc}</p>
      <div className="param-grid">
        {Object.entries(info.params).map(([name, decl]) => (
          <ParamField
            key={`${setting.sampler}-${name}`}
            name={name}
            decl={decl}
            value={setting.params[name] ?? info.defaults[name] ?? decl.default}
            onCommit={(v) => setPanelParam(panel, name, v)}
            testId={`param-${panel}-${name}`}
          />
        ))}
      </div>
      <button type="button" className="small" onClick={() => resetPanelParams(panel)} disabled={Object.keys(setting.params).length === 0}>
        Defaults
      </button>
    </div>
  );
}
