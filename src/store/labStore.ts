/**
 * The entropic-transport lab's state: which view the page shows, the lab's settings (in the link),
 * the drawn clouds, the last solve, the learned models (VarEOT and LightSB) and the three-eps
 * comparison. Its own store: the lab shares nothing with the sampler panels, so their slices stay
 * untouched and neither redraws for the other.
 */
import { create } from 'zustand';
import { defaultLabConfig, MAX_CLOUD, type LabConfig } from '../engine/lab/labParams';
import type { LearnedMethod } from '../engine/lab/labMethods';
import type { PlateauState } from '../engine/lab/plateau';
import type { RowFloor } from '../engine/lab/rowFloor';
import type { LabSolveResult, LearnerSample } from '../../workers/labApi';

export type PageView = 'sampler' | 'lab';
export type LabStatus = 'idle' | 'solving' | 'ready' | 'error';

/**
 * What a solve or a model was made from: the clouds (presets with their sizes and seed, or the
 * drawn points' version), eps and seed. A model whose key differs from the current one is stale.
 */
export function labKey(c: LabConfig, drawnVersion: number): string {
  const drawn = c.src === 'drawn' || c.tgt === 'drawn' ? drawnVersion : 0;
  return `${c.src}:${c.ns}|${c.tgt}:${c.nt}|seed ${c.lseed}|eps ${c.eps}|drawn ${drawn}`;
}

export interface ModelProgress {
  /** Loss of every step so far. */
  losses: number[];
  /** The stopping rule's state after the last chunk. */
  state: PlateauState | null;
  /** Training speed over the last chunks, steps per second. */
  stepsPerSec: number;
}

export interface LearnState {
  status: 'idle' | 'starting' | 'training' | 'paused' | 'done' | 'stale' | 'error';
  /** labKey of the clouds and eps the models were trained on. */
  key: string | null;
  eps: number | null;
  /** tfjs backend of VarEOT ('webgpu' or 'wasm') and why. */
  backend: string;
  backendReason: string;
  models: Record<LearnedMethod, ModelProgress>;
  /** The picked point's samples of each model (with their energy distance to Sinkhorn's row). */
  samples: Record<LearnedMethod, LearnerSample | null>;
  error: string | null;
  /** Set when the settings changed under a trained model: what it was trained on. */
  staleNote: string | null;
}

/** One eps of the comparison: Sinkhorn's row and its floor, and each learned model's samples. */
export interface CompareColumn {
  readonly eps: number;
  readonly row: Float64Array;
  readonly floor: RowFloor;
  readonly learned: Partial<Record<LearnedMethod, LearnerSample & { readonly stepsPerSec: number; readonly loss: number }>>;
}

export interface CompareState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** What is being done now, e.g. "eps = 0.1: VarEOT step 120". */
  progress: string;
  /** Where the comparison was made: the source point's index and position. */
  point: { i: number; x: number; y: number } | null;
  /** The settings it was made on (labKey without eps). */
  key: string | null;
  columns: CompareColumn[];
  /** tfjs backend VarEOT trained on in the comparison. */
  backend: string;
  error: string | null;
}

export interface LabState {
  view: PageView;
  config: LabConfig;
  /** Points the user drew for a 'drawn' side, (n, 2). */
  drawn: { source: Float64Array; target: Float64Array };
  /** Bumped on every change of the drawn points. */
  drawnVersion: number;
  /** Which side a click adds to. */
  drawSide: 'source' | 'target';
  status: LabStatus;
  error: string | null;
  result: LabSolveResult | null;
  /** labKey of the settings `result` was solved for. */
  resultKey: string | null;
  /** Source point picked on the plot (index into result.source), its Sinkhorn row and the row's floor. */
  picked: { i: number; x: number; y: number; row: Float64Array; floor: RowFloor } | null;
  /** Solves cancelled (their worker terminated) because a newer one was asked for. */
  cancelled: number;
  learn: LearnState;
  /** The three-eps comparison (src/run/lab/labCompare.ts). */
  compare: CompareState;
  /** What happened to the lab's workers (replaced after a crash or a hang), newest last. */
  workerNotes: string[];
  setView: (v: PageView) => void;
  setConfig: (patch: Partial<LabConfig>) => void;
  addDrawn: (side: 'source' | 'target', pts: readonly number[]) => void;
  clearDrawn: (side: 'source' | 'target') => void;
  setDrawSide: (side: 'source' | 'target') => void;
  patch: (p: Partial<Pick<LabState, 'status' | 'error' | 'result' | 'resultKey' | 'picked' | 'cancelled'>>) => void;
  patchLearn: (p: Partial<LearnState>) => void;
  patchModel: (m: LearnedMethod, p: Partial<ModelProgress>) => void;
  patchCompare: (p: Partial<CompareState>) => void;
  noteWorker: (note: string) => void;
}

const freshModel = (): ModelProgress => ({ losses: [], state: null, stepsPerSec: 0 });

export const initialLearn = (): LearnState => ({
  status: 'idle',
  key: null,
  eps: null,
  backend: '',
  backendReason: '',
  models: { vareot: freshModel(), lightsb: freshModel() },
  samples: { vareot: null, lightsb: null },
  error: null,
  staleNote: null,
});

export const initialCompare = (): CompareState => ({ status: 'idle', progress: '', point: null, key: null, columns: [], backend: '', error: null });

/** Notes kept about the workers. */
const MAX_NOTES = 5;

export const useLabStore = create<LabState>()((set) => ({
  view: 'sampler',
  config: defaultLabConfig(),
  drawn: { source: new Float64Array(0), target: new Float64Array(0) },
  drawnVersion: 0,
  drawSide: 'source',
  status: 'idle',
  error: null,
  result: null,
  resultKey: null,
  picked: null,
  cancelled: 0,
  learn: initialLearn(),
  compare: initialCompare(),
  workerNotes: [],
  setView: (view) => set({ view }),
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
  addDrawn: (side, pts) =>
    set((s) => {
      const old = s.drawn[side];
      const room = Math.max(0, 2 * MAX_CLOUD - old.length);
      const next = new Float64Array(old.length + Math.min(room, pts.length));
      next.set(old);
      next.set(pts.slice(0, room), old.length);
      return { drawn: { ...s.drawn, [side]: next }, drawnVersion: s.drawnVersion + 1 };
    }),
  clearDrawn: (side) => set((s) => ({ drawn: { ...s.drawn, [side]: new Float64Array(0) }, drawnVersion: s.drawnVersion + 1 })),
  setDrawSide: (drawSide) => set({ drawSide }),
  patch: (p) => set(p),
  patchLearn: (p) => set((s) => ({ learn: { ...s.learn, ...p } })),
  patchModel: (m, p) => set((s) => ({ learn: { ...s.learn, models: { ...s.learn.models, [m]: { ...s.learn.models[m], ...p } } } })),
  patchCompare: (p) => set((s) => ({ compare: { ...s.compare, ...p } })),
  noteWorker: (note) => set((s) => ({ workerNotes: [...s.workerNotes, note].slice(-MAX_NOTES) })),
}));

/** The current settings' key. */
export const currentLabKey = (s: Pick<LabState, 'config' | 'drawnVersion'>): string => labKey(s.config, s.drawnVersion);
