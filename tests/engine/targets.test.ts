import { describe, expect, it } from 'vitest';
import { createPresetTarget, isImproper, PRESET_INFO, PRESET_NAMES } from '../../src/engine/targets/presets';
import { logAddExp, logSumExp, softmaxInto } from '../../src/engine/targets/presets/stable';
import type { Box, Target } from '../../src/engine/targets/types';

/** Small deterministic LCG (Numerical Recipes constants) so the test points never change. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** n points uniform over the box scaled about its centre by `grow`, interleaved (n, 2). */
function pointsIn(box: Box, n: number, seed: number, grow = 1): Float64Array {
  const u = lcg(seed);
  const cx = (box.xmin + box.xmax) / 2;
  const cy = (box.ymin + box.ymax) / 2;
  const hx = ((box.xmax - box.xmin) / 2) * grow;
  const hy = ((box.ymax - box.ymin) / 2) * grow;
  const p = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    p[2 * i] = cx + (2 * u() - 1) * hx;
    p[2 * i + 1] = cy + (2 * u() - 1) * hy;
  }
  return p;
}

/** Each configuration under test: every preset, and u2-u4 with confinement on and off. */
const CASES: { label: string; target: Target }[] = PRESET_NAMES.flatMap((name) =>
  isImproper(name)
    ? [
        { label: `${name} (confined)`, target: createPresetTarget(name, { confine: true }) },
        { label: `${name} (unconfined)`, target: createPresetTarget(name, { confine: false }) },
      ]
    : [{ label: name, target: createPresetTarget(name) }],
);

function expectScoreMatchesFiniteDifferences(t: Target, pts: Float64Array): void {
  const h = 1e-5;
  const s = t.score(pts);
  for (let i = 0; i < pts.length / 2; i++) {
    const x = pts[2 * i];
    const y = pts[2 * i + 1];
    const fx = (t.logDensityAt(x + h, y) - t.logDensityAt(x - h, y)) / (2 * h);
    const fy = (t.logDensityAt(x, y + h) - t.logDensityAt(x, y - h)) / (2 * h);
    for (const [got, fd] of [
      [s[2 * i], fx],
      [s[2 * i + 1], fy],
    ]) {
      const err = Math.abs(got - fd);
      if (!(err <= 1e-5 * Math.abs(fd) + 1e-6)) {
        throw new Error(`${t.name} at (${x}, ${y}): score ${got} vs finite difference ${fd}`);
      }
    }
  }
}

