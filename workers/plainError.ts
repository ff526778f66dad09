/**
 * Turn anything thrown by the engine into a plain Error with a readable message, so
 * comlink can carry it to the UI (it serialises Errors as name + message + stack).
 */
export function plainError(e: unknown, context?: string): Error {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : safeString(e);
  const err = new Error(context ? `${context}: ${message}` : message || 'unknown error');
  if (e instanceof Error && e.stack) err.stack = e.stack;
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
