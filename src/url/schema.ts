/**
 * The experiment in the URL: every key declared once, built from the declarations the rest of
 * the app already uses (RUN_PARAMS, TARGET_PARAMS, SAMPLER_INFO's parameter tables, SPEED_PARAM,
 * VIEW_PARAMS, HIDE_PARTS, MAX_BUMPS, MAX_FORMULA_LENGTH), so a new sampler parameter is a
 * URL key without touching this file. Examples:
 *   v=1&t=u3&n=250&seed=1&p=etd-ub-sg,svgd&p1.eps=0.05&p2.lr=0.2
 *   v=1&t=iso-gaussian&dim=50&n=100&seed=1&p=etd-b,svgd   (a d-dimensional target)
 *   v=1&t=blr&data=sonar&n=100&seed=0&p=etd-b,mala         (logistic regression on a vendored set)
 * decode.ts and encode.ts are the only readers.
 */
import { defaultExperiment, experimentTarget, type Experiment, type ExperimentPanel, type ExperimentTarget } from '../engine/experiment/experiment';
import { RUN_PARAMS } from '../engine/experiment/runParams';
import { int, type ParamDecl, type ParamTable } from '../engine/params/declare';
import { SAMPLER_INFO } from '../engine/samplers/catalog';
import { MAX_BUMPS } from '../engine/targets/drawn';
import { LR_DATA_LIMIT, LR_MAX_POINTS } from '../engine/targets/logistic2d';
import { MAX_FORMULA_LENGTH } from '../engine/targets/formula/parser';
import { TARGET_PARAMS } from '../engine/targets/targetParams';
import { BLR_DATA_SET_NAMES, BLR_DATA_SETS, USER_CSV_NAME_MAX, USER_CSV_PREFIX } from '../engine/targets/blr/dataSets';
import { DEFAULT_BOX, DEFAULT_SAMPLER, MAX_PANELS } from '../engine/experiment/defaults';
import { HIDE_PARTS, SPEED_PARAM, VIEW_PARAMS } from '../engine/experiment/viewParams';

/** The format's own declaration: links carry v=1; a link from a newer format opens the defaults with a notice. */
export const FORMAT_PARAMS = {
  v: int(1, 1, 1_000_000, 'Version of the link format.'),
} as const;
export const URL_VERSION = FORMAT_PARAMS.v.default;

/** Longest link read at all (characters after '?'). */
export const MAX_URL_CHARS = 64 * 1024;
/** Largest decompressed drawing (characters of its JSON). */
export const MAX_DRAWING_CHARS = 200 * 1024;
/** Most bumps a drawing may have (drawn.ts). */
export { MAX_BUMPS, MAX_FORMULA_LENGTH };

/** The run settings in the link: short key -> name in RUN_PARAMS (steps belongs to the headless runner only). */
export const RUN_KEYS = { n: 'n', seed: 'seed', cx: 'centerX', cy: 'centerY', spread: 'spread' } as const satisfies Record<
  string,
  keyof typeof RUN_PARAMS
>;
export type RunKey = keyof typeof RUN_KEYS;
export type RunValues = { -readonly [K in (typeof RUN_KEYS)[RunKey]]: number };

/** Every scalar key with its declaration (the decl objects are the declarations themselves, not copies). */
export const SCALAR_KEYS = {
  v: FORMAT_PARAMS.v,
  t: TARGET_PARAMS.name,
  dim: TARGET_PARAMS.dim,
  conf: TARGET_PARAMS.confine,
  n: RUN_PARAMS.n,
  seed: RUN_PARAMS.seed,
  cx: RUN_PARAMS.centerX,
  cy: RUN_PARAMS.centerY,
  spread: RUN_PARAMS.spread,
  speed: SPEED_PARAM,
  ui: VIEW_PARAMS.ui,
} as const satisfies Record<string, ParamDecl>;
export type ScalarKey = keyof typeof SCALAR_KEYS;

/** Keys whose value is more than one scalar, each with what it holds and the declaration it is checked against. */
export const COMPOSITE_KEYS = {
  p: { doc: `Samplers of the panels, comma-separated (1 to ${MAX_PANELS}; names of SAMPLER_INFO).`, options: SAMPLER_INFO },
  f: { doc: `Formula target U(x, y) (at most ${MAX_FORMULA_LENGTH} characters; parsed, never executed).`, maxLength: MAX_FORMULA_LENGTH },
  box: { doc: 'Box of a formula or drawn target: xmin,xmax,ymin,ymax.', edge: TARGET_PARAMS.boxEdge },
  d: {
    doc: `Drawn target: lz-string (compressToEncodedURIComponent) of the bumps' JSON [[x, y, width, weight], ...] (at most ${MAX_BUMPS} bumps).`,
    maxBumps: MAX_BUMPS,
    maxChars: MAX_DRAWING_CHARS,
  },
  lr: {
    doc: `Logistic regression you can see: the data panel's points x,y,class joined by '_' (at most ${LR_MAX_POINTS}, coordinates in [-${LR_DATA_LIMIT}, ${LR_DATA_LIMIT}], class 0 or 1); such a link lives in the fragment.`,
    maxPoints: LR_MAX_POINTS,
  },
  hide: { doc: 'Parts classroom mode hides, comma-separated.', options: HIDE_PARTS },
  data: {
    doc: `Data set of t=blr: a vendored set (${BLR_DATA_SET_NAMES.join(', ')}) or ${USER_CSV_PREFIX}<file name> for a CSV file read on the page (the link never holds the data: opening it asks for the file).`,
    options: BLR_DATA_SETS,
    userPrefix: USER_CSV_PREFIX,
    maxName: USER_CSV_NAME_MAX,
  },
} as const;
export type CompositeKey = keyof typeof COMPOSITE_KEYS;

/** Panel parameters: p<panel>.<name>, panel 1-based, name from that panel's sampler's table; only values that differ from the default are written. */
export const PANEL_PARAM_KEY = /^p([1-9][0-9]*)\.([A-Za-z][A-Za-z0-9]*)$/;
export const panelParamKey = (panel: number, name: string): string => `p${panel + 1}.${name}`;

/** A sampler's parameter table, or undefined for a name that is not a sampler (own keys only: no prototype lookups). */
export function samplerParams(sampler: string): ParamTable | undefined {
  return Object.prototype.hasOwnProperty.call(SAMPLER_INFO, sampler) ? SAMPLER_INFO[sampler].params : undefined;
}

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The value a panel parameter has when the link does not set it: the ETD variant's own choice
 * (etd-ub-sg is unbalanced) or else the declared default. Only values that differ are written.
 */
export function panelDefault(sampler: string, name: string): number | boolean | string | undefined {
  if (!hasOwn(SAMPLER_INFO, sampler)) return undefined;
  const d = SAMPLER_INFO[sampler].defaults;
  return hasOwn(d, name) ? d[name] : undefined;
}

/** The experiment a link holds is the engine's one experiment declaration. */
export type UrlTarget = ExperimentTarget;
export type UrlPanel = ExperimentPanel;
export type { Experiment };
export { defaultExperiment };
/** The engine's target spec as the link describes it (confinement and box made explicit). */
export const urlTargetOf = experimentTarget;

export { DEFAULT_BOX, DEFAULT_SAMPLER };
