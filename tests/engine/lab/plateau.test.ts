import { describe, expect, it } from 'vitest';
import { Plateau, type PlateauSettings } from '../../../src/engine/lab/plateau';
import { Rng } from '../../../src/engine/random/rng';

const RULE: PlateauSettings = { tau: 50, window: 50, tol: 0.02, patience: 3, minSteps: 200, cap: 5000 };

/** Steps until the rule stops a loss sequence loss(t), t = 1, 2, ... */
function stopAt(rule: PlateauSettings, loss: (t: number) => number) {
  const p = new Plateau(rule);
  for (let t = 1; ; t++) if (p.push(loss(t))) return p.state;
}

describe('the plateau stopping rule', () => {
  it('the smoothed loss is the bias-corrected EMA (exact on a constant, a transcription on a ramp)', () => {
    const p = new Plateau(RULE);
    for (let t = 0; t < 7; t++) p.push(3);
    expect(p.state.smoothed).toBeCloseTo(3, 12);
    const q = new Plateau(RULE);
    let m = 0;
    const a = 1 / RULE.tau;
    for (let t = 1; t <= 120; t++) {
      q.push(t);
      m = (1 - a) * m + a * t;
    }
    expect(q.state.smoothed).toBeCloseTo(m / (1 - (1 - a) ** 120), 10);
  });

  it('an exponentially decaying noisy loss stops a few windows after it has levelled off, never before minSteps', () => {
    const rng = new Rng(3, 0);
    // loss 2 exp(-t / 300) + noise 0.05: within 2% of the total fall per window once 2 exp(-t/300) (1 - e^(-1/6)) < 0.02 * 2, t ~ 820
    const s = stopAt(RULE, (t) => 2 * Math.exp(-t / 300) + 0.05 * rng.normal());
    expect(s.stopped).toBe('plateau');
    expect(s.steps).toBeGreaterThan(500);
    expect(s.steps).toBeLessThan(1600);
    // a ramp to 0 at step 100, then flat: the EMA's own tail (tau = 50) still falls by more than
    // 2% of its total fall per window until step 250, so the three flat windows end at 400
    const flat = stopAt(RULE, (t) => (t < 100 ? 1 - t / 100 : 0));
    expect(flat).toMatchObject({ stopped: 'plateau', steps: 400 });
  });

  it('a steady linear fall is flat once a window brings less than tol of the total fall; the cap stops anything', () => {
    // rel = 50 / (t - 50) (the first check is at step 50) < 0.02 from t = 2600: three checks, stopped at 2700
    expect(stopAt(RULE, (t) => -0.01 * t)).toMatchObject({ stopped: 'plateau', steps: 2700 });
    expect(stopAt({ ...RULE, cap: 2000 }, (t) => -0.01 * t)).toMatchObject({ stopped: 'cap', steps: 2000 });
    expect(stopAt({ ...RULE, cap: 30 }, () => 1)).toMatchObject({ stopped: 'cap', steps: 30 });
  });

  it('is shift and scale free: the same losses times 1000 plus 50 stop at the same step', () => {
    const rng1 = new Rng(9, 0), rng2 = new Rng(9, 0);
    const a = stopAt(RULE, (t) => Math.exp(-t / 200) + 0.03 * rng1.normal());
    const b = stopAt(RULE, (t) => 50 + 1000 * (Math.exp(-t / 200) + 0.03 * rng2.normal()));
    expect(b.steps).toBe(a.steps);
  });

  it('keeps counting after the stop (a chunk finished after it); a non-finite loss is refused', () => {
    const p = new Plateau({ ...RULE, cap: 10 });
    for (let t = 0; t < 10; t++) p.push(1);
    expect(p.push(1)).toBe(true);
    expect(p.state).toMatchObject({ steps: 11, stopped: 'cap' });
    expect(() => new Plateau(RULE).push(Number.NaN)).toThrow(/the loss is NaN at step 1/);
    expect(() => new Plateau({ ...RULE, window: 0 })).toThrow();
  });
});
