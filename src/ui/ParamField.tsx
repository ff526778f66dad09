import { useEffect, useId, useState } from 'react';
import { checkParam, type ParamDecl } from '../engine/params/declare';

type Value = number | boolean | string;

interface Props {
  name: string;
  decl: ParamDecl;
  value: Value;
  /** Called with a value that passed the declaration's check. */
  onCommit: (value: Value) => void;
  testId: string;
}

function rangeText(d: Extract<ParamDecl, { kind: 'number' }>): string {
  return `${d.minExclusive ? '>' : '≥'} ${d.min}, ≤ ${d.max}${d.integer ? ', integer' : ''}${d.log ? ', log scale' : ''}`;
}

/**
 * One parameter control generated from its declaration: number -> number input with the
 * declared range (a "log" hint for log-scaled ones), boolean -> checkbox, choice -> select.
 * The one-sentence doc is the tooltip and the accessible description. Numbers are checked
 * against the declaration as they are typed; only valid values are committed.
 */
export function ParamField({ name, decl, value, onCommit, testId }: Props) {
  const id = useId();
  const described = { title: decl.doc, 'aria-description': decl.doc };
  if (decl.kind === 'boolean') {
    return (
      <div className="param param-boolean">
        <input id={id} type="checkbox" checked={value === true} data-testid={testId} onChange={(e) => onCommit(e.target.checked)} {...described} />
        <label htmlFor={id} title={decl.doc}>
          {name}
        </label>
      </div>
    );
  }
  if (decl.kind === 'choice') {
    return (
      <div className="param">
        <label htmlFor={id} title={decl.doc}>
          {name}
        </label>
        <select id={id} value={String(value)} data-testid={testId} onChange={(e) => onCommit(e.target.value)} {...described}>
          {decl.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return <NumberParamField id={id} name={name} decl={decl} value={Number(value)} onCommit={onCommit} testId={testId} />;
}

function NumberParamField({
  id,
  name,
  decl,
  value,
  onCommit,
  testId,
}: {
  id: string;
  name: string;
  decl: Extract<ParamDecl, { kind: 'number' }>;
  value: number;
  onCommit: (v: number) => void;
  testId: string;
}) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((t) => (Number(t) === value ? t : String(value)));
    setError(null);
  }, [value]);
  const errorId = `${id}-error`;
  return (
    <div className="param">
      <label htmlFor={id} title={decl.doc}>
        {name}
        {decl.log && (
          <span className="param-log" aria-hidden="true" title="Log scale: try factors of 10">
            log
          </span>
        )}
      </label>
      <input
        id={id}
        type="number"
        value={text}
        min={decl.minExclusive ? undefined : decl.min}
        max={decl.max}
        step={decl.integer ? 1 : 'any'}
        data-testid={testId}
        title={`${decl.doc} (${rangeText(decl)})`}
        aria-description={`${decl.doc} Range ${rangeText(decl)}.`}
        aria-invalid={error !== null}
        aria-errormessage={error ? errorId : undefined}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          try {
            const v = checkParam(name, decl, raw.trim() === '' ? NaN : Number(raw)) as number;
            setError(null);
            onCommit(v);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      />
      {error && (
        <p id={errorId} className="param-error">
          {error}
        </p>
      )}
    </div>
  );
}
