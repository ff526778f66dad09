/**
 * The BLR data sets a target spec can name: the vendored sets (data/, with reference posteriors
 * in data/reference/) and data sets provided at run time (a user's CSV). The engine reads no
 * files: each environment gives the text. The runner installs a loader that reads data/ and the
 * user's file (src/cli/blrData.ts); the page provides the vendored files and a CSV it read
 * locally with provideBlrData.
 */
import { keysOf } from '../../lookup';
import { parseLabelledCsv } from './csv';
import { createBlrProblem, type BlrProblem } from './problem';
import { parseBlrReference, referenceMismatch, type BlrReference } from './reference';

/** The vendored data sets: file names under data/, labels, size (rows x feature columns kept), one-sentence docs and sources (for menus). */
export const BLR_DATA_SETS = {
  'breast-cancer': {
    file: 'breast_cancer.csv',
    label: 'Breast cancer (d = 30)',
    rows: 569,
    features: 30,
    doc: 'Wisconsin diagnostic breast cancer: 569 tumours, 30 nucleus measurements, benign (1) or malignant (0).',
    source: 'Wolberg, Street and Mangasarian (UCI, CC BY 4.0), the copy in scikit-learn',
  },
  sonar: {
    file: 'sonar.csv',
    label: 'Sonar (d = 60)',
    rows: 208,
    features: 60,
    doc: 'Sonar returns: 208 signals, 60 band energies, mine (1) or rock (0).',
    source: 'Gorman and Sejnowski (UCI, CC BY 4.0), the copy in the R package mlbench',
  },
  ionosphere: {
    file: 'ionosphere.csv',
    label: 'Ionosphere (d = 33)',
    rows: 351,
    features: 33,
    doc: 'Radar returns from the ionosphere: 351 signals, 33 attributes (one constant column left out), good (1) or bad (0).',
    source: 'Johns Hopkins University Applied Physics Laboratory, Sigillito (UCI, CC BY 4.0), the copy in the R package mlbench',
  },
} as const;

export type BlrDataSetName = keyof typeof BLR_DATA_SETS;
export const BLR_DATA_SET_NAMES: readonly BlrDataSetName[] = keysOf(BLR_DATA_SETS);
export const isVendoredBlrData = (name: string): name is BlrDataSetName => Object.prototype.hasOwnProperty.call(BLR_DATA_SETS, name);

/**
 * The page's key for a user's CSV: 'csv:' and the file's name. A link holds this key, never the
 * data, so a page that opens it must ask for the file (the runner's key is the file's path).
 */
export const USER_CSV_PREFIX = 'csv:';
/** Longest file name a key keeps (longer names are cut, so a link stays short). */
export const USER_CSV_NAME_MAX = 80;
export const userCsvKey = (fileName: string): string => `${USER_CSV_PREFIX}${fileName.slice(0, USER_CSV_NAME_MAX)}`;
export const isUserCsvKey = (key: string): boolean => key.startsWith(USER_CSV_PREFIX) && key.length > USER_CSV_PREFIX.length;
/** The file name in a user key (the key itself for any other). */
export const userCsvName = (key: string): string => (isUserCsvKey(key) ? key.slice(USER_CSV_PREFIX.length) : key);

/** The text of a data set: its CSV and, when there is one, its reference fixture (parsed JSON). */
export interface BlrDataText {
  readonly csv: string;
  readonly reference?: unknown;
}

/** A loaded data set: the problem and its reference (null without one). */
export interface BlrData {
  readonly problem: BlrProblem;
  readonly reference: BlrReference | null;
}

const loaded = new Map<string, BlrData>();
let loader: ((key: string) => BlrDataText) | null = null;

/** Builds a data set from its text: CSV errors are one line (CsvError); a reference that does not fit is an error. */
export function blrDataFromText(key: string, text: BlrDataText): BlrData {
  const source = isVendoredBlrData(key) ? BLR_DATA_SETS[key].file : userCsvName(key);
  const problem = createBlrProblem(key, parseLabelledCsv(text.csv, { source }));
  let reference: BlrReference | null = null;
  if (text.reference !== undefined) {
    reference = parseBlrReference(text.reference);
    const mismatch = referenceMismatch(reference, problem);
    if (mismatch) throw new Error(`${key}: ${mismatch}`);
  }
  return { problem, reference };
}

/** Registers a data set under a key (a vendored name, or a name for a user's file), replacing any earlier one. */
export function provideBlrData(key: string, text: BlrDataText): BlrData {
  const data = blrDataFromText(key, text);
  loaded.set(key, data);
  return data;
}

/** Registers an already built data set (e.g. with a reference computed later by buildBlrReference). */
export function provideBlrDataBuilt(key: string, data: BlrData): void {
  loaded.set(key, data);
}

/** Installs the function that reads a data set's text on first use (the runner's reads files). */
export function setBlrDataLoader(fn: ((key: string) => BlrDataText) | null): void {
  loader = fn;
}

/** The data set under key: registered, or read by the loader (then kept), or an error saying it is not available. */
export function blrData(key: string): BlrData {
  const hit = loaded.get(key);
  if (hit) return hit;
  if (!loader) throw new Error(`data set '${key}' is not loaded (vendored: ${BLR_DATA_SET_NAMES.join(', ')}; a CSV must be read first)`);
  return provideBlrData(key, loader(key));
}
