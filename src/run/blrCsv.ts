/**
 * A user's CSV for the logistic-regression target, read on this page: FileReader reads the file
 * locally (nothing is uploaded), the engine's reader checks it (src/engine/targets/blr/csv.ts),
 * and the result is what the store keeps and the sampler workers get (the text, never a link).
 * Every problem is one line for one notice; the running target is left alone.
 */
import { blrDataFromText, userCsvKey, USER_CSV_PREFIX } from '../engine/targets/blr/dataSets';
import { CSV_MAX_CHARS } from '../engine/targets/blr/csv';
import { blrSummary } from '../engine/targets/blr/target';
import type { BlrCsvFile } from '../store';

export type CsvRead = { readonly ok: true; readonly file: Omit<BlrCsvFile, 'reference'> } | { readonly ok: false; readonly message: string };

/** Check CSV text as the engine will read it: the file's key, size, rows, dimension and notes, or the one-line problem. */
export function checkBlrCsv(fileName: string, text: string): CsvRead {
  const key = userCsvKey(fileName);
  const name = key.slice(USER_CSV_PREFIX.length);
  try {
    const data = blrDataFromText(key, { csv: text });
    // blrSummary's last line says whether there is a reference: the page shows that itself, and it changes.
    const notes = blrSummary(data).slice(0, -1).map((line) => (line.startsWith(`${key}:`) ? `${name}:${line.slice(key.length + 1)}` : line));
    return { ok: true, file: { key, name, csv: text, rows: data.problem.yTrain.length + data.problem.yTest.length, dim: data.problem.dim, notes } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, message: message.startsWith(name) ? message : `${name}: ${message}` };
  }
}

/** Read a chosen file (FileReader, local) and check it; a file over the engine's size limit is refused before reading. */
export function readBlrCsvFile(file: File): Promise<CsvRead> {
  // Characters <= bytes in UTF-8, so a file of at most CSV_MAX_CHARS bytes always fits; a larger one could only be multi-byte text.
  if (file.size > 4 * CSV_MAX_CHARS)
    return Promise.resolve({ ok: false, message: `${file.name} is ${(file.size / 1e6).toFixed(1)} MB: at most ${CSV_MAX_CHARS / 1e6} MB of CSV text` });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(checkBlrCsv(file.name, typeof reader.result === 'string' ? reader.result : ''));
    reader.onerror = () => resolve({ ok: false, message: `${file.name} could not be read (${reader.error?.message ?? 'unknown error'})` });
    reader.readAsText(file);
  });
}
