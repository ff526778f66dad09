import type { StateCreator } from 'zustand';
import { ND_TARGET_NAMES, PRESET_NAMES } from '../engine/targets/targetInfo';
import { TARGET_PARAMS } from '../engine/targets/targetParams';
import { checkParam } from '../engine/params/declare';
import { DEFAULT_BOX, DEFAULT_PRESET } from '../engine/experiment/defaults';
import { checkDrawnSpec, type Bump } from '../engine/targets/drawn';
import { checkFormulaText } from '../engine/targets/formula/checkText';
import type { TargetSpec } from '../engine/targets/fromSpec';
import type { Box } from '../engine/targets/types';
import { checkLogistic2dPoints, LR_START_POINTS, type LabeledPoint } from '../engine/targets/logistic2d';
import { BLR_DATA_SET_NAMES, BLR_DATA_SETS, isUserCsvKey, isVendoredBlrData, userCsvName } from '../engine/targets/blr/dataSets';
import type { BlrReference } from '../engine/targets/blr/reference';

/**
 * Where the target comes from: the gallery, the brush, a typed U(x, y), a d-dimensional family,
 * the points of the logistic-regression view (whose posterior over two weights is the target) or
 * a logistic-regression posterior on a data set.
 */
export type TargetSource = 'preset' | 'drawn' | 'formula' | 'nd' | 'logistic' | 'blr';


/**
 * A user's CSV read on this page (never uploaded, never in a link): its key (csv:<name>), the
 * text the sampler workers get, what the page learnt reading it, and the reference posterior
 * once computed on request (null until then).
 */
export interface BlrCsvFile {
  readonly key: string;
  readonly name: string;
  readonly csv: string;
  readonly rows: number;
  readonly dim: number;
  /** The split, the label coding, dropped columns (blrSummary). */
  readonly notes: readonly string[];
  readonly reference: BlrReference | null;
}

/** One brush stroke (or a whole drawing loaded from a spec): its bumps [x, y, width, weight]. */
export type Stroke = readonly Bump[];

export interface Brush {
  readonly mode: 'add' | 'erase';
  /** Bump width (std) as a fraction of the drawing box's smaller side. */
  readonly size: number;
  /** Peak density of one bump, times 2 pi (bump weight = strength * width^2); erasing subtracts as much. */
  readonly strength: number;
}

/** Why the active editor's target is not the one running, located in the formula when it can be. */
export interface TargetProblem {
  readonly message: string;
  /** 1-based column and length of the formula span to underline (formula syntax errors only). */
  readonly column?: number;
  readonly length?: number;
}

export interface TargetState {
  targetSource: TargetSource;
  preset: { readonly name: string; readonly confine: boolean };
  drawing: { readonly box: Box; readonly strokes: readonly Stroke[]; readonly redo: readonly Stroke[] };
  formula: { readonly text: string; readonly box: Box };
  /** The d-dimensional family and its dimension (TARGET_PARAMS.dim). */
  nd: { readonly name: string; readonly dim: number };
  /** The data panel's labelled points (logistic regression you can see). */
  logistic: { readonly points: readonly LabeledPoint[] };
  /** The logistic-regression data set: a vendored name or a user CSV's key. */
  blr: { readonly data: string };
  /** The user's CSV, once read (the key in `blr` may name a file not read yet: a link made from one). */
  blrCsv: BlrCsvFile | null;
  brush: Brush;
  /** The target every panel runs on: the last runnable one (the active editor's when targetProblem is null). */
  targetSpec: TargetSpec;
  /** Why the active editor's content is not running (an empty drawing, a formula error), or null. */
  targetProblem: TargetProblem | null;
}

export interface TargetActions {
  /** Run a gallery preset. */
  pickPreset: (name: string) => void;
  /** Soft confinement of the improper presets (u2-u4). */
  setConfine: (on: boolean) => void;
  /** Run a d-dimensional family at the current dimension. */
  pickNd: (name: string) => void;
  /** The dimension of the d-dimensional targets (validated by the caller's field; a bad one becomes targetProblem). */
  setDim: (dim: number) => void;
  /** Run the logistic-regression view on its current points. */
  pickLogistic: () => void;
  /** Replace the data panel's points (validated here: bad ones become targetProblem). */
  setLogisticPoints: (points: readonly LabeledPoint[]) => void;
  /** Run logistic regression on a vendored data set or on the user's CSV (its key). */
  pickBlr: (data: string) => void;
  /** A CSV read and checked by the caller: keep it and run on it (replaces an earlier file). */
  loadBlrCsv: (file: Omit<BlrCsvFile, 'reference'>) => void;
  /** The reference posterior computed for the user's CSV of that key (ignored when another file has replaced it). */
  setBlrReference: (key: string, csv: string, reference: BlrReference) => void;
  /** Switch the editor (and run its target when it is runnable; otherwise the current one keeps running). */
  setTargetSource: (source: TargetSource) => void;
  addStroke: (stroke: Stroke) => void;
  undoStroke: () => void;
  redoStroke: () => void;
  clearDrawing: () => void;
  /** Callers validate first (boxProblem); an invalid box becomes targetProblem. */
  setDrawingBox: (box: Box) => void;
  setFormulaText: (text: string) => void;
  setFormulaBox: (box: Box) => void;
  setBrush: (patch: Partial<Brush>) => void;
  /** Load a full TargetSpec (from a URL or a preset experiment): sets the source and its editor state. */
  setTargetSpec: (spec: TargetSpec) => void;
}

