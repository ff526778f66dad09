import { describe, expect, it } from 'vitest';
import type { PanelFrame, SessionRequest } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { frameBuffers } from '../../workers/session/buffers';
import { SessionHost } from '../../workers/session/host';

const N = 20;
const D = 5;
const newHost = () => new SessionHost({ startAccelerator: async () => cpuAccelerator('test') });
const request = (over: Partial<SessionRequest> = {}): SessionRequest => ({
  target: { kind: 'nd', name: 'aniso-gaussian', dim: D },
  seed: 3,
  n: N,
  panels: [{ sampler: 'gvi' }, { sampler: 'gvi-mixture', params: { C: 3 } }, { sampler: 'ula' }],
  metricsEvery: 5,
  axes: [3, 1],
  ...over,
});

/** Sample covariance (xx, xy, yy) of a frame's drawn positions (n, 2). */
function drawnCovariance(p: PanelFrame): number[] {
  const n = p.positions.length / 2;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += p.positions[2 * i] / n;
    my += p.positions[2 * i + 1] / n;
  }
  let xx = 0, xy = 0, yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = p.positions[2 * i] - mx, dy = p.positions[2 * i + 1] - my;
    xx += (dx * dx) / n;
    xy += (dx * dy) / n;
    yy += (dy * dy) / n;
  }
  return [xx, xy, yy];
}

describe('frames of Gaussian VI panels', () => {
  it("carry q's components on the drawn pair and the ELBO of every step; other panels carry neither", async () => {
    const host = newHost();
    await host.createSession(request());
    await host.step(30);
    const [gvi, mix, ula] = host.frame().panels;
    expect(gvi.gaussians!.means).toHaveLength(2);
    expect(mix.gaussians!.means).toHaveLength(6);
    expect(mix.gaussians!.covariances).toHaveLength(9);
    expect(ula.gaussians).toBeUndefined();
    expect(ula.elboHistory).toBeUndefined();
    expect(Array.from(gvi.elboHistory!.steps)).toEqual(Array.from({ length: 30 }, (_, t) => t + 1));
    expect(gvi.elboHistory!.values.elbo.every(Number.isFinite)).toBe(true);
    // The drawn particles are draws of q with the same fixed noise: their mean and covariance on
    // coordinates (3, 1) follow q's marginal there (x = coordinate 3, y = coordinate 1).
    const [qxx, qxy, qyy] = gvi.gaussians!.covariances;
    const [sxx, sxy, syy] = drawnCovariance(gvi);
    expect(sxx / qxx).toBeGreaterThan(0.5);
    expect(sxx / qxx).toBeLessThan(2);
    expect(syy / qyy).toBeGreaterThan(0.5);
    expect(syy / qyy).toBeLessThan(2);
    expect(Math.abs(sxy - qxy)).toBeLessThan(0.5 * Math.sqrt(qxx * qyy));
    expect(qxx).toBeGreaterThan(0);
    // Transferred with the frame, like every other typed array of it.
    const frame = host.frame();
    const buffers = frameBuffers(frame);
    const [f] = frame.panels;
    for (const a of [f.gaussians!.means, f.gaussians!.covariances, f.elboHistory!.steps, f.elboHistory!.values.elbo]) expect(buffers).toContain(a.buffer);
  });

  it('a new drawn pair shows the marginal of the other coordinates, q unchanged', async () => {
    const host = newHost();
    await host.createSession(request({ axes: [0, 1] }));
    await host.step(5);
    const before = host.frame().panels[0].gaussians!;
    host.setAxes(1, 0);
    const after = host.frame().panels[0].gaussians!;
    expect(after.means[0]).toBe(before.means[1]);
    expect(after.means[1]).toBe(before.means[0]);
    expect(Array.from(after.covariances)).toEqual([before.covariances[2], before.covariances[1], before.covariances[0]]);
  });
});
