/**
 * The entropic-transport lab's state: which view the page shows, the lab's settings (in the link),
 * the drawn clouds, the last solve and the VarEOT run. Its own store: the lab shares nothing with
 * the sampler panels, so their slices stay untouched and neither redraws for the other.
 */
import { create } from 'zustand';
import { defaultLabConfig, MAX_CLOUD, type LabConfig } from '../engine/lab/labParams';
import type { LabSolveResult, VarEotSamples } from '../../workers/labApi';

export type PageView = 'sampler' | 'lab';
export type LabStatus = 'idle' | 'solving' | 'ready' | 'error';

export interface VarEotState {
  status: 'idle' | 'starting' | 'training' | 'paused' | 'error';
  backend: string;
  /** Loss of every step so far. */
  losses: number[];
  /** eps the model was trained at (a new eps needs a new model). */
  eps: number | null;
  samples: VarEotSamples | null;
  error: string | null;
}

export interface LabState {
  view: PageView;
  config: LabConfig;
  /** Points the user drew for a 'drawn' side, (n, 2). */
  drawn: { source: Float64Array; target: Float64Array };
  /** Which side a click adds to. */
  drawSide: 'source' | 'target';
  status: LabStatus;
  error: string | null;
  result: LabSolveResult | null;
  /** Source point picked on the plot (index into result.source), its Sinkhorn row. */
  picked: { i: number; x: number; y: number; row: Float64Array } | null;
  /** Solves cancelled (their worker terminated) because a newer one was asked for. */
  cancelled: number;
  varEot: VarEotState;
  /** The three-eps comparison (src/run/lab/labCompare.ts). */
  compare: CompareState;
  setView: (v: PageView) => void;
  setConfig: (patch: Partial<LabConfig>) => void;
  addDrawn: (side: 'source' | 'target', pts: readonly number[]) => void;
  clearDrawn: (side: 'source' | 'target') => void;
  setDrawSide: (side: 'source' | 'target') => void;
  patch: (p: Partial<Pick<LabState, 'status' | 'error' | 'result' | 'picked' | 'cancelled'>>) => void;
  patchVarEot: (p: Partial<VarEotState>) => void;
  patchCompare: (p: Partial<CompareState>) => void;
}

export interface ComparePair {
  readonly eps: number;
  readonly row: Float64Array;
  readonly samples: VarEotSamples;
  readonly lastLoss: number;
}

export interface CompareState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** What is being done now, e.g. "eps = 0.1: training 120 / 400". */
  progress: string;
  /** Where the comparison was made. */
  point: { x: number; y: number } | null;
  pairs: ComparePair[];
  error: string | null;
}

export const initialCompare = (): CompareState => ({ status: 'idle', progress: '', point: null, pairs: [], error: null });

export const initialVarEot = (): VarEotState => ({ status: 'idle', backend: '', losses: [], eps: null, samples: null, error: null });

export const useLabStore = create<LabState>()((set) => ({
  view: 'sampler',
  config: defaultLabConfig(),
  drawn: { source: new Float64Array(0), target: new Float64Array(0) },
  drawSide: 'source',
  status: 'idle',
  error: null,
  result: null,
  picked: null,
  cancelled: 0,
  varEot: initialVarEot(),
  compare: initialCompare(),
  setView: (view) => set({ view }),
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
  addDrawn: (side, pts) =>
    set((s) => {
      const old = s.drawn[side];
      const room = Math.max(0, 2 * MAX_CLOUD - old.length);
      const next = new Float64Array(old.length + Math.min(room, pts.length));
      next.set(old);
      next.set(pts.slice(0, room), old.length);
      return { drawn: { ...s.drawn, [side]: next } };
    }),
  clearDrawn: (side) => set((s) => ({ drawn: { ...s.drawn, [side]: new Float64Array(0) } })),
  setDrawSide: (drawSide) => set({ drawSide }),
  patch: (p) => set(p),
  patchVarEot: (p) => set((s) => ({ varEot: { ...s.varEot, ...p } })),
  patchCompare: (p) => set((s) => ({ compare: { ...s.compare, ...p } })),
}));