export type TargetSlice = TargetState & TargetActions;

export { DEFAULT_BOX };
export const DEFAULT_FORMULA = '0.5*((x^2 + y^2)^0.5 - 2)^2 / 0.1';
export const DEFAULT_BRUSH: Brush = { mode: 'add', size: 0.05, strength: 1 };

type Editable = Pick<TargetState, 'targetSource' | 'preset' | 'drawing' | 'formula' | 'nd' | 'logistic' | 'blr' | 'blrCsv'>;

/** The spec the active editor describes, or why it cannot run. */
function specOf(s: Editable): { spec: TargetSpec } | { problem: TargetProblem } {
  switch (s.targetSource) {
    case 'preset': {
      const { name, confine } = s.preset;
      if (!(PRESET_NAMES as readonly string[]).includes(name))
        return { problem: { message: `unknown preset target '${name}' (valid: ${PRESET_NAMES.join(', ')})` } };
      return { spec: { kind: 'preset', name, confine } };
    }
    case 'drawn': {
      const spec = { kind: 'drawn' as const, box: s.drawing.box, bumps: s.drawing.strokes.flat() };
      const problem = checkDrawnSpec(spec);
      return problem ? { problem: { message: problem } } : { spec };
    }
    case 'nd': {
      const { name, dim } = s.nd;
      if (!(ND_TARGET_NAMES as readonly string[]).includes(name))
        return { problem: { message: `unknown d-dimensional target '${name}' (valid: ${ND_TARGET_NAMES.join(', ')})` } };
      try {
        checkParam('dim', TARGET_PARAMS.dim, dim);
      } catch (e) {
        return { problem: { message: e instanceof Error ? e.message : String(e) } };
      }
      return { spec: { kind: 'nd', name, dim } };
    }
    case 'logistic': {
      const problem = checkLogistic2dPoints(s.logistic.points);
      return problem ? { problem: { message: problem } } : { spec: { kind: 'logistic2d', points: s.logistic.points } };
    }
    case 'blr': {
      const { data } = s.blr;
      if (isVendoredBlrData(data)) return { spec: { kind: 'blr', data } };
      if (!isUserCsvKey(data))
        return { problem: { message: `unknown data set '${data}' (vendored: ${BLR_DATA_SET_NAMES.join(', ')}; or use a CSV file)` } };
      if (s.blrCsv?.key !== data)
        return {
          problem: {
            message: `The CSV file '${userCsvName(data)}' is not loaded: its data are not in the link. Choose the file (Use a CSV file…) to run it; the previous target runs meanwhile.`,
          },
        };
      return { spec: { kind: 'blr', data } };
    }
    case 'formula': {
      const { text, box } = s.formula;
      const check = checkFormulaText(text, box);
      if (!check.ok) return { problem: { message: check.message, column: check.column, length: check.length } };
      return { spec: { kind: 'formula', formula: text, box } };
    }
  }
}

/** Apply an edit and re-derive what runs: the edited target when runnable, else the previous one with the reason. */
function derive(prev: TargetState, patch: Partial<Editable>): Partial<TargetState> {
  const next = { ...prev, ...patch };
  const r = specOf(next);
  if ('problem' in r) return { ...patch, targetProblem: r.problem };
  const same = JSON.stringify(r.spec) === JSON.stringify(prev.targetSpec);
  return { ...patch, targetProblem: null, ...(same ? {} : { targetSpec: r.spec }) };
}

export const initialTargetState = (): TargetState => ({
  targetSource: 'preset',
  preset: { name: DEFAULT_PRESET, confine: true },
  drawing: { box: DEFAULT_BOX, strokes: [], redo: [] },
  formula: { text: DEFAULT_FORMULA, box: DEFAULT_BOX },
  nd: { name: ND_TARGET_NAMES[0], dim: TARGET_PARAMS.dim.default },
  logistic: { points: LR_START_POINTS },
  blr: { data: BLR_DATA_SET_NAMES[0] },
  blrCsv: null,
  brush: DEFAULT_BRUSH,
  targetSpec: { kind: 'preset', name: DEFAULT_PRESET, confine: true },
  targetProblem: null,
});

