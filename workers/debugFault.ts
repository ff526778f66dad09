import type { DebugFault } from './samplerApi';

/** The messages of the injected faults (the page reports what it sees, e.g. the uncaught error's text). */
export const THROWN_FAULT = 'debug fault: an uncaught error thrown inside the sampler worker';

/**
 * Break this worker on purpose, right after the call has replied (browser fault tests only; the
 * page reaches it through its `#debug=faults` hook): 'close' ends the worker from inside
 * (self.close(): it never answers again), 'throw' throws an uncaught error (the page's Worker gets
 * an 'error' event), 'hang' spins forever (busy, it never answers again).
 */
export function debugFault(kind: DebugFault, scope: { close(): void }): void {
  const later = (f: () => void) => setTimeout(f, 0);
  if (kind === 'close') later(() => scope.close());
  else if (kind === 'throw')
    later(() => {
      throw new Error(THROWN_FAULT);
    });
  else if (kind === 'hang')
    later(() => {
      for (;;); // a step that never returns
    });
  else throw new Error(`invalid fault: ${String(kind)} (must be close, throw or hang)`);
}
