/**
 * URL -> experiment, for untrusted links. Nothing here throws or executes text: unknown keys are
 * ignored, out-of-range numbers clamped, malformed values replaced by their defaults, and every
 * change is a notice ("n=999999 clamped to 5000"). Formulas only reach the engine's parser;
 * drawings are unpacked with a size budget. Pure: no DOM, no store.
 */
import { repairParam } from '../engine/params/declare';
import { samplerParamsProblem } from '../engine/samplers/checkParams';
import { boxProblem } from '../engine/targets/box';
import { checkDrawnSpec, type Bump } from '../engine/targets/drawn';
import { checkFormulaText } from '../engine/targets/formula/checkText';
import type { Box } from '../engine/targets/types';
import { ND_TARGET_NAMES } from '../engine/targets/nd/index';
import { BLR_TARGET_NAME, isNdName } from '../engine/targets/targetParams';
import { MAX_PANELS } from '../engine/experiment/defaults';
import { DEFAULT_CLASSROOM_HIDE, HIDE_PART_NAMES, hidesParts, type HidePart, type ViewMode } from '../engine/experiment/viewParams';
import { decompressBounded } from './lzBounded';
import { capNotices } from './notices';
import { parseLrPoints } from './logisticCodec';
import { LR_START_POINTS } from '../engine/targets/logistic2d';
import { isLabKey } from './labCodec';
import {
  COMPOSITE_KEYS,
  DEFAULT_BOX,
  DEFAULT_SAMPLER,
  defaultExperiment,
  hasOwn,
  panelDefault,
  MAX_URL_CHARS,
  PANEL_PARAM_KEY,
  RUN_KEYS,
  SCALAR_KEYS,
  samplerParams,
  URL_VERSION,
  type Experiment,
  type RunValues,
  type ScalarKey,
  type UrlPanel,
  type UrlTarget,
} from './schema';
import { SAMPLER_INFO } from '../engine/samplers/catalog';

export interface Decoded {
  readonly experiment: Experiment;
  /** What was changed to make the link valid, one sentence each (empty for a clean link). */
  readonly notices: readonly string[];
}

/** Notices quote at most this much of a value (capNotices then caps each notice and their number). */
const QUOTE_CHARS = 60;

const quote = (s: string): string => (s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS)}… (${s.length} characters)` : s);
const sizeText = (chars: number): string => (chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`);

/** Read a query string (with or without the leading '?'). */
export function decodeExperiment(query: string): Decoded {
  const q = query.startsWith('?') ? query.slice(1) : query;
  const defaults = defaultExperiment();
  if (q.length > MAX_URL_CHARS)
    return { experiment: defaults, notices: [`link of ${sizeText(q.length)} refused (longer than ${sizeText(MAX_URL_CHARS)}): default experiment opened`] };

  const notices: string[] = [];
  const note = (s: string) => notices.push(s);
  const params = readParams(q, note);
  if (params.size === 0) return { experiment: defaults, notices: [] };

  const scalar = <K extends ScalarKey>(key: K): (typeof SCALAR_KEYS)[K]['default'] | undefined => {
    const raw = params.get(key);
    if (raw === undefined) return undefined;
    const r = repairParam(key, SCALAR_KEYS[key], raw);
    if (r.change) note(r.change);
    return r.value as (typeof SCALAR_KEYS)[K]['default'];
  };

  const v = scalar('v');
  if (v !== undefined && v > URL_VERSION)
    return { experiment: defaults, notices: [`link made for format v=${v} (this playground reads v=${URL_VERSION}): default experiment opened`] };

  for (const key of params.keys()) {
    if (!hasOwn(SCALAR_KEYS, key) && !hasOwn(COMPOSITE_KEYS, key) && !PANEL_PARAM_KEY.test(key) && !isLabKey(key)) note(`unknown key '${quote(key)}' ignored`);
  }

  const target = readTarget(params, scalar, note);
  const run = { ...defaults.run };
  for (const [key, name] of Object.entries(RUN_KEYS) as [keyof typeof RUN_KEYS, keyof RunValues][]) {
    const value = scalar(key);
    if (value !== undefined) run[name] = value;
  }
  const panels = readPanels(params, note);
  const speed = scalar('speed') ?? defaults.speed;
  const view = readView(params, scalar('ui') ?? defaults.view.mode, note);

  return { experiment: { target, run, panels, speed, view }, notices: capNotices(notices) };
}

