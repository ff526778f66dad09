import { useId, useState } from 'react';
import { samplerInfo } from '../../engine/samplers/catalog';
import type { ParamDecl } from '../../engine/params/declare';
import { useAppStore } from '../../store';
import { formatParamValue } from '../text/panelTitle';
import { Tex } from '../text/Tex';
import { stackedRule } from './stackedRule';
import './about.css';
import { useModalDialog } from '../useModalDialog';
import { DialogClose } from '../DialogClose';

/** A parameter's allowed values in words (a range, the options, or on/off). */
function allowed(d: ParamDecl): string {
  if (d.kind === 'boolean') return 'on or off';
  if (d.kind === 'choice') return d.options.join(', ');
  const lo = `${d.minExclusive ? 'above' : 'from'} ${formatParamValue(d.min)}`;
  return `${d.integer ? 'whole numbers ' : ''}${lo} to ${formatParamValue(d.max)}`;
}

/** The card itself: what the sampler does, its rule, its known failures, its parameters in words with this panel's values. */
function SamplerCardBody({ panel, sampler }: { panel: number; sampler: string }) {
  const info = samplerInfo(sampler);
  const { card } = info;
  const params = useAppStore((s) => s.panels[panel]?.params ?? {});
  return (
    <>
      <p>{card.does}</p>
      <h3>Update rule</h3>
      <Tex tex={stackedRule(card.rule)} display className="about-rule" />
      <p className="hint">{card.where}</p>
      <h3>Known to get wrong</h3>
      <ul>
        {card.weaknesses.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <h3>Parameters</h3>
      <dl className="about-params">
        {Object.entries(info.params).map(([name, d]) => {
          const value = Object.hasOwn(params, name) ? params[name] : info.defaults[name];
          const changed = !Object.is(value, info.defaults[name]);
          return (
            <div key={name} className="about-param" data-param={name}>
              <dt>
                {(info.words as Readonly<Record<string, string>>)[name]}: <strong>{formatParamValue(value)}</strong>
                {changed && <span className="muted"> (default {formatParamValue(info.defaults[name])})</span>}
              </dt>
              <dd>
                {d.doc} <span className="muted">Allowed: {allowed(d)}.</span>
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}

/** "About": a button in the panel header that opens the panel's sampler card in a modal dialog (Esc closes). */
export function AboutSampler({ panel }: { panel: number }) {
  const sampler = useAppStore((s) => s.panels[panel]?.sampler ?? '');
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const titleId = useId();
  const label = samplerInfo(sampler).label;
  return (
    <>
      <button
        type="button"
        className="small panel-about-toggle"
        data-testid={`panel-about-${panel}`}
        title={`What ${label} does, its update rule and what it gets wrong`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        About
      </button>
      <dialog ref={ref} className="about-sampler" aria-labelledby={titleId} data-testid={`about-dialog-${panel}`} onClose={() => setOpen(false)}>
        <header className="about-head">
          <h2 id={titleId}>About {label}</h2>
          <form method="dialog">
            <button type="submit" className="small icon" aria-label="Close" title="Close (Esc)" autoFocus data-testid={`about-close-${panel}`}>
              ×
            </button>
          </form>
        </header>
        {open && <SamplerCardBody panel={panel} sampler={sampler} />}
        <DialogClose autoFocus={false} />
      </dialog>
    </>
  );
}
