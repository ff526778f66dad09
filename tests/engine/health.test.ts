import { describe, expect, it } from 'vitest';
import { particleHealth } from '../../src/engine/samplers/health';
import { createPresetTarget } from '../../src/engine/targets/presets';

describe('particle health', () => {
  const far = new Float64Array([40, 0, -30, 1, 0, 0, 0, 50]); // two far along z1, one far along z2

  it('counts particles far outside the box as escaped', () => {
    const t = createPresetTarget('u3');
    expect(t.unboundedX).toBeUndefined();
    expect(particleHealth(far, t.box, t.unboundedX)).toEqual({ nonFiniteParticles: 0, escaped: 3 / 4 });
  });

  it('does not call particles escaped along z1 when the target does not confine z1 (U2-U4 unconfined)', () => {
    for (const name of ['u2', 'u3', 'u4']) {
      const t = createPresetTarget(name, { confine: false });
      expect(t.unboundedX, name).toBe(true);
      expect(particleHealth(far, t.box, t.unboundedX).escaped, name).toBe(1 / 4);
    }
    expect(createPresetTarget('u1', { confine: false }).unboundedX).toBeUndefined();
  });
});