export const createTargetSlice: StateCreator<TargetSlice, [], [], TargetSlice> = (set) => {
  const edit = (fn: (s: TargetState) => Partial<Editable> | null) =>
    set((s) => {
      const patch = fn(s);
      return patch ? derive(s, patch) : s;
    });
  return {
    ...initialTargetState(),
    pickPreset: (name) => edit((s) => ({ targetSource: 'preset', preset: { ...s.preset, name } })),
    setConfine: (confine) => edit((s) => ({ preset: { ...s.preset, confine } })),
    pickNd: (name) => edit((s) => ({ targetSource: 'nd', nd: { ...s.nd, name } })),
    setDim: (dim) => edit((s) => (dim === s.nd.dim ? null : { nd: { ...s.nd, dim } })),
    pickBlr: (data) => edit(() => ({ targetSource: 'blr', blr: { data } })),
    loadBlrCsv: (file) => edit(() => ({ targetSource: 'blr', blr: { data: file.key }, blrCsv: { ...file, reference: null } })),
    setBlrReference: (key, csv, reference) =>
      edit((s) => (s.blrCsv && s.blrCsv.key === key && s.blrCsv.csv === csv ? { blrCsv: { ...s.blrCsv, reference } } : null)),
    setTargetSource: (targetSource) => edit(() => ({ targetSource })),
    pickLogistic: () => edit(() => ({ targetSource: 'logistic' })),
    setLogisticPoints: (points) => edit(() => ({ targetSource: 'logistic', logistic: { points } })),
    addStroke: (stroke) =>
      edit((s) => (stroke.length === 0 ? null : { drawing: { ...s.drawing, strokes: [...s.drawing.strokes, stroke], redo: [] } })),
    undoStroke: () =>
      edit((s) => {
        const { strokes, redo } = s.drawing;
        if (strokes.length === 0) return null;
        return { drawing: { ...s.drawing, strokes: strokes.slice(0, -1), redo: [...redo, strokes[strokes.length - 1]] } };
      }),
    redoStroke: () =>
      edit((s) => {
        const { strokes, redo } = s.drawing;
        if (redo.length === 0) return null;
        return { drawing: { ...s.drawing, strokes: [...strokes, redo[redo.length - 1]], redo: redo.slice(0, -1) } };
      }),
    clearDrawing: () => edit((s) => (s.drawing.strokes.length === 0 ? null : { drawing: { ...s.drawing, strokes: [], redo: [...s.drawing.redo, ...[...s.drawing.strokes].reverse()] } })),
    setDrawingBox: (box) => edit((s) => ({ drawing: { ...s.drawing, box } })),
    setFormulaText: (text) => edit((s) => (text === s.formula.text ? null : { formula: { ...s.formula, text } })),
    setFormulaBox: (box) => edit((s) => ({ formula: { ...s.formula, box } })),
    setBrush: (patch) => set((s) => ({ brush: { ...s.brush, ...patch } })),
    setTargetSpec: (spec) =>
      edit(() => {
        switch (spec.kind) {
          case 'preset':
            return { targetSource: 'preset', preset: { name: spec.name, confine: spec.confine ?? true } };
          case 'formula':
            return { targetSource: 'formula', formula: { text: spec.formula, box: spec.box ?? DEFAULT_BOX } };
          case 'drawn':
            return { targetSource: 'drawn', drawing: { box: spec.box, strokes: spec.bumps.length ? [spec.bumps] : [], redo: [] } };
          case 'nd':
            return { targetSource: 'nd', nd: { name: spec.name, dim: spec.dim } };
          case 'logistic2d':
            return { targetSource: 'logistic', logistic: { points: spec.points } };
          case 'blr':
            return { targetSource: 'blr', blr: { data: spec.data } };
          default:
            return null;
        }
      }),
  };
};

/**
 * How many coordinates the running target's particles have when more than the two drawn: a
 * d-dimensional family's d, a logistic-regression data set's number of weights; null otherwise
 * (2D targets, or a user's CSV not read yet).
 */
export function drawnFromDim(s: Pick<TargetState, 'targetSpec' | 'blrCsv'>): number | null {
  const t = s.targetSpec;
  if (t.kind === 'nd') return t.dim;
  if (t.kind !== 'blr') return null;
  if (isVendoredBlrData(t.data)) return BLR_DATA_SETS[t.data].features;
  return s.blrCsv?.key === t.data ? s.blrCsv.dim : null;
}
