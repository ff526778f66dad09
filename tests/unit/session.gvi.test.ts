import { describe, expect, it } from 'vitest';
import type { PanelFrame, SessionRequest } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { frameBuffers } from '../../workers/session/buffers';
import { SessionHost } from '../../workers/session/host';
import { ELBO_WINDOW, ElboWindow } from '../../workers/session/elboWindow';

const N = 20;
const D = 5;
const newHost = () => new SessionHost({ startAccelerator: async () => cpuAccelerator('test') });
const request = (over: Partial<SessionRequest> = {}): SessionRequest => ({
  target: { kind: 'nd', name: 'aniso-gaussian', dim: D },
  seed: 3,
  n: N,
  panel: { sampler: 'gvi' },
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
    const specs = [{ sampler: 'gvi' }, { sampler: 'gvi-mixture', params: { C: 3 } }, { sampler: 'ula' }];
    const hosts = specs.map(newHost);
    for (const [k, h] of hosts.entries()) {
      await h.createSession(request({ panel: specs[k] }));
      await h.step(30);
    }
    const host = hosts[0];
    const [gvi, mix, ula] = hosts.map((h) => h.frame().panel);
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
    const f = frame.panel;
    for (const a of [f.gaussians!.means, f.gaussians!.covariances, f.elboHistory!.steps, f.elboHistory!.values.elbo]) expect(buffers).toContain(a.buffer);
  });

  it('one ELBO: the status line, the chart and the metric rows hold the same 20-step mean', async () => {
    const host = newHost();
    await host.createSession(request({ panel: { sampler: 'gvi' } }));
    for (let t = 0; t < 25; t++) {
      await host.step(1);
      const f = host.frame().panel;
      const h = f.elboHistory!;
      expect(h.steps[h.steps.length - 1]).toBe(t + 1);
      // the recorded value is the diagnostics' value (float32 in the frame)
      expect(h.values.elbo[h.values.elbo.length - 1]).toBeCloseTo(f.diagnostics.elbo, 4);
      expect(f.diagnostics.elboSteps).toBe(Math.min(t + 1, ELBO_WINDOW));
    }
    const f = host.frame().panel;
    expect(Number.isFinite(f.diagnostics.gradNorm)).toBe(true);
    expect(f.elboHistory!.values.gradNorm[f.elboHistory!.values.gradNorm.length - 1]).toBeCloseTo(f.diagnostics.gradNorm, 3);
    // metrics every 5 steps carry the ELBO and gradient norm of that step (the metrics CSV's columns)
    const m = f.metricHistory!;
    expect(Array.from(m.steps)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(Number.isNaN(m.values.elbo[0])).toBe(true);
    const at25 = m.values.elbo[m.values.elbo.length - 1];
    expect(at25).toBeCloseTo(f.diagnostics.elbo, 4);
    expect(Number.isFinite(m.values.gradNorm[5])).toBe(true);
  });

  it('the ELBO window is the mean of the last 20 estimates', () => {
    const w = new ElboWindow();
    let d = {};
    for (let k = 1; k <= 25; k++) d = w.smooth({ elbo: k, gradNorm: 1 });
    expect(d).toEqual({ elbo: (6 + 25) / 2, gradNorm: 1, elboSteps: 20 });
  });

  it('exports q in every coordinate: weights, means and covariances S S^T', async () => {
    const host = newHost();
    await host.createSession(request({ panel: { sampler: 'gvi-mixture', params: { C: 3 } } }));
    await host.step(3);
    const q = host.viParameters();
    expect(q).toMatchObject({ sampler: 'gvi-mixture', iteration: 3, dim: D });
    expect(q.components).toHaveLength(3);
    for (const c of q.components) {
      expect(c.weight).toBeCloseTo(1 / 3, 12);
      expect(c.mean).toHaveLength(D);
      expect(c.covariance).toHaveLength(D);
      for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) expect(c.covariance[a][b]).toBeCloseTo(c.covariance[b][a], 12);
    }
    // its marginal on the drawn pair (3, 1) is what the frame draws
    const g = host.frame().panel.gaussians!;
    expect(g.means[0]).toBeCloseTo(q.components[0].mean[3], 5);
    expect(g.covariances[0]).toBeCloseTo(q.components[0].covariance[3][3], 5);
    expect(g.covariances[1]).toBeCloseTo(q.components[0].covariance[3][1], 5);
    const ula = newHost();
    await ula.createSession(request({ panel: { sampler: 'ula' } }));
    expect(() => ula.viParameters()).toThrow(/^ULA is not a variational sampler/);
  });

  it('a new drawn pair shows the marginal of the other coordinates, q unchanged', async () => {
    const host = newHost();
    await host.createSession(request({ axes: [0, 1] }));
    await host.step(5);
    const before = host.frame().panel.gaussians!;
    host.setAxes(1, 0);
    const after = host.frame().panel.gaussians!;
    expect(after.means[0]).toBe(before.means[1]);
    expect(after.means[1]).toBe(before.means[0]);
    expect(Array.from(after.covariances)).toEqual([before.covariances[2], before.covariances[1], before.covariances[0]]);
  });
});
