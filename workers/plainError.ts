import { SPEC_ERROR } from './samplerApi';

/**
 * Turn anything thrown by the engine into a plain Error with a readable message, so
 * comlink can carry it to the UI (it serialises Errors as name + message + stack). An error
 * about the sampler spec keeps its name (SPEC_ERROR).
 */
export function plainError(e: unknown, context?: string): Error {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : safeString(e);
  const err = new Error(context ? `${context}: ${message}` : message || 'unknown error');
  if (e instanceof Error && e.stack) err.stack = e.stack;
  if (e instanceof Error && e.name === SPEC_ERROR) err.name = SPEC_ERROR;
  return err;
}

/** An error about the sampler spec (see SPEC_ERROR). */
export function specError(e: unknown): Error {
  const err = new Error(e instanceof Error ? e.message : String(e));
  err.name = SPEC_ERROR;
  return err;
}

function safeString(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Run fn (sync or async) and reject with a plain Error on any failure. */
export async function guardedAsync<T>(fn: () => T | Promise<T>, context?: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw plainError(e, context);
  }
}
