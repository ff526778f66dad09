/**
 * Fault injection for the lab's browser tests, on the page only when its URL's hash has
 * `debug=faults` (as for the sampler panels, src/run/debugHooks.ts): window.__etdLab.inject(site,
 * kind) breaks the running worker of a lab site ('lab Sinkhorn', 'lab learner', 'lab compare
 * Sinkhorn', 'lab compare learner') right after it replies ('close', 'throw', 'hang'), or ends it
 * unseen ('terminate'); window.__etdLab.live() counts the supervised workers alive per site;
 * window.__etdLab.pick(x, y) picks the source point nearest to (x, y) as a click there would.
 */
import type { DebugFault } from '../../../workers/samplerApi';
import { faultsRequested } from '../debugHooks';
import { useLabStore } from '../../store/labStore';
import { supervisorLog } from '../supervisor';
import type { LabSolver } from './labSolver';
import { labSupervisors } from './labWorkers';

export function installLabDebugHooks(solver: LabSolver, hash = location.hash): void {
  if (!faultsRequested(hash)) return;
  (window as unknown as { __etdLab?: unknown }).__etdLab = {
    inject: async (site: string, kind: DebugFault): Promise<boolean> => {
      const sup = labSupervisors.get(site);
      if (!sup || !sup.running) return false;
      await sup.api.debugFault(kind);
      return true;
    },
    log: () => supervisorLog.events.slice(),
    live: () => Object.fromEntries(Object.entries(supervisorLog.live()).filter(([site]) => site.startsWith('lab'))), // the lab's sites only (the sampler panels' workers live on)
    pick: (x: number, y: number) => solver.pick(x, y),
    /** The picked point's index and each model's sampled point index and energy distance. */
    numbers: () => {
      const s = useLabStore.getState();
      const m = (k: 'vareot' | 'lightsb') => s.learn.samples[k] && { i: s.learn.samples[k].i, ed: s.learn.samples[k].energyDistance };
      return { i: s.picked?.i ?? null, floor: s.picked?.floor.floor ?? null, vareot: m('vareot'), lightsb: m('lightsb') };
    },
  };
}
