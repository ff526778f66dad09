import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  testId?: string;
  min?: number;
  step?: number;
}

/**
 * A number input that keeps what the user typed (even "" or "0") and commits it as a
 * number (NaN when empty), so invalid values reach the engine and come back as a message.
 */
export function NumberField({ label, value, onCommit, testId, min, step = 1 }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((t) => (Object.is(Number(t), value) || (t.trim() === '' && Number.isNaN(value)) ? t : String(value)));
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={text}
        min={min}
        step={step}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          onCommit(e.target.value.trim() === '' ? NaN : Number(e.target.value));
        }}
      />
    </div>
  );
}
