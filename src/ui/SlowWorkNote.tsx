import { memo, useMemo } from 'react';
import { samplerInfo } from '../engine/samplers/catalog';
import { estimateStepMs, largestNWithin } from '../engine/samplers/costModel';
import { useAppStore } from '../store';
import type { PanelSetting } from '../store/panelsSlice';

/** Steps predicted to take longer than this are announced before (and while) they run. */
export const SLOW_STEP_MS = 3000;
/** The smaller N offered keeps every panel's step within this. */
const OFFER_STEP_MS = 1000;

export interface SlowWork {
  /** Panels predicted to step slowly: page number, label, predicted ms per step. */
  readonly panels: readonly { readonly panel: number; readonly label: string; readonly ms: number }[];
  /** The largest round N under which every panel steps within OFFER_STEP_MS (below the current N), or null. */
  readonly offer: number | null;
}

/** What the cost model predicts for these panels at n particles: null when every step stays under SLOW_STEP_MS. */
export function slowWork(n: number, panels: readonly Pick<PanelSetting, 'sampler' | 'params'>[]): SlowWork | null {
  if (!Number.isFinite(n) || n < 1) return null;
  const slow: { panel: number; label: string; ms: number }[] = [];
  let offer = Infinity;
  panels.forEach((p, i) => {
    try {
      const ms = estimateStepMs(p.sampler, n, p.params);
      offer = Math.min(offer, largestNWithin(p.sampler, OFFER_STEP_MS, p.params) ?? 0);
      if (ms > SLOW_STEP_MS) slow.push({ panel: i + 1, label: samplerInfo(p.sampler).label, ms });
    } catch {
      // an unknown sampler: its panel reports it
    }
  });
  if (slow.length === 0) return null;
  return { panels: slow, offer: offer > 0 && offer < n ? offer : null };
}

const seconds = (ms: number): string => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

/**
 * Above the panels when the cost model predicts steps of more than ~3 s (a large N, a link or
 * preset, a panel's M): how long, and a button that sets a smaller N. Nothing is blocked: the run
 * goes on, and Pause, Reset or a change still take effect at once (the worker is replaced).
 */
export const SlowWorkNote = memo(function SlowWorkNote() {
  const n = useAppStore((s) => s.settings.n);
  const panels = useAppStore((s) => s.panels);
  const setSetting = useAppStore((s) => s.setSetting);
  const slow = useMemo(() => slowWork(n, panels), [n, panels]);
  if (!slow) return null;
  const list = slow.panels.map((p) => `${p.label} (panel ${p.panel}) ~${seconds(p.ms)} s`).join(', ');
  return (
    <div className="slow-work" role="status" data-testid="slow-work">
      <p>
        <strong>Slow steps ahead.</strong> At N = {n} each step is predicted to take {list} (from the measured cost model; this
        machine may differ). Pause, Reset and changes still act at once.
      </p>
      {slow.offer !== null && (
        <button type="button" className="small" data-testid="slow-work-use-n" onClick={() => setSetting('n', slow.offer!)}>
          Use N = {slow.offer}
        </button>
      )}
    </div>
  );
});
