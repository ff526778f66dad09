import { useEffect, useId, useState } from 'react';
import { boxProblem } from '../../engine/targets/box';
import type { Box } from '../../engine/targets/types';

const KEYS = ['xmin', 'xmax', 'ymin', 'ymax'] as const;

/** The four box edges; commits only a valid box, and says what is wrong with an invalid one. */
export function BoxFields({ box, onCommit, testId }: { box: Box; onCommit: (box: Box) => void; testId: string }) {
  const id = useId();
  const [text, setText] = useState<Record<(typeof KEYS)[number], string>>(() => ({
    xmin: String(box.xmin), xmax: String(box.xmax), ymin: String(box.ymin), ymax: String(box.ymax),
  }));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((t) => (KEYS.every((k) => Number(t[k]) === box[k]) ? t : { xmin: String(box.xmin), xmax: String(box.xmax), ymin: String(box.ymin), ymax: String(box.ymax) }));
  }, [box]);
  const change = (key: (typeof KEYS)[number], value: string) => {
    const next = { ...text, [key]: value };
    setText(next);
    const nums = Object.fromEntries(KEYS.map((k) => [k, next[k].trim() === '' ? NaN : Number(next[k])])) as unknown as Box;
    const problem = boxProblem(nums, 'view box');
    setError(problem);
    if (!problem) onCommit(nums);
  };
  return (
    <fieldset className="box-fields" aria-describedby={error ? `${id}-err` : undefined}>
      <legend>View box</legend>
      <div className="box-grid">
        {KEYS.map((k) => (
          <label key={k}>
            <span>{k}</span>
            <input
              type="number"
              step="any"
              value={text[k]}
              aria-invalid={!!error}
              data-testid={`${testId}-${k}`}
              onChange={(e) => change(k, e.target.value)}
            />
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-err`} role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
