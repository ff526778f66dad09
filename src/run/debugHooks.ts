/**
 * Fault injection for the browser tests, on the page only when its URL has `#debug=faults` (in
 * the hash, so the experiment's URL codec never sees it): window.__etdFaults.inject(panel, kind)
 * terminates panel `panel`'s worker from the page (kind 'terminate', the driver is not told) or
 * makes it close itself, throw an uncaught error or hang ('close', 'throw', 'hang');
 * window.__etdFaults.log() lists when workers were started and terminated (performance.now()).
 */
import type { DebugFault } from '../../workers/samplerApi';
import type { PanelPool } from './panelPool';
import type { PanelWorker } from './workerClient';

export type WorkerEvent = { readonly at: number; readonly event: 'started' | 'terminated'; readonly worker: number };

/** Records worker starts and ends once enabled (nothing otherwise). */
export class WorkerLog {
  private enabled = false;
  private count = 0;
  readonly events: WorkerEvent[] = [];

  enable(): void {
    this.enabled = true;
  }

  /** The same worker, its start and terminate() recorded when enabled. */
  track(w: PanelWorker): PanelWorker {
    if (!this.enabled) return w;
    const worker = ++this.count;
    this.events.push({ at: performance.now(), event: 'started', worker });
    return {
      api: w.api,
      dead: w.dead,
      terminate: () => {
        this.events.push({ at: performance.now(), event: 'terminated', worker });
        w.terminate();
      },
    };
  }
}

export const faultsRequested = (hash: string): boolean => new URLSearchParams(hash.replace(/^#/, '')).get('debug') === 'faults';

/** Expose window.__etdFaults when the URL's hash asks for it. */
export function installDebugHooks(pool: PanelPool, log: WorkerLog, hash = location.hash): void {
  if (!faultsRequested(hash)) return;
  log.enable();
  (window as unknown as { __etdFaults?: unknown }).__etdFaults = {
    inject: (panel: number, kind: DebugFault | 'terminate') => pool.debugFault(panel, kind),
    log: () => log.events.slice(),
  };
}