/** The first value of every key (a Map: keys such as __proto__ are plain strings here); repeated keys are noted. */
function readParams(q: string, note: (s: string) => void): Map<string, string> {
  const out = new Map<string, string>();
  const repeats = new Map<string, number>();
  for (const [k, v] of new URLSearchParams(q)) {
    if (out.has(k)) repeats.set(k, (repeats.get(k) ?? 1) + 1);
    else out.set(k, v);
  }
  for (const [k, count] of repeats) note(`${quote(k)} given ${count} times: the first value used`);
  return out;
}

type ScalarReader = <K extends ScalarKey>(key: K) => (typeof SCALAR_KEYS)[K]['default'] | undefined;

function readTarget(params: Map<string, string>, scalar: ScalarReader, note: (s: string) => void): UrlTarget {
  const fallback = defaultExperiment().target;
  const given = (['d', 'f', 'lr', 't'] as const).filter((k) => params.has(k));
  const kind = given[0];
  if (given.length > 1) note(`a link has one target: ${kind} used, ${given.slice(1).join(' and ')} ignored`);
  if (kind !== 't' && params.has('conf')) note('conf ignored (only for preset targets)');
  if ((kind === 'f' || kind === 'd') && params.has('data')) note('data ignored (only with t=blr)');
  if (kind !== 't' && params.has('dim')) note(`dim ignored (only for the d-dimensional targets ${ND_TARGET_NAMES.join(', ')})`);
  if ((kind === 't' || kind === 'lr' || kind === undefined) && params.has('box')) note('box ignored (only for formula and drawn targets)');

  if (kind === 'f') {
    const formula = params.get('f') ?? '';
    const box = readBox(params.get('box'), note);
    if (formula.length > COMPOSITE_KEYS.f.maxLength) {
      note(`formula of ${formula.length} characters refused (at most ${COMPOSITE_KEYS.f.maxLength}): default target used`);
      return fallback;
    }
    const check = checkFormulaText(formula, box);
    // The text stays in the formula editor, which shows the error; the default target runs meanwhile.
    if (!check.ok)
      note(`formula not run: ${check.message}${check.column && !/column \d/.test(check.message) ? ` (column ${check.column})` : ''}; the default target runs`);
    return { kind: 'formula', formula, box };
  }
  if (kind === 'lr') {
    const r = parseLrPoints(params.get('lr') ?? '');
    if ('points' in r) return { kind: 'logistic2d', points: r.points };
    note(`points in lr not used: ${r.problem}; the starting points are shown`);
    return { kind: 'logistic2d', points: LR_START_POINTS };
  }
  if (kind === 'd') {
    const box = readBox(params.get('box'), note);
    const bumps = readDrawing(params.get('d') ?? '', box, note);
    return bumps ? { kind: 'drawn', box, bumps } : fallback;
  }
  const name = scalar('t') ?? SCALAR_KEYS.t.default;
  if (name === BLR_TARGET_NAME) return readBlrTarget(params, note, fallback);
  if (params.has('data')) note('data ignored (only with t=blr)');
  if (isNdName(name)) {
    if (params.has('conf')) note(`conf ignored (only for the 2D presets, not ${name})`);
    return { kind: 'nd', name, dim: scalar('dim') ?? SCALAR_KEYS.dim.default };
  }
  if (params.has('dim')) note(`dim ignored (only for the d-dimensional targets ${ND_TARGET_NAMES.join(', ')})`);
  const confine = scalar('conf') ?? SCALAR_KEYS.conf.default;
  return { kind: 'preset', name, confine };
}

