import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CSV_MAX_CHARS } from '../engine/targets/blr/csv';
import { BLR_DATA_SETS, isVendoredBlrData, setBlrDataLoader, type BlrDataText } from '../engine/targets/blr/dataSets';

/** The repository's data/ directory (vendored CSVs and reference/). */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * The runner's way to read a BLR data set: a vendored name reads data/<file> and its reference
 * data/reference/<name>.json; anything else is a CSV path (relative to the working directory),
 * read whole after a size check. Errors are one line.
 */
export function readBlrDataText(key: string): BlrDataText {
  if (isVendoredBlrData(key)) {
    const csv = readFileSync(DATA_DIR + BLR_DATA_SETS[key].file, 'utf8');
    const refPath = `${DATA_DIR}reference/${key}.json`;
    return existsSync(refPath) ? { csv, reference: JSON.parse(readFileSync(refPath, 'utf8')) as unknown } : { csv };
  }
  let size: number;
  try {
    const st = statSync(key);
    if (!st.isFile()) throw new Error(`'${key}' is not a file`);
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`cannot read data file '${key}': no such file (vendored data sets: ${Object.keys(BLR_DATA_SETS).join(', ')})`);
    throw new Error(`cannot read data file '${key}': ${(err as Error).message}`);
  }
  // Refused unread (the parser's own cap counts characters, at most one per byte).
  if (size > CSV_MAX_CHARS) throw new Error(`${key} is too big: ${(size / 1e6).toFixed(1)} MB (at most ${CSV_MAX_CHARS / 1e6} MB)`);
  return { csv: readFileSync(key, 'utf8') };
}

/** Makes the engine read BLR data sets from disk (the runner and its workers call this once). */
export function installBlrDataLoader(): void {
  setBlrDataLoader(readBlrDataText);
}
