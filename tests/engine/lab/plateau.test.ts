import { describe, expect, it } from 'vitest';
import { Plateau, type PlateauSettings } from '../../../src/engine/lab/plateau';
import { Rng } from '../../../src/engine/random/rng';

const RULE: PlateauSettings = { tau: 50, window: 100, z: Math.SQRT2, patience: 3, minSteps: 300, cap: 20_000 };

/** The state when the rule stops a loss sequence loss(t), t = 1, 2, ... */
function stopAt(rule: PlateauSettings, loss: (t: number) => number) {
  const p = new Plateau(rule);
  for (let t = 1; ; t++) if (p.push(loss(t))) return p.state;
}

describe('the plateau stopping rule', () => {
  it('the smoothed loss is the bias-corrected EMA and the noise 1.25 x the EMA of |loss - previous mean| (transcriptions)', () => {
    const p = new Plateau(RULE);
    for (let t = 0; t < 7; t++) p.push(3);
    expect(p.state.smoothed).toBeCloseTo(3, 12);
    const q = new Plateau(RULE);
    const a = 1 / RULE.tau;
    let m = 0, d = 0;
    const losses = Array.from({ length: 120 }, (_, t) => Math.sin(t) + t / 50);
    losses.forEach((v, k) => {
      const before = k ? m / (1 - (1 - a) ** k) : v;
      d = (1 - a) * d + a * Math.abs(v - before);
      m = (1 - a) * m + a * v;
      q.push(v);
    });
    const c = 1 - (1 - a) ** 120;
    expect(q.state.smoothed).toBeCloseTo(m / c, 10);
    expect(q.state.noise).toBeCloseTo((1.25 * d) / c, 10);
  });

  it('a loss falling exponentially under Gaussian noise stops once the fall per window is within the noise', () => {
    // 2 exp(-t / 300) + N(0, 0.1^2): one window's fall 2 exp(-t/300) (1 - e^(-1/3)) meets
    // z s / sqrt(tau) = 1.41 * 0.1 / 7.07 = 0.02 at t ~ 1000; then three flat windows in a row,
    // which the noise delays: stopped at 1500, 1700, 1600 for these seeds
    for (const seed of [1, 2, 3]) {
      const rng = new Rng(seed, 0);
      const s = stopAt(RULE, (t) => 2 * Math.exp(-t / 300) + 0.1 * rng.normal());
      expect(s.stopped).toBe('plateau');
      expect(s.steps).toBeGreaterThan(1000);
      expect(s.steps).toBeLessThan(2000);
      expect(s.noise).toBeGreaterThan(0.08);
      expect(s.noise).toBeLessThan(0.12);
    }
  });

  it('a large early fall does not hide a later steady one; a fall buried in noise counts as flat', () => {
    // from 100 down to 10 in 200 steps, then 10 - 0.003 (t - 200) with noise 0.1: falls 0.3 per
    // window, far above the noise threshold 0.02: not stopped before the cap
    const rng = new Rng(4, 0);
    const s = stopAt({ ...RULE, cap: 2000 }, (t) => (t < 200 ? 100 - (90 * t) / 200 : 10 - 0.003 * (t - 200)) + 0.1 * rng.normal());
    expect(s).toMatchObject({ stopped: 'cap', steps: 2000 });
    // the same slope under noise 10 is within z s / sqrt(tau) = 2 per window: flat from minSteps on
    const rng2 = new Rng(5, 0);
    expect(stopAt(RULE, (t) => -0.003 * t + 10 * rng2.normal())).toMatchObject({ stopped: 'plateau', steps: 500 });
  });

  it('is shift and scale free: the same losses times 1000 plus 50 stop at the same step', () => {
    const rng1 = new Rng(9, 0), rng2 = new Rng(9, 0);
    const a = stopAt(RULE, (t) => Math.exp(-t / 200) + 0.03 * rng1.normal());
    const b = stopAt(RULE, (t) => 50 + 1000 * (Math.exp(-t / 200) + 0.03 * rng2.normal()));
    expect(b.steps).toBe(a.steps);
  });

  it('a constant loss stops at minSteps plus the patience windows; the cap stops anything; counting goes on after the stop', () => {
    expect(stopAt(RULE, () => 1)).toMatchObject({ stopped: 'plateau', steps: 500 });
    expect(stopAt({ ...RULE, cap: 30 }, () => 1)).toMatchObject({ stopped: 'cap', steps: 30 });
    const p = new Plateau({ ...RULE, cap: 10 });
    for (let t = 0; t < 10; t++) p.push(1);
    expect(p.push(1)).toBe(true);
    expect(p.state).toMatchObject({ steps: 11, stopped: 'cap' });
  });

  it('refuses a non-finite loss and settings it cannot run', () => {
    expect(() => new Plateau(RULE).push(Number.NaN)).toThrow(/the loss is NaN at step 1/);
    expect(() => new Plateau({ ...RULE, window: 10 })).toThrow(/window >= tau/);
  });
});
