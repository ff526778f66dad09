/**
 * Reading a labelled data table from CSV text: a pure function (no files, no DOM), so the runner
 * in Node and the page in the browser read a user's file the same way.
 *
 * Accepted: comma, semicolon or tab separated (taken from the first line), double-quoted fields,
 * CRLF or LF line ends, a UTF-8 byte-order mark, blank lines (skipped). The header is optional:
 * the first row is a header when one of its feature cells is not a number, or when a cell is
 * named `label`. The labels are the column named `label` (any case) when there is one, else the
 * last column. Every problem is one line naming the row and the column.
 */
import { ND_DIM_MAX, ND_DIM_MIN } from '../nd/dims';

/** Largest CSV text accepted, in characters (about 5 MB). */
export const CSV_MAX_CHARS = 5_000_000;
/** Most data rows accepted: every step evaluates log pi on thousands of points, each a pass over the rows. */
export const CSV_MAX_ROWS = 10_000;
/** Fewest data rows accepted (an 80/20 split must leave rows of both classes on each side). */
export const CSV_MIN_ROWS = 10;
/** Fewest rows of each class. */
export const CSV_MIN_PER_CLASS = 2;

/** A problem with the CSV text: its message is one line, fit to print as is. */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** A data table with 0/1 labels. */
export interface LabelledTable {
  /** Feature column names (from the header, or x1..xd without one). (d) */
  readonly features: readonly string[];
  /** Features, row-major. (n, d) */
  readonly x: Float64Array;
  /** Labels 0 or 1. (n) */
  readonly y: Uint8Array;
  readonly rows: number;
  readonly dim: number;
  /** Name of the label column (its header, or `column k` without a header). */
  readonly labelColumn: string;
  /** The label text read as 0 and as 1, in that order. */
  readonly classes: readonly [string, string];
  readonly hasHeader: boolean;
  /** How the labels were read, for the user: e.g. "labels -1 -> 0, 1 -> 1". Empty when they were already 0/1. */
  readonly notes: readonly string[];
}

export interface CsvOptions {
  /** Name shown in messages (a file name); default "the CSV". */
  readonly source?: string;
}

const isNumberText = (s: string): boolean => s.trim() !== '' && Number.isFinite(Number(s));
const show = (s: string): string => (s.length > 30 ? `'${s.slice(0, 27)}...'` : `'${s}'`);

/** Splits text into rows of fields (double quotes may wrap a field, "" inside is a quote). Blank lines are dropped. */
function splitRows(text: string, sep: string, source: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let any = false; // the current row has content (a blank line has none)
  const endRow = () => {
    fields.push(field);
    if (any || fields.length > 1) rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
      any = true;
    } else if (c === sep) {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
      if (c !== ' ' && c !== '\t') any = true;
    }
  }
  if (quoted) throw new CsvError(`${source}: a quoted field opened on line ${rowLine} is never closed`);
  endRow();
  return rows;
}

/** The separator of the first line: comma, else semicolon, else tab (a single column has none). */
function detectSeparator(text: string): string {
  const nl = text.search(/[\r\n]/);
  const first = nl < 0 ? text : text.slice(0, nl);
  for (const sep of [',', ';', '\t']) if (first.includes(sep)) return sep;
  return ',';
}

/**
 * Labels to 0/1. Already 0/1: kept. Two numbers a < b: a -> 0, b -> 1 (e.g. -1/1, 1/2). Two texts
 * (or a mix): in sorted order, the first -> 0 (e.g. bad/good, no/yes, false/true).
 */
function labelCoding(values: readonly string[], labelColumn: string, source: string): { classes: [string, string]; note: string | null } {
  const distinct = [...new Set(values)];
  if (distinct.length !== 2) {
    const list = distinct.slice(0, 5).map(show).join(', ') + (distinct.length > 5 ? ', ...' : '');
    throw new CsvError(
      `${source}: the labels (column ${labelColumn}) must take exactly two values, found ${distinct.length}${distinct.length ? ` (${list})` : ''}`,
    );
  }
  const numeric = distinct.every(isNumberText);
  const sorted = numeric ? [...distinct].sort((a, b) => Number(a) - Number(b)) : [...distinct].sort();
  const classes: [string, string] = [sorted[0], sorted[1]];
  const already = numeric && Number(classes[0]) === 0 && Number(classes[1]) === 1;
  return {
    classes,
    note: already ? null : `labels read as ${show(classes[0])} -> 0 and ${show(classes[1])} -> 1 (${numeric ? 'the smaller number is 0' : 'in alphabetical order'})`,
  };
}

