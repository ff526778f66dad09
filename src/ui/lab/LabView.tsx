/**
 * The entropic-transport lab, the page's second view: two point clouds, Sinkhorn between them
 * (plan as lines and heatmap, barycentric map as arrows, eps live), and two learned maps (VarEOT,
 * LightSB) measured against it. Owns the lab's supervised workers while it is shown and ends
 * them all when it is left.
 */
import { useEffect, useRef, useState } from 'react';
import { LabSolver } from '../../run/lab/labSolver';
import { LabTrainer } from '../../run/lab/labTrainer';
import { LabCompare } from '../../run/lab/labCompare';
import { installLabDebugHooks } from '../../run/lab/labDebug';
import { useLabStore } from '../../store/labStore';
import { currentLink } from '../../url/sync';
import { NoticesBanner } from '../notices/NoticesBanner';
import { LabControls } from './LabControls';
import { LabPlot } from './LabPlot';
import { exportConfigJson, exportLabPng, exportPlanCsv, exportSamplesCsv } from './labExport';
import { LearnedPanel } from './LearnedPanel';
import { PlanHeatmap } from './PlanHeatmap';
import './lab.css';

const SAMPLER_KEYS = new Set([' ', 's', 'S', 'r', 'R', 'f', 'F', '?', '1', '2', '3', '4', '5', '6']);

function SolveStats() {
  const status = useLabStore((s) => s.status);
  const error = useLabStore((s) => s.error);
  const r = useLabStore((s) => s.result);
  const cancelled = useLabStore((s) => s.cancelled);
  if (status === 'error') return <p className="lab-error" role="alert" data-testid="lab-error">{error}</p>;
  return (
    <p className="lab-stats" data-testid="lab-stats" data-status={status} data-cancelled={cancelled} aria-live="polite">
      {status === 'solving' && <span className="lab-busy">solving… </span>}
      {r && (
        <>
          Sinkhorn at ε = {r.eps}: <output data-testid="lab-iterations">{r.iterations}</output> iterations
          {r.stages.length > 1 && ` over ${r.stages.length} rungs (${r.stages.at(-1)!.iterations} at the last)`}, marginal error{' '}
          <output data-testid="lab-marginal">{r.marginalError.toExponential(2)}</output>
          {!r.converged && ' (not converged: iteration cap)'}, {Math.round(r.ms)} ms
          {cancelled > 0 && ` · ${cancelled} stale solve${cancelled > 1 ? 's' : ''} cancelled`}
          {r.coldIterations !== null && (
            <span data-testid="lab-saved">
              {' '}· from zero: {r.coldIterations} iterations, annealing saved {r.coldIterations - r.iterations}
            </span>
          )}
        </>
      )}
    </p>
  );
}

/** What happened to the lab's workers: replaced after a crash or a hang. */
function WorkerNotes() {
  const notes = useLabStore((s) => s.workerNotes);
  if (!notes.length) return null;
  return (
    <div className="lab-warn" role="status" data-testid="lab-health">
      {notes.map((n, k) => (
        <p key={k}>{n}</p>
      ))}
    </div>
  );
}

export function LabView() {
  const [solver] = useState(() => new LabSolver());
  const [trainer] = useState(() => new LabTrainer());
  const [compare] = useState(() => new LabCompare());
  const [showLines, setShowLines] = useState(true);
  const [showArrows, setShowArrows] = useState(true);
  const config = useLabStore((s) => s.config);
  const anyDrawn = config.src === 'drawn' || config.tgt === 'drawn';
  const [tool, setTool] = useState<'pick' | 'draw'>(anyDrawn ? 'draw' : 'pick');
  const [message, setMessage] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    installLabDebugHooks(solver);
    trainer.attach();
    void solver.solveNow();
    const unsub = useLabStore.subscribe((s, prev) => {
      if (s.config !== prev.config || s.drawn !== prev.drawn) solver.schedule();
      // a new picked point (or its row after a new solve): sample the models there
      if (s.picked !== prev.picked && s.picked) void trainer.samplePicked();
    });
    // every lab worker ends when the lab is left
    return () => {
      unsub();
      solver.stop();
      trainer.stop();
      compare.stop();
    };
  }, [solver, trainer, compare]);
  useEffect(() => setTool(anyDrawn ? 'draw' : 'pick'), [anyDrawn]);
  // The sampler's keyboard shortcuts (space, s, r, f, ...) would drive the hidden panels: stopped
  // at the window's capture phase while the lab is shown, default actions (scrolling) kept.
  useEffect(() => {
    const swallow = (ev: KeyboardEvent) => {
      if (SAMPLER_KEYS.has(ev.key)) ev.stopImmediatePropagation();
    };
    window.addEventListener('keydown', swallow, { capture: true });
    return () => window.removeEventListener('keydown', swallow, { capture: true });
  }, []);

  const attempt = async (run: () => void | Promise<void>) => {
    setMessage(null);
    try {
      await run();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="app lab-app" ref={root} data-testid="lab-view">
      <header className="topbar">
        <h1>ETD Playground</h1>
        <span className="lab-title">Entropic-transport lab</span>
        <button type="button" className="small" data-testid="lab-back" onClick={() => useLabStore.getState().setView('sampler')}>
          ← Sampler view
        </button>
        <div className="lab-exports" role="group" aria-label="Export">
          <button type="button" className="small" data-testid="lab-export-png" onClick={() => void attempt(() => exportLabPng(root.current!))}>PNG</button>
          <button type="button" className="small" data-testid="lab-export-plan" onClick={() => void attempt(async () => exportPlanCsv(await solver.planCsv()))}>Plan CSV</button>
          <button type="button" className="small" data-testid="lab-export-samples" onClick={() => void attempt(() => exportSamplesCsv(useLabStore.getState()))}>Samples CSV</button>
          <button type="button" className="small" data-testid="lab-export-config" onClick={() => void attempt(() => exportConfigJson(useLabStore.getState(), currentLink()))}>Config JSON</button>
        </div>
      </header>
      <NoticesBanner />
      {message && <p className="lab-error" role="alert" data-testid="lab-export-message">{message}</p>}
      <div className="lab-layout">
        <aside className="lab-side">
          <LabControls />
          <div className="lab-toggles">
            <label className="lab-check"><input type="checkbox" checked={showLines} onChange={(e) => setShowLines(e.currentTarget.checked)} /> plan lines</label>
            <label className="lab-check"><input type="checkbox" checked={showArrows} onChange={(e) => setShowArrows(e.currentTarget.checked)} /> barycentric map</label>
            {anyDrawn && (
              <label className="lab-check"><input type="checkbox" checked={tool === 'pick'} onChange={(e) => setTool(e.currentTarget.checked ? 'pick' : 'draw')} /> click picks a point (else draws)</label>
            )}
          </div>
        </aside>
        <main className="lab-main">
          <SolveStats />
          <div className="lab-grid">
            <figure className="lab-figure">
              <LabPlot showLines={showLines} showArrows={showArrows} tool={tool} onPick={(x, y) => void attempt(() => solver.pick(x, y))} />
              <figcaption>
                <span className="lab-key lab-src">source</span> <span className="lab-key lab-tgt">target</span> lines: heaviest 3 entries per source point (alpha by mass); arrows: barycentric map.{' '}
                {tool === 'pick' ? 'Click a source point for its conditional.' : 'Click or drag to draw.'}
              </figcaption>
            </figure>
            <PlanHeatmap />
          </div>
          <WorkerNotes />
          <LearnedPanel trainer={trainer} compare={compare} />
        </main>
      </div>
    </div>
  );
}