/**
 * t=blr&data=<set>: a vendored set, or csv:<file name> for a user's CSV, which the link does not
 * hold: the notice says so and asks for the file (the store keeps the key and runs the default
 * target until the file is read).
 */
function readBlrTarget(params: Map<string, string>, note: (s: string) => void, fallback: UrlTarget): UrlTarget {
  if (params.has('conf')) note('conf ignored (only for the 2D presets, not blr)');
  if (params.has('dim')) note('dim ignored (the dimension of blr is its data set\'s number of features)');
  const { options, userPrefix, maxName } = COMPOSITE_KEYS.data;
  const data = params.get('data');
  const valid = `${Object.keys(options).join(', ')} or ${userPrefix}<file name>`;
  if (data === undefined) {
    note(`t=blr needs data (${valid}): default target used`);
    return fallback;
  }
  if (hasOwn(options, data)) return { kind: 'blr', data };
  if (data.startsWith(userPrefix) && data.length > userPrefix.length) {
    const name = data.slice(userPrefix.length, userPrefix.length + maxName);
    note(
      `this link was made with a CSV file, '${quote(name)}', whose data are not in the link (a link never holds them): choose that file under Target → Logistic regression → Use a CSV file… to run it; the default target runs meanwhile`,
    );
    return { kind: 'blr', data: `${userPrefix}${name}` };
  }
  note(`unknown data set '${quote(data)}' for t=blr (valid: ${valid}): default target used`);
  return fallback;
}

/** box=xmin,xmax,ymin,ymax: edges clamped to their declared range; anything else gives the default box. */
function readBox(raw: string | undefined, note: (s: string) => void): Box {
  if (raw === undefined) return DEFAULT_BOX;
  const parts = raw.split(',');
  if (parts.length !== 4 || parts.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) {
    note(`box=${quote(raw)} malformed (need four numbers xmin,xmax,ymin,ymax): default box used`);
    return DEFAULT_BOX;
  }
  const [xmin, xmax, ymin, ymax] = parts.map((p, i) => {
    const r = repairParam(`box ${['xmin', 'xmax', 'ymin', 'ymax'][i]}`, COMPOSITE_KEYS.box.edge, p.trim());
    if (r.change) note(r.change);
    return r.value as number;
  });
  const box = { xmin, xmax, ymin, ymax };
  const problem = boxProblem(box);
  if (problem) {
    note(`box malformed: ${problem}: default box used`);
    return DEFAULT_BOX;
  }
  return box;
}

/** d=<lz-string>: unpacked within MAX_DRAWING_CHARS, JSON, at most MAX_BUMPS bumps, checked like any drawing; null with a notice otherwise. */
function readDrawing(raw: string, box: Box, note: (s: string) => void): Bump[] | null {
  const { maxChars, maxBumps } = COMPOSITE_KEYS.d;
  const text = decompressBounded(raw, maxChars);
  if (text === 'too-large') {
    note(`drawing in d refused: larger than ${sizeText(maxChars)} once unpacked: default target used`);
    return null;
  }
  let bumps: unknown = undefined;
  try {
    bumps = text ? JSON.parse(text) : undefined;
  } catch {
    bumps = undefined;
  }
  if (!Array.isArray(bumps)) {
    note('drawing in d malformed (not a packed list of bumps): default target used');
    return null;
  }
  if (bumps.length > maxBumps) {
    note(`drawing in d refused: ${bumps.length} bumps (at most ${maxBumps}): default target used`);
    return null;
  }
  const problem = checkDrawnSpec({ box, bumps: bumps as Bump[] });
  if (problem) {
    note(`drawing in d not used: ${problem}: default target used`);
    return null;
  }
  return (bumps as number[][]).map((b) => [b[0], b[1], b[2], b[3]] as const);
}

