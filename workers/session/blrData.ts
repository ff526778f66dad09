/**
 * The logistic-regression data a sampler worker runs on. The vendored sets (data/*.csv and their
 * reference posteriors data/reference/*.json) are bundled by Vite as lazily loaded text modules
 * (import.meta.glob with ?raw): fetched from the site's own origin under its base path only when a
 * BLR target is first used, and precached for offline use like every other script. A user's CSV
 * comes with the session request (the page read it locally), with the reference the page
 * computed for it, if any. Each worker keeps what it parsed, so a restart does not parse again.
 */
import { BLR_DATA_SETS, blrDataFromText, isUserCsvKey, isVendoredBlrData, type BlrData, type BlrDataSetName } from '../../src/engine/targets/blr/dataSets';
import { referenceMismatch, type BlrReference } from '../../src/engine/targets/blr/reference';

/** What a session request carries for a user's CSV: its text and, once computed, its reference posterior. */
export interface BlrDataPayload {
  readonly csv: string;
  readonly reference?: BlrReference;
}

type TextLoaders = Record<string, () => Promise<string>>;
const CSV_FILES = import.meta.glob('../../data/*.csv', { query: '?raw', import: 'default' }) as TextLoaders;
const REFERENCE_FILES = import.meta.glob('../../data/reference/*.json', { query: '?raw', import: 'default' }) as TextLoaders;

/** The vendored set's CSV and parsed reference fixture, read from the bundle. */
export async function vendoredBlrText(name: BlrDataSetName): Promise<{ csv: string; reference: unknown }> {
  const csvLoad = CSV_FILES[`../../data/${BLR_DATA_SETS[name].file}`];
  const refLoad = REFERENCE_FILES[`../../data/reference/${name}.json`];
  if (!csvLoad || !refLoad) throw new Error(`data set '${name}' is not in this build`);
  const [csv, ref] = await Promise.all([csvLoad(), refLoad()]);
  return { csv, reference: JSON.parse(ref) as unknown };
}

const vendored = new Map<string, Promise<BlrData>>();
let user: { key: string; csv: string; data: BlrData } | null = null;

/**
 * The data set of a session's target: a vendored set by name (loaded once per worker), or a
 * user's CSV from the request's payload (parsed again only when its text changed). Errors are
 * one line, prefixed 'data: '.
 */
export async function sessionBlrData(key: string, payload: BlrDataPayload | undefined): Promise<BlrData> {
  try {
    if (isVendoredBlrData(key)) {
      let hit = vendored.get(key);
      if (!hit) {
        hit = vendoredBlrText(key).then((text) => blrDataFromText(key, text));
        vendored.set(key, hit);
        hit.catch(() => vendored.delete(key)); // a failed load is tried again next time
      }
      return await hit;
    }
    if (!isUserCsvKey(key)) throw new Error(`unknown data set '${key}' (vendored: ${Object.keys(BLR_DATA_SETS).join(', ')}, or csv:<file name>)`);
    if (!payload || typeof payload.csv !== 'string')
      throw new Error(`the CSV '${key.slice(4)}' was not sent with the request (its data are never in a link: choose the file again)`);
    if (!user || user.key !== key || user.csv !== payload.csv) user = { key, csv: payload.csv, data: blrDataFromText(key, { csv: payload.csv }) };
    const { problem } = user.data;
    if (!payload.reference) return { problem, reference: null };
    const mismatch = referenceMismatch(payload.reference, problem);
    if (mismatch) throw new Error(`${key}: ${mismatch}`);
    return { problem, reference: payload.reference };
  } catch (e) {
    throw new Error(`data: ${e instanceof Error ? e.message : String(e)}`);
  }
}
