/**
 * Coupling rows fetched from each panel's worker for the plot overlays, kept outside React:
 * - the hovered particle's row (refetched when the hover or the panel's plan iteration changes;
 *   one request in flight, the newest wish wins);
 * - per panel, the top-3 destinations of every particle (an even stride of at most 400) for the
 *   coupling-lines overlay, in one worker call (refetched at most every LINES_REFRESH_MS while the
 *   plan changes).
 * `overlayVersion()` changes whenever what the overlay would draw changed.
 */
import type { CouplingRow } from '../../../workers/samplerApi';
import { latestFrame } from '../../run/latestFrame';
import { couplingLines as fetchCouplingLines, couplingRow as fetchRow } from '../../run/pagePool';
import { useAppStore } from '../../store';
import { hoverStore } from './hoverStore';

export const LINES_TOP = 3;
/** The lines overlay asks for at most this many rows per refresh (an even stride over the particles). */
export const LINES_MAX_PARTICLES = 400;
const LINES_REFRESH_MS = 500;

let version = 0;
const bump = () => void version++;
/** Changes whenever the overlay's content changed (hover, toggle, a row arrived). */
export const overlayVersion = (): number => version;

// ---- the hovered particle's row -------------------------------------------------------------

interface RowKey {
  readonly panel: number;
  readonly particle: number;
  readonly iteration: number;
}
const sameKey = (a: RowKey | null, b: RowKey | null) =>
  !!a && !!b && a.panel === b.panel && a.particle === b.particle && a.iteration === b.iteration;

let hoverRow: { key: RowKey; row: CouplingRow } | null = null;
let requested: RowKey | null = null;
let inFlight = false;

/** The coupling row of the hovered particle if it is the row of `panel`, for its latest fetched plan. */
export function hoveredRow(panel: number): CouplingRow | null {
  const h = hoverStore.getState().hovered;
  if (!h || !hoverRow || h.panel !== panel || hoverRow.key.panel !== panel || hoverRow.key.particle !== h.particle) return null;
  return hoverRow.row;
}

/** Fetch the hovered particle's row unless it is current or already asked for. */
export function ensureHoveredRow(): void {
  const h = hoverStore.getState().hovered;
  if (!h) return;
  const iteration = latestFrame.current?.panels[h.panel]?.iteration ?? -1;
  const key = { panel: h.panel, particle: h.particle, iteration };
  if (sameKey(key, requested)) return;
  requested = key;
  if (!inFlight) void pumpHover();
}

async function pumpHover(): Promise<void> {
  inFlight = true;
  try {
    while (requested && !sameKey(requested, hoverRow?.key ?? null)) {
      const key = requested;
      try {
        const row = await fetchRow(key.panel, key.particle);
        hoverRow = { key, row };
      } catch {
        // No plan for this panel / step (a baseline, iteration 0, a failed panel): draw nothing.
        if (sameKey(key, requested)) hoverRow = null;
        if (sameKey(key, requested)) break;
      }
      bump();
    }
  } finally {
    inFlight = false;
  }
}

// ---- the all-particle coupling lines ---------------------------------------------------------

export interface CouplingLines {
  readonly iteration: number;
  /** (k, 2) cost anchors z_i of the particles drawn. */
  readonly sources: Float32Array;
  /** (k, LINES_TOP, 2) their likeliest destinations. */
  readonly destinations: Float32Array;
  /** (k, LINES_TOP) row-normalised weights of those destinations (0 where fewer exist). */
  readonly weights: Float32Array;
}

const lines = new Map<number, CouplingLines>();
const linesBusy = new Set<number>();
const linesFetchedAt = new Map<number, number>();
const linesFailedAt = new Map<number, number>(); // panel -> iteration whose fetch failed
const linesTimer = new Map<number, ReturnType<typeof setTimeout>>();

export const couplingLines = (panel: number): CouplingLines | null => lines.get(panel) ?? null;

/** Refresh the lines of `panel` when the overlay is on and its plan moved on (rate-limited). */
export function ensureCouplingLines(panel: number): void {
  const frame = latestFrame.current?.panels[panel];
  const held = lines.get(panel);
  // A panel back at an earlier step (a reset, a restart on a new target) drops lines of the plan before.
  if (held && (!frame || frame.iteration < held.iteration)) {
    lines.delete(panel);
    bump();
  }
  if (!hoverStore.getState().couplingLines[panel] || linesBusy.has(panel)) return;
  if (!frame || frame.iteration === 0 || frame.status !== 'ok') return;
  if (lines.get(panel)?.iteration === frame.iteration || linesFailedAt.get(panel) === frame.iteration) return;
  const now = performance.now();
  const wait = (linesFetchedAt.get(panel) ?? -Infinity) + LINES_REFRESH_MS - now;
  if (wait > 0) {
    // Try again once the rate limit allows (a paused run still gets its last plan's lines).
    if (!linesTimer.has(panel))
      linesTimer.set(panel, setTimeout(() => (linesTimer.delete(panel), ensureCouplingLines(panel)), wait));
    return;
  }
  linesFetchedAt.set(panel, now);
  linesBusy.add(panel);
  void fetchLines(panel, frame.iteration).finally(() => linesBusy.delete(panel));
}

async function fetchLines(panel: number, iteration: number): Promise<void> {
  let got: Awaited<ReturnType<typeof fetchCouplingLines>>;
  try {
    got = await fetchCouplingLines(panel, LINES_TOP, LINES_MAX_PARTICLES);
  } catch {
    linesFailedAt.set(panel, iteration);
    lines.delete(panel);
    bump();
    return;
  }
  lines.set(panel, { iteration: got.iteration, sources: got.sources, destinations: got.destinations, weights: got.weights });
  bump();
}

/** Forget every fetched row and line (the target or the panels changed: they belong to plans that are gone). */
export function dropCouplingRows(): void {
  lines.clear();
  linesFailedAt.clear();
  hoverRow = null;
  requested = null;
  bump();
}

// A new scene (target, box or drawn axes) or a rebuilt session: the old plans' lines must not stay drawn.
useAppStore.subscribe((s, prev) => {
  if (s.scene !== prev.scene || s.targetSpec !== prev.targetSpec || s.settings !== prev.settings) dropCouplingRows();
});

// Hover and toggle changes redraw the overlay and start the fetches they need.
hoverStore.subscribe((s, prev) => {
  if (s.hovered !== prev.hovered) {
    bump();
    ensureHoveredRow();
  }
  if (s.couplingLines !== prev.couplingLines) {
    bump();
    for (const key of Object.keys(s.couplingLines)) {
      const panel = Number(key);
      if (s.couplingLines[panel]) ensureCouplingLines(panel);
      else lines.delete(panel);
    }
  }
});