/**
 * Parses CSV text into a labelled table, or throws a CsvError with one line: the file is too
 * big or empty, rows are ragged, a cell is not a number (row and column named), labels are
 * missing or not exactly two classes, too few rows (or rows of a class), too many or too few
 * feature columns for the dimension limits (ND_DIM_MIN..ND_DIM_MAX).
 */
export function parseLabelledCsv(text: string, opts: CsvOptions = {}): LabelledTable {
  const source = opts.source ?? 'the CSV';
  if (text.length > CSV_MAX_CHARS)
    throw new CsvError(`${source} is too big: ${(text.length / 1e6).toFixed(1)} MB of text (at most ${CSV_MAX_CHARS / 1e6} MB)`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sep = detectSeparator(text);
  const rows = splitRows(text, sep, source);
  if (rows.length === 0) throw new CsvError(`${source} is empty`);

  const width = rows[0].fields.length;
  if (width < 2) throw new CsvError(`${source} has one column: it needs feature columns and a label column (the last one, or one named 'label')`);
  for (const r of rows) {
    if (r.fields.length !== width)
      throw new CsvError(`${source}: line ${r.line} has ${r.fields.length} fields, the first line has ${width} (every row must have the same number of fields)`);
  }

  const first = rows[0].fields.map((f) => f.trim());
  const named = first.findIndex((f) => f.toLowerCase() === 'label');
  const labelGuess = named >= 0 ? named : width - 1;
  const hasHeader = named >= 0 || first.some((f, k) => k !== labelGuess && !isNumberText(f));
  const labelIndex = hasHeader ? labelGuess : width - 1;
  const header = hasHeader ? first : null;
  const data = hasHeader ? rows.slice(1) : rows;
  const colName = (k: number) => (header ? `'${header[k] || `column ${k + 1}`}' (column ${k + 1})` : `${k + 1}`);
  const labelColumn = colName(labelIndex);

  const d = width - 1;
  if (d > ND_DIM_MAX)
    throw new CsvError(`${source} has ${d} feature columns: at most ${ND_DIM_MAX} (one weight per feature, and the engine's limit is d = ${ND_DIM_MAX})`);
  if (d < ND_DIM_MIN) throw new CsvError(`${source} has ${d} feature column: at least ${ND_DIM_MIN} are needed`);
  if (data.length > CSV_MAX_ROWS) throw new CsvError(`${source} has ${data.length} data rows: at most ${CSV_MAX_ROWS}`);
  if (data.length < CSV_MIN_ROWS) throw new CsvError(`${source} has ${data.length} data row${data.length === 1 ? '' : 's'}: at least ${CSV_MIN_ROWS} are needed`);

  const n = data.length;
  const x = new Float64Array(n * d);
  const labels: string[] = new Array(n);
  const featureCols = Array.from({ length: width }, (_, k) => k).filter((k) => k !== labelIndex);
  for (let i = 0; i < n; i++) {
    const { fields, line } = data[i];
    const label = fields[labelIndex].trim();
    if (label === '') throw new CsvError(`${source}: line ${line} has no label (column ${labelColumn} is empty)`);
    labels[i] = label;
    for (let k = 0; k < d; k++) {
      const col = featureCols[k];
      const cell = fields[col].trim();
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v))
        throw new CsvError(`${source}: line ${line}, column ${colName(col)}: ${cell === '' ? 'empty cell' : `${show(cell)} is not a number`}`);
      x[i * d + k] = v;
    }
  }
  const { classes, note } = labelCoding(labels, labelColumn, source);
  const y = Uint8Array.from(labels, (l) => (l === classes[1] ? 1 : 0));
  let ones = 0;
  for (let i = 0; i < n; i++) ones += y[i];
  const fewest = Math.min(ones, n - ones);
  if (fewest < CSV_MIN_PER_CLASS)
    throw new CsvError(`${source}: class ${show(ones < n - ones ? classes[1] : classes[0])} has ${fewest} row${fewest === 1 ? '' : 's'}: each class needs at least ${CSV_MIN_PER_CLASS}`);

  const features = featureCols.map((k) => (header ? header[k] || `x${k + 1}` : `x${k + 1}`));
  return {
    features,
    x,
    y,
    rows: n,
    dim: d,
    labelColumn,
    classes,
    hasHeader,
    notes: note ? [note] : [],
  };
}
