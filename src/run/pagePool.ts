/**
 * The page's panel pool: one sampler worker per panel. The run controller drives it; the plan
 * views ask it for coupling rows (each from its panel's own worker).
 */
import type { CouplingLines, CouplingRow, FrameOptions, ViParameters } from '../../workers/samplerApi';
import { useAppStore } from '../store';
import { installDebugHooks, WorkerLog } from './debugHooks';
import { framesNeed } from './frameNeeds';
import { PanelPool } from './panelPool';
import { createPanelWorker } from './workerClient';

/** While fast-forwarding nothing is drawn: frames carry positions and diagnostics only. */
export const LIGHT_FRAME: FrameOptions = { trails: false, plan: false, history: false };

/** The frame parts the mounted views need (light ones while fast-forwarding). */
function frameOptions(): FrameOptions {
  const { fastForward, playing } = useAppStore.getState();
  if (fastForward && playing) return LIGHT_FRAME;
  return { trails: true, plan: framesNeed('plan'), history: framesNeed('history') };
}

const listeners = new Set<() => void>();

/** Worker starts and ends, recorded only for the fault tests (`#debug=faults`). */
const workerLog = new WorkerLog();

export const pagePool = new PanelPool(() => workerLog.track(createPanelWorker()), { frameOptions, onChange: () => listeners.forEach((f) => f()) });

/** The fault-injection hook of the browser tests, when the URL's hash has debug=faults. */
export const installFaultHooks = (): void => installDebugHooks(pagePool, workerLog);

/** Be told when any panel's frame, run state, busy flag or crash changed; returns the unsubscribe. */
export function onPoolChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** A row of the last plan of panel `panel` (page order), from that panel's worker. */
export const couplingRow = (panel: number, particle: number): Promise<CouplingRow> => pagePool.couplingRow(panel, particle);

/** The coupling lines of panel `panel`'s last plan, in one call to its worker. */
export const couplingLines = (panel: number, top: number, maxParticles: number): Promise<CouplingLines> => pagePool.couplingLines(panel, top, maxParticles);

/** The q of variational panel `panel` (every coordinate), from its worker. */
export const viParameters = (panel: number): Promise<ViParameters> => pagePool.ask(panel, (api) => api.viParameters());
