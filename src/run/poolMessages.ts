/**
 * What the pool says about its panels' workers: an error named after the page's panel number, and
 * one backend for the top bar from every panel's.
 */
import { SPEC_ERROR, type BackendInfo } from '../../workers/samplerApi';
import { Superseded } from './requests';

/** A worker's error as the page says it: about panel index + 1 (a superseded request stays as it is). */
export function onPanel(e: unknown, index: number): Error {
  if (e instanceof Superseded) return e;
  return new Error(`panel ${index + 1}: ${e instanceof Error ? e.message : String(e)}`);
}

/** A failed session: an error about its sampler spec names the panel; one about the target or cloud (the same for every panel) does not. */
export function sessionError(e: unknown, index: number): Error {
  return e instanceof Error && e.name === SPEC_ERROR ? onPanel(e, index) : e instanceof Error ? e : new Error(String(e));
}

/** One backend for the top bar: the common one, or the first panel that fell back to the CPU. */
export function mergeBackends(backends: readonly (BackendInfo | undefined)[]): BackendInfo | undefined {
  const known = backends.filter((b): b is BackendInfo => !!b);
  // The same backend everywhere: the panel using the most kernel threads says how it runs.
  if (known.every((b) => b.name === known[0].name)) return known.reduce((a, b) => ((b.threads ?? 1) > (a.threads ?? 1) ? b : a), known[0]);
  const i = backends.findIndex((b) => b?.name === 'cpu');
  return { name: 'cpu', reason: `panel ${i + 1}: ${backends[i]!.reason}` };
}

