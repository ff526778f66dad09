/**
 * The lab in the link: view=lab plus the lab's keys, each declared once in LAB_URL_KEYS (the
 * lab's own declarations, LAB_PARAMS), e.g.
 *   v=1&view=lab&src=gaussian&tgt=swiss-roll&eps=0.1&ns=500&nt=500
 * Read leniently like every key (decode.ts): a bad value is repaired or defaulted with a notice.
 * Drawn clouds are not in the link (a notice says so when src or tgt is 'drawn').
 */
import { choice, repairParam, type ParamDecl } from '../engine/params/declare';
import { defaultLabConfig, LAB_KEYS, LAB_PARAMS, type LabConfig } from '../engine/lab/labParams';
import type { PageView } from '../store/labStore';

export const VIEW_PARAM = choice(['sampler', 'lab'] as const, 'sampler', 'Which view the page opens: the sampler panels or the entropic-transport lab.');

export const LAB_URL_KEYS = { view: VIEW_PARAM, ...LAB_PARAMS } as const satisfies Record<string, ParamDecl>;
export type LabUrlKey = keyof typeof LAB_URL_KEYS;


export const isLabKey = (key: string): boolean => Object.prototype.hasOwnProperty.call(LAB_URL_KEYS, key);

export interface DecodedLab {
  readonly view: PageView;
  readonly config: LabConfig;
  readonly notices: readonly string[];
}

export function decodeLab(query: string): DecodedLab {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const notices: string[] = [];
  const read = <K extends LabUrlKey>(key: K): (typeof LAB_URL_KEYS)[K]['default'] | undefined => {
    const raw = params.get(key);
    if (raw === null) return undefined;
    const r = repairParam(key, LAB_URL_KEYS[key], raw);
    if (r.change) notices.push(r.change);
    return r.value as (typeof LAB_URL_KEYS)[K]['default'];
  };
  const view = read('view') ?? VIEW_PARAM.default;
  const d = defaultLabConfig();
  const config = Object.fromEntries(LAB_KEYS.map((k) => [k, read(k) ?? d[k]])) as LabConfig;
  if (view !== 'lab' && LAB_KEYS.some((k) => params.has(k))) notices.push('lab settings ignored (only with view=lab)');
  for (const side of ['src', 'tgt'] as const)
    if (view === 'lab' && config[side] === 'drawn') notices.push(`${side}=drawn: drawn points are not kept in links; click on the lab's plot to draw them`);
  return { view, config, notices };
}

/** The lab's part of a query (without '?'): view=lab, then every setting that differs from its default, src and tgt always. */
export function encodeLab(config: LabConfig): string {
  const d = defaultLabConfig();
  const out: string[] = ['view=lab'];
  for (const key of LAB_KEYS) {
    const v = config[key];
    if (key === 'src' || key === 'tgt' || v !== d[key]) out.push(`${key}=${encodeURIComponent(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}`);
  }
  return out.join('&');
}
