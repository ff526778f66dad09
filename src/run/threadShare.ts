import { samplerInfo } from '../engine/samplers/catalog';

/**
 * How the page shares its cores among the panels' workers. Every panel has its own sampler
 * worker, which uses one core; an ETD panel can also split its N x P passes across kernel
 * threads (src/engine/parallel/). The cores left after one for every other panel are divided
 * evenly among the ETD panels, rounded down, at least 1 each:
 *   threads(ETD panel) = max(1, floor((cores - other panels) / ETD panels)), threads(other) = 1.
 * More than one thread needs shared memory, i.e. a cross-origin isolated page; elsewhere every
 * panel gets 1 (the single-thread path).
 */
export function shareThreads(cores: number, usesThreads: readonly boolean[]): number[] {
  const kernelPanels = usesThreads.filter(Boolean).length;
  const others = usesThreads.length - kernelPanels;
  const each = kernelPanels ? Math.max(1, Math.floor((Math.max(1, Math.floor(cores)) - others) / kernelPanels)) : 1;
  return usesThreads.map((t) => (t ? each : 1));
}

/** Whether a sampler splits its work across kernel threads (the ETD family); unknown names do not. */
export function usesKernelThreads(sampler: string | undefined): boolean {
  if (!sampler) return false;
  try {
    return samplerInfo(sampler).family === 'etd';
  } catch {
    return false;
  }
}

/** The cores this page may use for kernel threads: navigator.hardwareConcurrency when cross-origin isolated, else 1. */
export function pageCores(g: { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } } = globalThis): number {
  if (g.crossOriginIsolated !== true) return 1;
  const c = g.navigator?.hardwareConcurrency;
  return typeof c === 'number' && Number.isFinite(c) && c >= 1 ? Math.floor(c) : 1;
}

/** Each panel's threads, in panel order, for these samplers on this page. */
export const panelThreads = (samplers: readonly (string | undefined)[], cores = pageCores()): number[] => shareThreads(cores, samplers.map(usesKernelThreads));
