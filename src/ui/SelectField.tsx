import { useId } from 'react';

interface Props {
  label: string;
  value: string;
  options: readonly { value: string; label: string; title?: string }[];
  onChange: (value: string) => void;
  testId?: string;
  /** Shown under the select and used as its accessible description. */
  hint?: string;
  /** Hide the visible label (still read by screen readers). */
  hideLabel?: boolean;
}

export function SelectField({ label, value, options, onChange, testId, hint, hideLabel }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={id} value={value} data-testid={testId} aria-describedby={hint ? hintId : undefined} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
