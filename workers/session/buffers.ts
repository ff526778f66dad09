import type { CouplingRow, SessionFrame } from '../samplerApi';

/** Every buffer of a frame, once each, for a transfer list (each array owns its buffer). */
export function frameBuffers(frame: SessionFrame): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined) => {
    if (a) out.add(a.buffer as ArrayBuffer);
  };
  {
    const p = frame.panel;
    add(p.positions);
    add(p.coordinates);
    add(p.trails);
    add(p.plan?.logValues);
    add(p.plan?.rowOrder);
    add(p.metricHistory?.steps);
    for (const v of Object.values(p.metricHistory?.values ?? {})) add(v);
    add(p.gaussians?.means);
    add(p.gaussians?.covariances);
    add(p.elboHistory?.steps);
    for (const v of Object.values(p.elboHistory?.values ?? {})) add(v);
  }
  return [...out];
}

export function couplingRowBuffers(row: CouplingRow): ArrayBuffer[] {
  return [row.proposals.buffer as ArrayBuffer, row.weights.buffer as ArrayBuffer, row.topK.buffer as ArrayBuffer];
}
