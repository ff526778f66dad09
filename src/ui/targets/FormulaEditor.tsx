import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { FUNCTIONS, CONSTANTS } from '../../engine/targets/formula/ast';
import { checkFormulaText } from '../../engine/targets/formula/checkText';
import { useAppStore } from '../../store';
import { BoxFields } from './BoxFields';
import { densityGrid } from '../../engine/targets/densityGrid';
import { gridSize, paintHeatmap } from './densityImage';

const EDIT_DEBOUNCE_MS = 200;
const PREVIEW_CELLS = 64;
const OPERATORS = ['+', '-', '*', '/', '^ (power)', '( )', 'unary -'];

/** The text with the error span marked, laid exactly under the input (same font and padding). */
function Backdrop({ text, column, length }: { text: string; column?: number; length?: number }) {
  if (column === undefined) return <>{text + ' '}</>;
  const start = Math.min(Math.max(0, column - 1), text.length);
  const end = Math.min(text.length, start + Math.max(1, length ?? 1));
  const marked = text.slice(start, end);
  return (
    <>
      {text.slice(0, start)}
      <mark className="formula-mark" data-testid="formula-error-span" data-column={column} data-length={length ?? 1}>
        {marked || ' '}
      </mark>
      {text.slice(end) + ' '}
    </>
  );
}

/**
 * Type U(x, y): the target is exp(-U) on the box. Errors underline the exact span with the
 * parser's message; a U that is not finite (or constant) on the box is reported and not run;
 * a valid one restarts every panel on it. A live heatmap of exp(-U) previews the box.
 */
export function FormulaEditor() {
  const id = useId();
  const formula = useAppStore((s) => s.formula);
  const problem = useAppStore((s) => s.targetProblem);
  const running = useAppStore((s) => s.targetSpec.kind === 'formula' && s.targetSpec.formula === s.formula.text);
  const { setFormulaText, setFormulaBox } = useAppStore.getState();
  const [text, setText] = useState(formula.text);
  const backdropRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => setText(formula.text), [formula.text]);
  useEffect(() => {
    if (text === formula.text) return;
    const t = setTimeout(() => setFormulaText(text), EDIT_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, formula.text, setFormulaText]);

  // The preview follows the committed (debounced) text; a broken formula keeps the last good picture, dimmed.
  const check = useMemo(() => checkFormulaText(formula.text, formula.box), [formula.text, formula.box]);
  useEffect(() => {
    if (!check.ok || !canvasRef.current) return;
    const { width, height } = gridSize(formula.box, PREVIEW_CELLS);
    const u = check.evaluate;
    paintHeatmap(canvasRef.current, densityGrid((x, y) => -u(x, y), formula.box, width, height));
  }, [check, formula.box]);

  const pending = text !== formula.text;
  const shown = pending ? null : problem;
  const ar = (formula.box.xmax - formula.box.xmin) / (formula.box.ymax - formula.box.ymin);
  return (
    <section className="formula-editor" aria-label="Formula target">
      <label htmlFor={id} className="section-title">
        U(x, y) <span className="muted">target ∝ exp(−U)</span>
      </label>
      <div className="formula-field" data-invalid={!!shown}>
        <div className="formula-backdrop" ref={backdropRef} aria-hidden="true">
          <Backdrop text={text} column={shown?.column} length={shown?.length} />
        </div>
        <input
          id={id}
          className="formula-input"
          data-testid="formula-input"
          spellCheck={false}
          autoComplete="off"
          value={text}
          aria-invalid={!!shown}
          aria-describedby={`${id}-msg`}
          onChange={(e) => setText(e.target.value)}
          onScroll={(e) => {
            if (backdropRef.current) backdropRef.current.scrollLeft = e.currentTarget.scrollLeft;
          }}
        />
      </div>
      <p id={`${id}-msg`} className={shown ? 'formula-error' : 'formula-ok muted'} role={shown ? 'alert' : 'status'} data-testid={shown ? 'formula-error' : 'formula-status'}>
        {pending ? 'Checking…' : shown ? shown.message : running ? 'Running on this formula.' : 'Valid.'}
      </p>
      <div className="formula-preview" style={{ ['--ar' as string]: String(ar) }} data-stale={!check.ok}>
        <canvas ref={canvasRef} className="draw-canvas" data-testid="formula-preview" role="img" aria-label="Preview of exp(-U) on the box" />
      </div>
      <BoxFields box={formula.box} onCommit={setFormulaBox} testId="formula-box" />
      <details className="formula-help">
        <summary>Syntax</summary>
        <p>
          Variables <code>x</code>, <code>y</code>; numbers like <code>0.5</code>, <code>1e-3</code>.
        </p>
        <p>
          Operators: {OPERATORS.map((o) => <code key={o}>{o}</code>)}
        </p>
        <p>
          Constants: {Object.entries(CONSTANTS).map(([k, v]) => <code key={k} title={String(v)}>{k}</code>)}
        </p>
        <dl>
          {Object.entries(FUNCTIONS).map(([name, f]) => (
            <div key={name}>
              <dt>
                <code>
                  {name}({f.arity === 1 ? 'a' : f.arity === 2 ? 'a, b' : 'a1, …, ak'})
                </code>
              </dt>
              <dd>{f.doc}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
