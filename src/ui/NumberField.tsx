import { useEffect, useId, useRef, useState } from 'react';
import { checkParam, type NumberParam } from '../engine/params/declare';

interface Props {
  /** The parameter's name (for messages) and declaration (range, integer, doc). */
  name: string;
  decl: NumberParam;
  label: string;
  value: number;
  /** Called with a valid value, once the user has stopped typing (Enter, blur or a short pause). */
  onCommit: (value: number) => void;
  testId?: string;
}

/** Typing pauses longer than this commit a valid value. */
export const COMMIT_PAUSE_MS = 700;

/**
 * A number input checked against its declaration as it is typed: an invalid value ("", "0"
 * on the way to "0.5", "abc") shows an inline message and never reaches the running
 * experiment; a valid one is committed on Enter, on blur, or after a short pause, and only when
 * it differs from the current value (so a restart happens once per change).
 */
export function NumberField({ name, decl, label, value, onCommit, testId }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    setText((t) => (Number(t) === value && t.trim() !== '' ? t : String(value)));
    setError(null);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const check = (raw: string): number | null => {
    try {
      const v = checkParam(name, decl, raw.trim() === '' ? NaN : Number(raw)) as number;
      setError(null);
      return v;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  const commit = (raw: string) => {
    clearTimeout(timer.current);
    const v = check(raw);
    if (v !== null && !Object.is(v, value)) onCommit(v);
  };
  const errorId = `${id}-error`;
  const range = `${decl.minExclusive ? '>' : '≥'} ${decl.min}, ≤ ${decl.max}${decl.integer ? ', integer' : ''}`;
  return (
    <div className="field">
      <label htmlFor={id} title={decl.doc}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={decl.minExclusive ? undefined : decl.min}
        max={decl.max}
        step={decl.integer ? 1 : 'any'}
        title={`${decl.doc} (${range})`}
        aria-description={`${decl.doc} Range ${range}.`}
        aria-invalid={error !== null}
        aria-errormessage={error ? errorId : undefined}
        data-testid={testId}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          clearTimeout(timer.current);
          if (check(raw) !== null) timer.current = setTimeout(() => commit(raw), COMMIT_PAUSE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
        }}
        onBlur={(e) => commit(e.target.value)}
      />
      {error && (
        <p id={errorId} className="param-error" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
