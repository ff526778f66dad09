import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  testId?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  /** One sentence: the tooltip and the accessible description. */
  doc?: string;
}

/**
 * A number input that keeps what the user typed (even "" or "0") and commits it as a
 * number (NaN when empty), so invalid values reach the worker and come back as a message.
 */
export function NumberField({ label, value, onCommit, testId, min, max, step = 1, doc }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((t) => (Object.is(Number(t), value) || (t.trim() === '' && Number.isNaN(value)) ? t : String(value)));
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id} title={doc}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        title={doc}
        aria-description={doc}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          onCommit(e.target.value.trim() === '' ? NaN : Number(e.target.value));
        }}
      />
    </div>
  );
}
