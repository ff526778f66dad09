import { describe, expect, it } from 'vitest';
import { interpolateInferno, rgb } from 'd3';
import { INFERNO_LUT, PLAN_LOG_RANGE, legendPixels, lutIndex, paintPlan, planDomain } from '../../src/ui/plan/planPixels';
import { particleOfRow, rowOfParticle } from '../../src/ui/plan/planRows';
import { pickParticle } from '../../src/ui/plan/pickParticle';
import { LINES_TOP } from '../../src/ui/plan/couplingRows';
import { getCoupling } from '../support/couplings';
import { couplingLines, couplingRow } from '../../workers/session/couplingViews';
import { create } from 'zustand';
import { createHoverSlice, type HoverSlice } from '../../src/store/hoverSlice';

const useHoverStore = create<HoverSlice>()((...a) => createHoverSlice(...a));

const rgbAt = (px: Uint8ClampedArray, k: number) => [px[4 * k], px[4 * k + 1], px[4 * k + 2], px[4 * k + 3]];
const inferno = (t: number) => {
  const c = rgb(interpolateInferno(t));
  return [c.r, c.g, c.b, 255];
};

describe('plan image colours', () => {
  it('spans PLAN_LOG_RANGE nats below the largest finite cell', () => {
    expect(planDomain(Float32Array.from([-3, -Infinity, NaN, -20, -1.5]))).toEqual([-1.5 - PLAN_LOG_RANGE, -1.5]);
    expect(planDomain(Float32Array.from([-Infinity, NaN]))).toBeNull();
  });

  it('maps the maximum to the brightest colour, max - 12 and below (and empty cells) to black', () => {
    // (2, 3) plan: max -2, so the window is [-14, -2].
    const logValues = Float32Array.from([-2, -8, -14, -30, -Infinity, NaN]);
    const px = new Uint8ClampedArray(4 * 6);
    expect(paintPlan(logValues, px)).toEqual([-14, -2]);
    expect(rgbAt(px, 0)).toEqual(inferno(1));
    expect(rgbAt(px, 1)).toEqual(inferno(Math.round(0.5 * 255) / 255)); // halfway in log mass
    for (const k of [2, 3, 4, 5]) expect(rgbAt(px, k)).toEqual(inferno(0));
  });

  it('is a log scale: equal mass ratios give equal colour steps', () => {
    const a = lutIndex(Math.log(1e-2), Math.log(1e-6), Math.log(1));
    const b = lutIndex(Math.log(1e-4), Math.log(1e-6), Math.log(1));
    expect(a - b).toBe(b - lutIndex(Math.log(1e-6), Math.log(1e-6), Math.log(1)));
  });

  it('fills an all-empty plan with black and reports no domain', () => {
    const px = new Uint8ClampedArray(8);
    expect(paintPlan(Float32Array.from([-Infinity, -Infinity]), px)).toBeNull();
    expect(rgbAt(px, 1)).toEqual([INFERNO_LUT[0], INFERNO_LUT[1], INFERNO_LUT[2], 255]);
  });

  it('draws the legend dark to bright', () => {
    const px = legendPixels(16);
    expect(rgbAt(px, 0)).toEqual(inferno(0));
    expect(rgbAt(px, 15)).toEqual(inferno(1));
  });
});

describe('plan rows', () => {
  it('maps particles to rows and back when every particle has its own row', () => {
    const rowOrder = Int32Array.from([3, 0, 2, 1]); // particle by angular rank
    expect(Array.from(rowOfParticle(rowOrder, 4))).toEqual([1, 3, 2, 0]);
    expect([0, 1, 2, 3].map((v) => particleOfRow(rowOrder, 4, v))).toEqual([3, 0, 2, 1]);
    expect(particleOfRow(rowOrder, 4, 4)).toBe(-1);
    expect(particleOfRow(rowOrder, 4, -1)).toBe(-1);
  });

  it('follows the worker binning when particles share rows (n > height)', () => {
    // n = 10 in 4 rows: ranks [0,2), [2,5), [5,7), [7,10).
    const rowOrder = Int32Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const rowOf = rowOfParticle(rowOrder, 4);
    expect(Array.from(rowOf)).toEqual([3, 3, 3, 2, 2, 1, 1, 1, 0, 0]);
    for (let v = 0; v < 4; v++) expect(rowOf[particleOfRow(rowOrder, 4, v)]).toBe(v);
  });
});