describe.each(CASES)('$label', ({ target }) => {
  it('score matches central finite differences over the box', () => {
    expectScoreMatchesFiniteDifferences(target, pointsIn(target.box, 50, 12345));
  });

  it('batch logDensity and score agree with the per-point path and reuse out', () => {
    const pts = pointsIn(target.box, 50, 777);
    const lp = target.logDensity(pts);
    for (let i = 0; i < 50; i++) expect(lp[i]).toBe(target.logDensityAt(pts[2 * i], pts[2 * i + 1]));
    const out = new Float64Array(50);
    expect(target.logDensity(pts, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(lp));
    const sOut = new Float64Array(100);
    expect(target.score(pts, sOut)).toBe(sOut);
    expect(Array.from(sOut)).toEqual(Array.from(target.score(pts)));
  });

  it('log density and score stay finite far away and at the origin', () => {
    const far = [50, -50, -50, 50, 1e3, 1e3, -1e3, 1e3, 1e3, 0, 0, -1e3, 0, 0];
    const pts = Float64Array.from(far);
    const lp = target.logDensity(pts);
    const s = target.score(pts);
    for (let i = 0; i < lp.length; i++) expect(Number.isFinite(lp[i]), `${far[2 * i]}, ${far[2 * i + 1]}`).toBe(true);
    for (let i = 0; i < s.length; i++) expect(Number.isFinite(s[i])).toBe(true);
  });
});

describe('confinement', () => {
  it('score matches finite differences outside the box too (where the wall acts)', () => {
    for (const name of ['u2', 'u3', 'u4']) {
      const t = createPresetTarget(name, { confine: true });
      expectScoreMatchesFiniteDifferences(t, pointsIn(t.box, 50, 999, 1.6));
    }
  });

  it('is on by default for u2-u4, adds exactly -U_box, and never touches u1', () => {
    for (const name of ['u2', 'u3', 'u4']) {
      const on = createPresetTarget(name);
      const off = createPresetTarget(name, { confine: false });
      expect(on.logDensityAt(1.5, -0.7)).toBe(off.logDensityAt(1.5, -0.7));
      // U_box(6, -4.5) = 0.5 (2^2 + 0.5^2) / 0.2^2 = 53.125
      expect(off.logDensityAt(6, -4.5) - on.logDensityAt(6, -4.5)).toBeCloseTo(53.125, 9);
    }
    expect(createPresetTarget('u1', { confine: true }).logDensityAt(7, 0)).toBe(createPresetTarget('u1').logDensityAt(7, 0));
  });
});

describe('stable log-sum-exp', () => {
  it('U3/U4 stay finite where naive evaluation underflows', () => {
    const naiveU3 = (x: number, y: number): number => {
      const w1 = Math.sin((2 * Math.PI * x) / 4);
      const w2 = 3 * Math.exp(-0.5 * ((x - 1) / 0.6) ** 2);
      return Math.log(Math.exp(-0.5 * ((y - w1) / 0.35) ** 2) + Math.exp(-0.5 * ((y - w1 + w2) / 0.35) ** 2));
    };
    expect(naiveU3(0, 40)).toBe(-Infinity);
    // At (0, 40) w1 = 0 and the first ridge's term dominates: log pi ~ -0.5 (40 / sigma_a)^2.
    for (const [name, sa] of [
      ['u3', 0.35],
      ['u4', 0.4],
    ] as const) {
      const v = createPresetTarget(name, { confine: false }).logDensityAt(0, 40);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeCloseTo(-0.5 * (40 / sa) ** 2, 6);
    }
    // Same branch as the naive formula where it does not underflow.
    expect(createPresetTarget('u3', { confine: false }).logDensityAt(0.3, 1.2)).toBeCloseTo(naiveU3(0.3, 1.2), 12);
  });

  it('helpers handle underflow, ties and -Infinity', () => {
    expect(logAddExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logSumExp([-800, -800, -800])).toBeCloseTo(-800 + Math.log(3), 12);
    const w = new Float64Array(2);
    expect(softmaxInto([-2000, -2000 + Math.log(3)], w)).toBeCloseTo(-2000 + Math.log(4), 9);
    expect(w[0]).toBeCloseTo(0.25, 12);
    expect(w[1]).toBeCloseTo(0.75, 12);
  });
});

describe('gaussian', () => {
  it('is exactly normalised: integrates to ~1 over its box', () => {
    const t = createPresetTarget('gaussian');
    const { xmin, xmax, ymin, ymax } = t.box;
    const g = 400;
    const dx = (xmax - xmin) / g;
    const dy = (ymax - ymin) / g;
    let sum = 0;
    for (let i = 0; i < g; i++)
      for (let j = 0; j < g; j++) sum += Math.exp(t.logDensityAt(xmin + (i + 0.5) * dx, ymin + (j + 0.5) * dy));
    expect(sum * dx * dy).toBeCloseTo(1, 3);
  });
});

describe('gmm modes', () => {
  it.each(['gmm-grid-4', 'gmm-ring-8'])('%s peaks at its listed centres', (name) => {
    const t = createPresetTarget(name);
    const modes = t.modes ?? [];
    expect(modes.length).toBe(name === 'gmm-grid-4' ? 4 : 8);
    for (const m of modes) expect(m.weight).toBeCloseTo(1 / modes.length, 15);
    for (let j = 0; j < modes.length; j++) {
      const [ax, ay] = modes[j].center;
      const [bx, by] = modes[(j + 1) % modes.length].center;
      const mid = t.logDensityAt((ax + bx) / 2, (ay + by) / 2);
      expect(t.logDensityAt(ax, ay)).toBeGreaterThan(mid);
      // The score vanishes (up to neighbour tails) at each centre.
      const s = t.score(Float64Array.of(ax, ay));
      expect(Math.hypot(s[0], s[1])).toBeLessThan(1e-3);
    }
  });
});

describe('registry', () => {
  it('lists every preset once with its info', () => {
    expect(new Set(PRESET_NAMES).size).toBe(13);
    expect(Object.keys(PRESET_INFO).sort()).toEqual([...PRESET_NAMES].sort());
    for (const name of PRESET_NAMES) {
      expect(createPresetTarget(name).name).toBe(name);
      expect(isImproper(name)).toBe(PRESET_INFO[name].improper);
    }
    expect(PRESET_NAMES.filter(isImproper)).toEqual(['u2', 'u3', 'u4']);
    expect(isImproper('nope')).toBe(false);
  });

  it('unknown names throw with the list of valid names', () => {
    expect(() => createPresetTarget('u5')).toThrow(/unknown .*'u5'/);
    expect(() => createPresetTarget('u5')).toThrow(PRESET_NAMES.join(', '));
  });
});
