/**
 * The sampler worker: a thin comlink wrapper around SessionHost (workers/session/), which owns
 * all sampler state. Every typed array in a reply is transferred; engine errors go back as
 * plain Errors with a readable message.
 */
import { expose, transfer } from 'comlink';
import { debugFault } from './debugFault';
import { guardedAsync } from './plainError';
import type { SamplerApi } from './samplerApi';
import { couplingRowBuffers, frameBuffers } from './session/buffers';
import { SessionHost } from './session/host';
import { stageRecordBuffers } from './session/stageRecord';

const host = new SessionHost();

const api: SamplerApi = {
  createSession: (req) =>
    guardedAsync(async () => {
      const info = await host.createSession(req);
      return transfer(info, [info.heatmap.values.buffer]);
    }),
  step: (k) => guardedAsync(() => host.step(k)),
  frame: (opts) =>
    guardedAsync(() => {
      const frame = host.frame(opts);
      return transfer(frame, frameBuffers(frame));
    }),
  couplingRow: (particle) =>
    guardedAsync(() => {
      const row = host.couplingRow(particle);
      return transfer(row, couplingRowBuffers(row));
    }),
  couplingLines: (top, maxParticles) =>
    guardedAsync(() => {
      const l = host.couplingLines(top, maxParticles);
      return transfer(l, [l.particles.buffer, l.sources.buffer, l.destinations.buffer, l.weights.buffer] as ArrayBuffer[]);
    }),
  stages: (particle) =>
    guardedAsync(async () => {
      const r = await host.stages(particle);
      return transfer(r, stageRecordBuffers(r));
    }),
  viParameters: () => guardedAsync(() => host.viParameters()),
  setPanel: (spec) => guardedAsync(() => host.setPanel(spec)),
  setAxes: (i, j) =>
    guardedAsync(() => {
      const view = host.setAxes(i, j);
      return transfer(view, [view.heatmap.values.buffer]);
    }),
  run: (opts) => guardedAsync(() => host.run(opts)),
  pause: () => guardedAsync(() => host.pause()),
  runState: () => guardedAsync(() => host.runState()),
  reset: () => guardedAsync(() => host.reset()),
  setThreads: (k) => guardedAsync(async () => (await host.setThreads(k)) ?? { name: 'cpu', reason: 'no session yet' }),
  dispose: () => guardedAsync(() => host.dispose()),
  debugFault: (kind) => guardedAsync(() => debugFault(kind, self)),
};

expose(api);
