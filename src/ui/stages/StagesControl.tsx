import { useEffect, useMemo, useRef, useState } from 'react';
import type { StageRecord } from '../../../workers/samplerApi';
import { play, recordStages } from '../../run/controller';
import { couplingRow } from '../../run/pagePool';
import { useAppStore } from '../../store';
import { heatmapCanvas } from '../draw/heatmapImage';
import { contourPaths } from '../draw/contours';
import { shortcutFor } from '../shortcuts';
import { STAGE_COUNT } from './stageFormulas';
import { StagesView } from './StagesView';
import { costRow as normalisedCostRow } from '../../engine/etd/stages/costRow';

type Walk =
  | { readonly state: 'loading'; readonly wasPlaying: boolean }
  | { readonly state: 'error'; readonly wasPlaying: boolean; readonly message: string }
  | { readonly state: 'ready'; readonly wasPlaying: boolean; readonly record: StageRecord };

/** The particle whose cost and plan rows the walk shows. */
const PARTICLE = 0;

/**
 * The "Stages" button of an ETD panel and its modal walk: pauses the run, has the panel's worker
 * take its next step with every stage recorded, and walks through it (Left / Right, Esc closes
 * and resumes playing if the run was playing). The panel has taken that step: closing leaves it
 * where a plain step would have.
 */
export function StagesControl({ panel }: { panel: number }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [walk, setWalk] = useState<Walk | null>(null);
  const [stage, setStage] = useState(0);
  const [frame, setFrame] = useState(0);
  const scene = useAppStore((s) => s.scene);
  const ready = useAppStore((s) => s.status === 'ready');
  /** The recording under way: a run resumed by closing the walk early must start after it. */
  const pending = useRef<Promise<unknown>>(Promise.resolve());
  /** Bumped by every open and close: a recording that arrives after its walk was closed is dropped. */
  const ticket = useRef(0);
  const ground = useMemo(() => (scene ? { heatmap: heatmapCanvas(scene.heatmap), contours: contourPaths(scene.heatmap).map((d) => new Path2D(d)) } : null), [scene]);

  const open = async () => {
    const wasPlaying = useAppStore.getState().playing;
    const mine = ++ticket.current;
    setStage(0);
    setWalk({ state: 'loading', wasPlaying });
    dialogRef.current?.showModal();
    try {
      const asked = recordStages(panel, PARTICLE);
      pending.current = asked.catch(() => undefined);
      const record = await asked;
      if (mine !== ticket.current) return;
      setFrame(record.sinkhorn.frames.iterations.length - 1);
      setWalk({ state: 'ready', wasPlaying, record });
    } catch (e) {
      if (mine === ticket.current) setWalk({ state: 'error', wasPlaying, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const close = () => {
    if (!dialogRef.current?.open) return; // Esc may arrive as a key and as the dialog's cancel
    dialogRef.current.close();
    ticket.current++;
    const resume = walk?.wasPlaying ?? false;
    setWalk(null);
    if (resume) void pending.current.then(play);
  };

  // Another particle's rows come from the panel's last plan, which is this step's while the walk is open.
  const follow = async (particle: number) => {
    if (walk?.state !== 'ready' || walk.record.particle === particle) return;
    const asked = walk.record;
    try {
      const row = await couplingRow(panel, particle);
      if (row.iteration !== asked.iteration) return;
      // A preconditioned cost is measured between the whitened points.
      const cp = asked.costPoints;
      const costRow = cp
        ? normalisedCostRow(cp.y, [cp.z[2 * particle], cp.z[2 * particle + 1]], asked.costCoef, asked.costScale)
        : normalisedCostRow(asked.y, row.source, asked.costCoef, asked.costScale);
      const record = { ...asked, particle, anchor: row.source, planRow: row.weights, costRow };
      setWalk((w) => (w?.state === 'ready' && w.record === asked ? { ...w, record } : w));
    } catch {
      // A degenerate row or a worker gone: keep showing the particle we have.
    }
  };

  const go = (k: number) => setStage(Math.max(0, Math.min(STAGE_COUNT - 1, k)));

  const onKey = (e: KeyboardEvent) => {
    const el = e.target instanceof HTMLElement ? e.target : null;
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !(el instanceof HTMLInputElement)) {
      e.preventDefault();
      if (walk?.state !== 'ready') return;
      if (e.key === 'ArrowLeft') go(stage - 1);
      else if (stage === STAGE_COUNT - 1) close();
      else go(stage + 1);
    } else if (shortcutFor(e, el)) e.preventDefault(); // the page's Space / S / R / F must not act behind the dialog
  };

  // Keys reach the walk wherever the focus is; in the capture phase, before the page's shortcuts.
  const keyRef = useRef(onKey);
  keyRef.current = onKey;
  const isOpen = walk !== null;
  useEffect(() => {
    if (!isOpen) return;
    const listen = (e: KeyboardEvent) => keyRef.current(e);
    window.addEventListener('keydown', listen, true);
    return () => window.removeEventListener('keydown', listen, true);
  }, [isOpen]);

  return (
    <>
      <button
        type="button"
        className="small panel-stages-toggle"
        data-testid={`panel-stages-${panel}`}
        disabled={!ready || walk !== null}
        onClick={() => void open()}
        title="Pause and walk through this panel's next ETD step, stage by stage"
      >
        Stages
      </button>
      <dialog
        ref={dialogRef}
        className="stages-dialog"
        aria-label={`Stages of panel ${panel + 1}'s next step`}
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
      >
        {walk?.state === 'ready' && scene && (
          <StagesView
            panel={panel}
            record={walk.record}
            stage={stage}
            frame={frame}
            box={scene.box}
            ground={ground}
            onStage={go}
            onFrame={setFrame}
            onClose={close}
            onParticle={(i) => void follow(i)}
          />
        )}
        {walk && walk.state !== 'ready' && (
          <div className="stages-view" data-testid="stages-view" data-state={walk.state}>
            <header className="stages-header">
              <h2>Stages of panel {panel + 1}</h2>
              <nav className="stages-nav">
                <button type="button" className="small" onClick={close} data-testid="stages-close" aria-label="Close stages">
                  ×
                </button>
              </nav>
            </header>
            {walk.state === 'loading' ? (
              <p className="stages-wait">Recording this panel’s next step…</p>
            ) : (
              <p className="stages-error" role="alert">
                {walk.message}
              </p>
            )}
          </div>
        )}
      </dialog>
    </>
  );
}
