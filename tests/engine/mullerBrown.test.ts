import { describe, expect, it } from 'vitest';
import { experimentConfig } from '../../src/engine/experiment/experimentConfig';
import { runExperimentAsync } from '../../src/engine/experiment/run';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { decodeExperiment } from '../../src/url/decode';
import { PRESETS } from '../../src/url/presets';
import { computeMetrics, exactReference } from '../../src/engine/metrics';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { createMullerBrown, mullerBrownU } from '../../src/engine/targets/presets/mullerBrown';

/** The published stationary points (Mueller and Brown 1979; values as usually quoted). */
const MINIMA = [
  [-0.558224, 1.441726, -146.69948],
  [0.623499, 0.028038, -108.16672],
  [-0.050011, 0.466694, -80.767818],
] as const;
const SADDLES = [
  [-0.822002, 0.624313, -40.664844],
  [0.212487, 0.292988, -72.248942],
] as const;

/** Mean and basin masses of exp(-U / T) by a fine midpoint rule on a box much larger than the target's. */
function integrate(t: number): { mean: [number, number]; mass: number[] } {
  const n = 1500;
  const [x0, x1, y0, y1] = [-3, 2.5, -1.5, 3.5];
  let z = 0, mx = 0, my = 0;
  const mass = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = x0 + ((i + 0.5) * (x1 - x0)) / n;
      const y = y0 + ((j + 0.5) * (y1 - y0)) / n;
      const p = Math.exp(-(mullerBrownU(x, y) + 146.7) / t);
      z += p;
      mx += p * x;
      my += p * y;
      const d = MINIMA.map(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2);
      mass[d.indexOf(Math.min(...d))] += p;
    }
  }
  return { mean: [mx / z, my / z], mass: mass.map((m) => m / z) };
}

describe('Müller-Brown', () => {
  it('has the standard minima and saddles (U and a vanishing gradient)', () => {
    const t = createMullerBrown({ temperature: 1 });
    for (const [x, y, u] of [...MINIMA, ...SADDLES]) {
      expect(mullerBrownU(x, y)).toBeCloseTo(u, 3);
      const s = t.score(Float64Array.of(x, y));
      expect(Math.hypot(s[0], s[1])).toBeLessThan(0.02);
    }
  });

  it('is exp(-U / T) for any temperature, with the score matching finite differences, beyond the box too', () => {
    for (const temperature of [2, 15, 100]) {
      const t = createMullerBrown({ temperature });
      // Points in the box, outside it, and far out where the exponentials are continued past exponent 50.
      for (const [x, y] of [[-0.3, 0.9], [1.1, -0.4], [-1.9, 2.5], [3, -2], [8, 9], [-40, 30]]) {
        const u = -mullerBrownU(x, y) / temperature;
        expect(Math.abs(t.logDensityAt(x, y) - u)).toBeLessThan(1e-12 * Math.max(1, Math.abs(u)));
        const s = t.score(Float64Array.of(x, y));
        for (const k of [0, 1]) {
          const h = 1e-6 * Math.max(1, Math.abs(k ? y : x));
          const fd = (k ? t.logDensityAt(x, y + h) - t.logDensityAt(x, y - h) : t.logDensityAt(x + h, y) - t.logDensityAt(x - h, y)) / (2 * h);
          expect(Math.abs(s[k] - fd)).toBeLessThan(1e-5 * Math.abs(fd) + 1e-6);
        }
      }
    }
    expect(Number.isFinite(createMullerBrown().logDensityAt(1e6, -1e6))).toBe(true);
    expect(() => createMullerBrown({ temperature: 0 })).toThrow('invalid temperature: 0 (must be >= 1 and <= 1000)');
  });

  it('is in the gallery at T = 15, and its grid-normalised reference matches a fine integral; exact 2D metrics work', { timeout: 30_000 }, () => {
    const t = createPresetTarget('muller-brown');
    expect(t.logDensityAt(0.1, 0.5)).toBe(createMullerBrown({ temperature: 15 }).logDensityAt(0.1, 0.5));
    const exact = integrate(15);
    const ref = exactReference(t);
    expect(ref.mean[0]).toBeCloseTo(exact.mean[0], 2);
    expect(ref.mean[1]).toBeCloseTo(exact.mean[1], 2);
    // The modes' weights are the basin masses.
    t.modes!.forEach((m, k) => expect(m.weight).toBeCloseTo(exact.mass[k], 2));
    expect(exact.mass[0]).toBeGreaterThan(0.85);
    // Particles drawn from the reference score near-perfect metrics; particles stuck in the shallow basin do not.
    const good = computeMetrics(t, ref.samples.slice(0, 400), ref);
    expect(good.modeCoverage).toBe(1);
    expect(good.energy).toBeLessThan(0.01);
    const stuck = Float64Array.from({ length: 400 }, (_, i) => (i % 2 ? 0.03 : 0.62) + 0.05 * Math.sin(i));
    const bad = computeMetrics(t, stuck, ref);
    expect(bad.modeCoverage).toBeCloseTo(1 / 3, 12);
    expect(bad.energy).toBeGreaterThan(20 * good.energy);
  });

  it("the page preset 'crossing a barrier' does what its note says: ETD-B crosses within 100 steps, SVGD does not", { timeout: 60_000 }, async () => {
    const preset = PRESETS.find((p) => p.id === 'muller-brown-barrier')!;
    const { experiment, notices } = decodeExperiment(preset.query);
    expect(notices).toEqual([]);
    const e = { ...experiment, panels: experiment.panels.filter((p) => p.sampler === 'etd-b' || p.sampler === 'svgd') };
    const result = await runExperimentAsync(parseRunConfig(experimentConfig(e, { steps: 100 })));
    const deep = (positions: number[][]) =>
      positions.filter(([x, y]) => {
        const d = MINIMA.map(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2);
        return d[0] === Math.min(...d);
      }).length / positions.length;
    const [etd, svgd] = result.panels!.map((p) => p.checkpoints.at(-1)!.positions);
    expect(deep(result.panels![0].checkpoints[0].positions)).toBe(0);
    expect(deep(etd)).toBeGreaterThan(0.75);
    expect(deep(svgd)).toBeLessThan(0.05);
  });
});
