import { describe, expect, it } from 'vitest';
import { checkDrawnSpec, createDrawnTarget, drawnFloor, MAX_BUMPS, strokeToBumps, type Bump, type DrawnSpec } from '../../src/engine/targets/drawn';
import { targetFromSpec } from '../../src/engine/targets/fromSpec';
import { checkSessionRequest } from '../../workers/session/sessionParams';

const box = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };
const spec = (bumps: Bump[], b = box): DrawnSpec => ({ kind: 'drawn', box: b, bumps });
const stroke: Bump[] = strokeToBumps([-2, -1, 0, 1, 2, -1], 0.5, 0.25);

describe('drawn target', () => {
  it('is a sum of Gaussian bumps: log pi matches the formula away from the floor', () => {
    const t = createDrawnTarget(spec([[1, 0, 0.5, 2], [-1, 1, 1, 1]]));
    const n = (x: number, y: number, cx: number, cy: number, h: number) => Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * h * h)) / (2 * Math.PI * h * h);
    for (const [x, y] of [[1, 0], [0, 0.5], [-1, 1]]) {
      const exact = Math.log(2 * n(x, y, 1, 0, 0.5) + n(x, y, -1, 1, 1));
      expect(t.logDensityAt(x, y)).toBeCloseTo(exact, 3);
    }
    expect(t.box).toEqual(box);
  });

  it('has an analytic score that matches central finite differences, inside and outside the box and near the floor', () => {
    const erased = [...stroke, ...strokeToBumps([-1, 0, 1, 0], 0.4, -0.3)];
    for (const bumps of [stroke, erased]) {
      const t = createDrawnTarget(spec(bumps));
      const pts: number[] = [];
      for (let i = 0; i < 40; i++) pts.push(-5 + (10 * ((i * 37) % 40)) / 40 + 0.013, -5 + (10 * ((i * 23) % 40)) / 40 + 0.007);
      const points = Float64Array.from(pts);
      const score = t.score(points);
      const h = 1e-5;
      for (let i = 0; i < points.length / 2; i++) {
        const [x, y] = [points[2 * i], points[2 * i + 1]];
        const fx = (t.logDensityAt(x + h, y) - t.logDensityAt(x - h, y)) / (2 * h);
        const fy = (t.logDensityAt(x, y + h) - t.logDensityAt(x, y - h)) / (2 * h);
        const tol = 1e-5 * (1 + Math.abs(fx) + Math.abs(fy));
        expect(Math.abs(score[2 * i] - fx)).toBeLessThan(tol);
        expect(Math.abs(score[2 * i + 1] - fy)).toBeLessThan(tol);
        expect(Number.isFinite(score[2 * i]) && Number.isFinite(score[2 * i + 1])).toBe(true);
      }
      const logp = t.logDensity(points);
      for (let i = 0; i < logp.length; i++) expect(logp[i]).toBe(t.logDensityAt(points[2 * i], points[2 * i + 1]));
    }
  });

  it('erasing lowers the density, never below the floor, and far from the drawing the density is the floor', () => {
    const drawn = createDrawnTarget(spec(stroke));
    const eraser = strokeToBumps([-0.3, 1, 0.3, 1], 0.3, -5); // much more than was drawn there
    const erased = createDrawnTarget(spec([...stroke, ...eraser]));
    const floor = drawnFloor(stroke);
    expect(drawnFloor([...stroke, ...eraser])).toBe(floor); // erasing does not move the floor
    for (const x of [-0.1, 0, 0.1]) {
      expect(erased.logDensityAt(x, 1)).toBeLessThan(drawn.logDensityAt(x, 1) - 1);
      expect(erased.logDensityAt(x, 1)).toBeGreaterThanOrEqual(Math.log(floor) - 1e-12);
      expect(erased.logDensityAt(x, 1)).toBeLessThan(Math.log(floor) + 0.01);
    }
    // Away from the erased part the drawing is unchanged.
    expect(erased.logDensityAt(-2, -1)).toBeCloseTo(drawn.logDensityAt(-2, -1), 6);
    // Far from every bump but inside the box: the (smoothed) floor, finite, with a zero score.
    const far = drawn.logDensityAt(3.9, 3.9);
    expect(far).toBeGreaterThan(Math.log(floor));
    expect(far).toBeLessThan(Math.log(floor) + 0.5);
    expect(Array.from(drawn.score(Float64Array.of(3.9, 3.9)))).toEqual([0, 0]);
    // Outside the box the soft wall pulls back in.
    const s = drawn.score(Float64Array.of(5, 0));
    expect(s[0]).toBeLessThan(-10);
    expect(drawn.logDensityAt(5, 0)).toBeLessThan(drawn.logDensityAt(4, 0) - 10);
  });

  it('refuses empty, oversized and malformed drawings with clear messages', () => {
    expect(() => createDrawnTarget(spec([]))).toThrow('the drawing is empty: draw some mass first');
    expect(() => createDrawnTarget(spec([[0, 0, 1, -1]]))).toThrow('draw some mass first');
    const many: Bump[] = Array.from({ length: MAX_BUMPS + 1 }, (_, k) => [k / 1000, 0, 0.5, 1]);
    expect(() => createDrawnTarget(spec(many))).toThrow(`drawing too large: ${MAX_BUMPS + 1} bumps (at most ${MAX_BUMPS}`);
    expect(() => createDrawnTarget(spec([[0, 0, 0, 1]]))).toThrow('invalid bump 1: width 0 (must be > 0)');
    expect(() => createDrawnTarget(spec([[0, 0, 1, 1], [0, NaN, 1, 1]]))).toThrow('invalid bump 2: [0, NaN, 1, 1] (must be 4 finite numbers [x, y, width, weight])');
    expect(() => createDrawnTarget(spec([[0, 0, 1, 1]], { xmin: 1, xmax: -1, ymin: 0, ymax: 1 }))).toThrow('invalid drawing box: [1, -1] x [0, 1] (need xmin < xmax and ymin < ymax)');
    expect(() => createDrawnTarget(spec([[0, 0, 1, 1]], { xmin: 0, xmax: Infinity, ymin: 0, ymax: 1 }))).toThrow('invalid drawing box');
    expect(checkDrawnSpec(spec(stroke))).toBeNull();
  });

  it('turns a stroke into bumps every width / 2 along the path', () => {
    const bumps = strokeToBumps([0, 0, 1, 0, 1, 1], 0.4, 0.1);
    expect(bumps).toHaveLength(11); // 2 units of path / 0.2, plus the first point
    for (let k = 1; k < bumps.length; k++) {
      const d = Math.hypot(bumps[k][0] - bumps[k - 1][0], bumps[k][1] - bumps[k - 1][1]);
      expect(d).toBeLessThanOrEqual(0.2 + 1e-9);
      expect(d).toBeGreaterThan(0.14);
    }
    expect(strokeToBumps([0.5, 0.5], 0.4, 1)).toEqual([[0.5, 0.5, 0.4, 1]]);
    expect(strokeToBumps([], 0.4, 1)).toEqual([]);
  });

  it('is a TargetSpec kind the worker accepts', () => {
    const s = spec(stroke);
    expect(targetFromSpec(s).logDensityAt(0, 1)).toBe(createDrawnTarget(s).logDensityAt(0, 1));
    const req = { target: s, seed: 1, n: 10, panel: { sampler: 'svgd' } };
    expect(checkSessionRequest(req).target).toBe(s);
    expect(() => checkSessionRequest({ ...req, target: { kind: 'drawn', box } as never })).toThrow('{ kind: "drawn", box, bumps }');
  });
});
