/**
 * Experiment -> query string (without '?'), readable for the common settings:
 *   v=1&t=u3&n=250&seed=1&p=etd-ub-sg,svgd&p1.eps=0.05
 *   v=1&t=iso-gaussian&dim=50&n=100&seed=1&p=svgd
 *   v=1&lr=-1.5,-0.5,0_1.5,0.5,1&n=100&seed=1&p=etd-b   (logistic regression you can see)
 * Target, n, seed and the panels are always written; everything else only when it differs from
 * its declared default. Pure: decodeExperiment(encodeExperiment(e)) gives e back.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { DEFAULT_CLASSROOM_HIDE, hidesParts } from '../engine/experiment/viewParams';
import { panelDefault, panelParamKey, RUN_KEYS, SCALAR_KEYS, samplerParams, URL_VERSION, DEFAULT_BOX, type Experiment } from './schema';
import type { Box } from '../engine/targets/types';
import { BLR_TARGET_NAME } from '../engine/targets/targetParams';
import { encodeLrPoints } from './logisticCodec';

/** encodeURIComponent, keeping ',' readable (a sub-delimiter, safe in a query). */
const enc = (s: string): string => encodeURIComponent(s).replace(/%2C/gi, ',');
const num = (v: number): string => String(v);
const value = (v: number | boolean | string): string => (typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? num(v) : v);
const sameBox = (a: Box, b: Box) => a.xmin === b.xmin && a.xmax === b.xmax && a.ymin === b.ymin && a.ymax === b.ymax;
const boxText = (b: Box): string => [b.xmin, b.xmax, b.ymin, b.ymax].map(num).join(',');

export function encodeExperiment(e: Experiment): string {
  const out: [string, string][] = [['v', num(URL_VERSION)]];
  const t = e.target;
  if (t.kind === 'preset') {
    out.push(['t', t.name]);
    if (t.confine !== SCALAR_KEYS.conf.default) out.push(['conf', value(t.confine)]);
  } else if (t.kind === 'nd') {
    out.push(['t', t.name], ['dim', num(t.dim)]); // dim always written: the link reads as what it shows
  } else if (t.kind === 'blr') {
    out.push(['t', BLR_TARGET_NAME], ['data', t.data]); // a user's CSV: its key only (csv:<name>), never the data
  } else if (t.kind === 'formula') {
    out.push(['f', t.formula]);
    if (!sameBox(t.box, DEFAULT_BOX)) out.push(['box', boxText(t.box)]);
  } else if (t.kind === 'logistic2d') {
    out.push(['lr', encodeLrPoints(t.points)]);
  } else {
    out.push(['d', compressToEncodedURIComponent(JSON.stringify(t.bumps.map((b) => b.map(compact))))]);
    if (!sameBox(t.box, DEFAULT_BOX)) out.push(['box', boxText(t.box)]);
  }
  for (const [key, name] of Object.entries(RUN_KEYS) as [keyof typeof RUN_KEYS, (typeof RUN_KEYS)[keyof typeof RUN_KEYS]][]) {
    const v = e.run[name];
    if (key === 'n' || key === 'seed' || v !== SCALAR_KEYS[key].default) out.push([key, num(v)]);
  }
  out.push(['p', e.panels.map((p) => p.sampler).join(',')]);
  e.panels.forEach((p, i) => {
    const table = samplerParams(p.sampler);
    if (!table) return;
    for (const name of Object.keys(table)) {
      const v = p.params[name];
      if (v !== undefined && !Object.is(v, panelDefault(p.sampler, name))) out.push([panelParamKey(i, name), value(v)]);
    }
  });
  if (e.speed !== SCALAR_KEYS.speed.default) out.push(['speed', num(e.speed)]);
  if (e.view.mode !== SCALAR_KEYS.ui.default) out.push(['ui', e.view.mode]);
  if (hidesParts(e.view.mode) && e.view.hide.join(',') !== DEFAULT_CLASSROOM_HIDE.join(',')) out.push(['hide', e.view.hide.join(',')]);
  return out.map(([k, v]) => `${k}=${enc(v)}`).join('&');
}

/** Bump coordinates with at most 6 significant digits: a drawing's link stays short, its shape unchanged to the eye. */
function compact(v: number): number {
  return Number(v.toPrecision(6));
}
