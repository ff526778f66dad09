import { cutInput } from './cut';
/**
 * Every tunable parameter is declared once here-style: name, type, range, default and a
 * one-sentence explanation. UI controls, the URL codec, the runner's --set flags and
 * validation are all derived from these declarations.
 */

export interface NumberParam {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Exclusive lower bound (value must be > min). */
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** Suggested UI scale. */
  readonly log?: boolean;
  /** A short human label for controls (the name is used where there is none). */
  readonly label?: string;
  readonly doc: string;
}

export interface BooleanParam {
  readonly kind: 'boolean';
  readonly default: boolean;
  readonly doc: string;
}

export interface ChoiceParam<T extends string = string> {
  readonly kind: 'choice';
  readonly options: readonly T[];
  readonly default: T;
  readonly doc: string;
}

export type ParamDecl = NumberParam | BooleanParam | ChoiceParam;
export type ParamTable = Readonly<Record<string, ParamDecl>>;

type ValueOf<D> = D extends NumberParam
  ? number
  : D extends BooleanParam
    ? boolean
    : D extends ChoiceParam<infer T>
      ? T
      : never;

/** The typed values of a parameter table. */
export type ParamValues<T extends ParamTable> = { -readonly [K in keyof T]: ValueOf<T[K]> };

export const num = (
  def: number,
  min: number,
  max: number,
  doc: string,
  extra: Partial<Pick<NumberParam, 'integer' | 'log' | 'minExclusive' | 'label'>> = {},
): NumberParam => ({ kind: 'number', default: def, min, max, doc, ...extra });

export const int = (def: number, min: number, max: number, doc: string, extra: Partial<Pick<NumberParam, 'label'>> = {}): NumberParam =>
  num(def, min, max, doc, { integer: true, ...extra });

export const bool = (def: boolean, doc: string): BooleanParam => ({ kind: 'boolean', default: def, doc });

export const choice = <const T extends string>(options: readonly T[], def: T, doc: string): ChoiceParam<T> => ({
  kind: 'choice',
  options,
  default: def,
  doc,
});

export function defaults<T extends ParamTable>(table: T): ParamValues<T> {
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(table)) out[k] = d.default;
  return out as ParamValues<T>;
}

function describeRange(d: NumberParam): string {
  const lo = `${d.minExclusive ? '>' : '>='} ${d.min}`;
  return `${d.integer ? 'an integer ' : ''}${lo} and <= ${d.max}`;
}

/** Check one value against its declaration; returns the parsed value or throws a precise message. */
export function checkParam(name: string, d: ParamDecl, raw: unknown): number | boolean | string {
  switch (d.kind) {
    case 'number': {
      const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      const ok =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (d.minExclusive ? v > d.min : v >= d.min) &&
        v <= d.max &&
        (!d.integer || Number.isInteger(v));
      if (!ok) throw new Error(`invalid ${name}: ${cutInput(String(raw))} (must be ${describeRange(d)})`);
      return v as number;
    }
    case 'boolean': {
      if (raw === true || raw === 'true' || raw === '1' || raw === 1) return true;
      if (raw === false || raw === 'false' || raw === '0' || raw === 0) return false;
      throw new Error(`invalid ${name}: ${cutInput(String(raw))} (must be true or false)`);
    }
    case 'choice': {
      if (typeof raw === 'string' && d.options.includes(raw)) return raw;
      throw new Error(`invalid ${name}: ${cutInput(String(raw))} (must be one of ${d.options.join(', ')})`);
    }
  }
}

/**
 * Merge overrides into defaults, validating each. Unknown keys are rejected with the list
 * of valid ones, so a typo never silently does nothing.
 */
export function resolveParams<T extends ParamTable>(
  table: T,
  overrides: Readonly<Record<string, unknown>> = {},
  base: Partial<ParamValues<T>> = {},
): ParamValues<T> {
  const out = { ...defaults(table), ...base } as Record<string, unknown>;
  for (const [k, raw] of Object.entries(overrides)) {
    // Own keys only: 'constructor', 'toString' or '__proto__' must not find Object.prototype.
    const d = Object.hasOwn(table, k) ? table[k] : undefined;
    if (!d) throw new Error(`unknown parameter '${cutInput(k)}' (valid: ${Object.keys(table).join(', ')})`);
    out[k] = checkParam(k, d, raw);
  }
  return out as ParamValues<T>;
}

/** A value repaired to fit its declaration, and what was changed (null when it was valid as given). */
export interface Repaired<V> {
  readonly value: V;
  readonly change: string | null;
}

const shortNumber = (v: number): string => String(Number(v.toPrecision(6)));

/**
 * Lenient reading of untrusted text (a URL): a valid value is kept; an out-of-range number is
 * clamped, a non-integer rounded; anything else (malformed, NaN, infinite, an exclusive bound)
 * becomes the default. `change` says what happened, in checkParam's words, e.g.
 * "n=999999 clamped to 5000" or "invalid eps: abc (must be ...): default 0.1 used".
 */
export function repairParam(name: string, d: ParamDecl, raw: string): Repaired<number | boolean | string> {
  try {
    return { value: checkParam(name, d, raw), change: null };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (d.kind === 'number') {
      const v = raw.trim() === '' ? NaN : Number(raw);
      if (Number.isFinite(v)) {
        let fixed = Math.min(d.max, Math.max(d.min, v));
        if (d.integer) fixed = Math.min(d.max, Math.max(Math.ceil(d.min), Math.round(fixed)));
        const ok = d.minExclusive ? fixed > d.min : fixed >= d.min;
        if (ok) {
          const how = fixed !== Math.min(d.max, Math.max(d.min, v)) && v >= d.min && v <= d.max ? 'rounded' : 'clamped';
          return { value: fixed, change: `${name}=${cutInput(raw, 60)} ${how} to ${shortNumber(fixed)}` };
        }
      }
    }
    return { value: d.default, change: `${reason}: default ${String(d.default)} used` };
  }
}