function readPanels(params: Map<string, string>, note: (s: string) => void): UrlPanel[] {
  const raw = params.get('p');
  const listed = raw === undefined ? [DEFAULT_SAMPLER] : raw.split(',').map((s) => s.trim());
  /** Position in the link's list (0-based) -> index of the panel it became, or null when it was dropped. */
  const position: (number | null)[] = [];
  const panels: { sampler: string; params: Record<string, number | boolean | string> }[] = [];
  listed.forEach((name) => {
    if (name === '') return void position.push(null);
    if (!hasOwn(SAMPLER_INFO, name)) {
      note(`unknown sampler '${quote(name)}' in p: panel removed`);
      return void position.push(null);
    }
    if (panels.length >= MAX_PANELS) {
      note(`p lists more than ${MAX_PANELS} samplers: '${quote(name)}' removed (at most ${MAX_PANELS} panels)`);
      return void position.push(null);
    }
    position.push(panels.length);
    panels.push({ sampler: name, params: Object.create(null) as Record<string, number | boolean | string> });
  });
  if (panels.length === 0) {
    note(`no known sampler in p: one ${DEFAULT_SAMPLER} panel used`);
    panels.push({ sampler: DEFAULT_SAMPLER, params: Object.create(null) as Record<string, number | boolean | string> });
  }
  for (const [key, value] of params) {
    const m = PANEL_PARAM_KEY.exec(key);
    if (!m) continue;
    const k = Number(m[1]) - 1;
    const name = m[2];
    const at = k < position.length ? position[k] : undefined;
    if (at === undefined) {
      note(`${key} ignored: there is no panel ${k + 1}`);
      continue;
    }
    if (at === null) {
      note(`${key} ignored: panel ${k + 1} was removed`);
      continue;
    }
    const panel = panels[at];
    const table = samplerParams(panel.sampler);
    if (!table || !hasOwn(table, name)) {
      note(`${key} ignored: ${SAMPLER_INFO[panel.sampler].label} has no parameter '${name}'`);
      continue;
    }
    const decl = table[name];
    const r = repairParam(key, decl, value);
    if (r.change) note(r.change);
    if (!Object.is(r.value, panelDefault(panel.sampler, name))) panel.params[name] = r.value;
  }
  panels.forEach((p, at) => checkAcross(p, position.indexOf(at) + 1, note));
  return panels.map((p) => ({ sampler: p.sampler, params: { ...p.params } }));
}

/**
 * Values valid one by one can still contradict each other (alpha = 0 with fdr on): the engine's
 * own check decides, and the parameter it names is dropped (all of the panel's, if it names none
 * of them), so a link never carries a panel that would fail.
 */
function checkAcross(panel: { sampler: string; params: Record<string, number | boolean | string> }, k: number, note: (s: string) => void): void {
  for (let tries = Object.keys(panel.params).length; tries >= 0; tries--) {
    const problem = samplerParamsProblem(panel.sampler, panel.params);
    if (problem === null) return;
    const named = /^invalid ([A-Za-z0-9]+)/.exec(problem)?.[1];
    if (named && hasOwn(panel.params, named)) {
      delete panel.params[named];
      note(`p${k}.${named} ignored: ${problem}`);
    } else {
      for (const key of Object.keys(panel.params)) delete panel.params[key];
      note(`panel ${k}: ${problem}: its parameters were reset to the defaults`);
      return;
    }
  }
}

function readView(params: Map<string, string>, mode: ViewMode, note: (s: string) => void): Experiment['view'] {
  const raw = params.get('hide');
  if (!hidesParts(mode)) {
    if (raw !== undefined) note('hide ignored (only with ui=classroom or ui=projector)');
    return { mode, hide: [] };
  }
  if (raw === undefined) return { mode, hide: [...DEFAULT_CLASSROOM_HIDE] };
  const hide: HidePart[] = [];
  for (const part of raw.split(',').map((s) => s.trim())) {
    if (part === '') continue;
    if ((HIDE_PART_NAMES as string[]).includes(part)) {
      if (!hide.includes(part as HidePart)) hide.push(part as HidePart);
    } else note(`unknown part '${quote(part)}' in hide ignored (valid: ${HIDE_PART_NAMES.join(', ')})`);
  }
  return { mode, hide };
}