describe('pickParticle', () => {
  const box = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };
  // On a 400 x 400 plot, 50 px per unit; y points up.
  const positions = Float32Array.from([0, 0, 1, 1, -2, 3, NaN, NaN]);

  it('finds the nearest particle within the radius', () => {
    expect(pickParticle(positions, box, 400, 400, 200, 200)).toBe(0);
    expect(pickParticle(positions, box, 400, 400, 250 + 5, 150 - 3)).toBe(1);
    expect(pickParticle(positions, box, 400, 400, 100, 50 + 7)).toBe(2);
  });

  it('returns -1 when nothing is within the radius, and skips non-finite particles', () => {
    expect(pickParticle(positions, box, 400, 400, 220, 200)).toBe(-1);
    expect(pickParticle(positions, box, 400, 400, 220, 200, 25)).toBe(0);
    expect(pickParticle(Float32Array.from([NaN, NaN]), box, 400, 400, 200, 200)).toBe(-1);
    expect(pickParticle(positions, box, 0, 0, 0, 0)).toBe(-1);
  });

  it('prefers the closer of two particles in range', () => {
    const two = Float32Array.from([0, 0, 0.1, 0]); // 5 px apart
    expect(pickParticle(two, box, 400, 400, 204, 200)).toBe(1);
    expect(pickParticle(two, box, 400, 400, 201, 200)).toBe(0);
  });
});

describe('coupling lines in one worker call', () => {
  it('are the top rows of couplingRow for an even stride of particles', () => {
    const rng = (k: number) => Math.sin(k * 12.9898) * 3;
    const n = 10, p = 40;
    const z = Float64Array.from({ length: 2 * n }, (_, k) => rng(k));
    const y = Float64Array.from({ length: 2 * p }, (_, k) => rng(k + 100));
    const pb = { z, y, kappa: 0.7, logA: new Float64Array(n).fill(-Math.log(n)), logB: new Float64Array(p).fill(-Math.log(p)), eps: 0.1 };
    const plan = getCoupling('balanced', { rho: 1 })(pb, null, { maxIter: 200, tol: 1e-8 });
    const all = couplingLines(pb, plan, LINES_TOP, 100);
    expect(Array.from(all.particles)).toEqual([...Array(n).keys()]);
    const some = couplingLines(pb, plan, LINES_TOP, 4);
    expect(Array.from(some.particles)).toEqual([0, 2, 5, 7]);
    some.particles.forEach((i, j) => {
      const row = couplingRow(pb, plan, i, LINES_TOP);
      expect([some.sources[2 * j], some.sources[2 * j + 1]]).toEqual(row.source.map((v) => Math.fround(v)));
      row.topK.forEach((q, r) => {
        expect(some.destinations[2 * (j * LINES_TOP + r)]).toBe(Math.fround(y[2 * q]));
        expect(some.weights[j * LINES_TOP + r]).toBeCloseTo(row.weights[q], 6);
      });
    });
  });
});

describe('hover slice', () => {
  it('keeps the same state object when the same particle is hovered again', () => {
    const { setHovered } = useHoverStore.getState();
    setHovered({ panel: 1, particle: 7 });
    const first = useHoverStore.getState().hovered;
    setHovered({ panel: 1, particle: 7 });
    expect(useHoverStore.getState().hovered).toBe(first);
    setHovered(null);
    expect(useHoverStore.getState().hovered).toBeNull();
    useHoverStore.getState().setCouplingLines(2, true);
    expect(useHoverStore.getState().couplingLines).toEqual({ 2: true });
  });
});
