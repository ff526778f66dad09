import { describe, expect, it } from 'vitest';
import { MAX_TRAIL_JUMP, SEGMENTS_PER_UPDATE, TRAIL_ALPHA, TrailLayers, type TrailRing, type TrailView } from '../../src/ui/draw/trailLayers';

/**
 * A canvas stand-in that records what is stroked on it since its last clear: one entry per
 * stroke() with the segments of its path, so two layers compare equal iff they would show the
 * same pixels.
 */
function fakeCanvas() {
  const ops: string[] = [];
  let path: string[] = [];
  const ctx = {
    setTransform: () => undefined,
    clearRect: () => void (ops.length = 0),
    beginPath: () => void (path = []),
    moveTo: (x: number, y: number) => void path.push(`M${x.toFixed(3)},${y.toFixed(3)}`),
    lineTo: (x: number, y: number) => void path.push(`L${x.toFixed(3)},${y.toFixed(3)}`),
    stroke: () => void ops.push(path.join('')),
    lineWidth: 1,
    lineCap: 'butt',
    strokeStyle: '',
  };
  return { width: 0, height: 0, getContext: () => ctx, ops } as unknown as HTMLCanvasElement & { ops: string[] };
}

const L = 20;
const N = 3;
const pos = (t: number, i: number, seed = 0): [number, number] => [Math.sin(t * 0.3 + i + seed), Math.cos(t * 0.2 + 2 * i + seed)];

/** The ring buffer a worker frame carries at iteration I (seed tells runs apart). */
function ring(I: number, seed = 0, n = N): TrailRing {
  const data = new Float32Array(L * n * 2);
  const count = Math.min(I + 1, L);
  for (let t = I - count + 1; t <= I; t++)
    for (let i = 0; i < n; i++) {
      const [x, y] = pos(t, i, seed);
      data[(t % L) * 2 * n + 2 * i] = x;
      data[(t % L) * 2 * n + 2 * i + 1] = y;
    }
  return { data, n, head: I % L, count, iteration: I };
}

const view: TrailView = { box: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }, pixelWidth: 100, pixelHeight: 100, dpr: 1, colour: '#fff' };
const picture = (shown: ReturnType<TrailLayers['update']>) => shown.map((l) => ({ alpha: l.alpha, ops: [...(l.canvas as unknown as { ops: string[] }).ops] }));

describe('TrailLayers', () => {
  it('draws the same trails step by step as all at once, whatever frames arrived', () => {
    const stepwise = new TrailLayers(fakeCanvas);
    const skipping = new TrailLayers(fakeCanvas);
    for (let I = 0; I <= 47; I++) {
      const a = picture(stepwise.update(ring(I), view));
      if (I % 7 === 3 || I === 47) {
        const b = picture(skipping.update(ring(I), view));
        const fresh = picture(new TrailLayers(fakeCanvas).update(ring(I), view));
        expect(b).toEqual(a);
        expect(fresh).toEqual(a);
      }
    }
  });

  it('shows whole layers the ring still holds, newest most opaque, one stroke per step', () => {
    const shown = new TrailLayers(fakeCanvas).update(ring(47), view);
    // 19 segments in the ring (steps 29..47), 5 steps a layer: layers of steps 31-35, 36-40, 41-45, 46-47
    expect(shown.map((l) => (l.canvas as unknown as { ops: string[] }).ops.length)).toEqual([5, 5, 5, 2]);
    const alphas = shown.map((l) => l.alpha);
    expect([...alphas].sort((a, b) => a - b)).toEqual(alphas);
    expect(alphas[alphas.length - 1]).toBeLessThanOrEqual(TRAIL_ALPHA);
    expect(alphas[0]).toBeGreaterThan(0);
    expect(new TrailLayers(fakeCanvas).update(ring(0), view)).toEqual([]); // no segment at iteration 0
  });

  it('strokes at most SEGMENTS_PER_UPDATE segments an update and catches up to the same picture', () => {
    const n = 1000; // 4 steps an update
    const perUpdate = Math.floor(SEGMENTS_PER_UPDATE / n);
    expect(perUpdate).toBe(4);
    const layers = new TrailLayers(fakeCanvas);
    layers.update(ring(20, 0, n), view);
    let updates = 1;
    while (layers.catchingUp) {
      layers.update(ring(30, 0, n), view); // the panel moved on meanwhile
      updates++;
    }
    expect(updates).toBeGreaterThan(2);
    const stepwise = new TrailLayers(fakeCanvas);
    for (let I = 0; I <= 30; I++) stepwise.update(ring(I, 0, n), view);
    expect(stepwise.catchingUp).toBe(false);
    expect(picture(layers.update(ring(30, 0, n), view))).toEqual(picture(stepwise.update(ring(30, 0, n), view)));
  });

  it('starts over when the panel restarted or the view changed', () => {
    const layers = new TrailLayers(fakeCanvas);
    for (let I = 0; I <= 30; I++) layers.update(ring(I), view);
    // a restarted panel that is already at a later step with other positions
    const restarted = picture(layers.update(ring(33, 1), view));
    expect(restarted).toEqual(picture(new TrailLayers(fakeCanvas).update(ring(33, 1), view)));
    const wider = { ...view, pixelWidth: 200 };
    expect(picture(layers.update(ring(34, 1), wider))).toEqual(picture(new TrailLayers(fakeCanvas).update(ring(34, 1), wider)));
    // back to iteration 0 and up again
    layers.update(ring(0, 2), wider);
    expect(picture(layers.update(ring(3, 2), wider))).toEqual(picture(new TrailLayers(fakeCanvas).update(ring(3, 2), wider)));
  });

  it('leaves out moves longer than MAX_TRAIL_JUMP of the box diagonal (jumps between modes)', () => {
    const diagonal = Math.hypot(4, 4);
    const jump = 1.05 * MAX_TRAIL_JUMP * diagonal; // just over the limit along the diagonal
    const walk = 0.95 * MAX_TRAIL_JUMP * diagonal; // just under it along x
    // particle 0 jumps, particle 1 walks, particle 2 stays: two steps (0 -> 1) in a ring of 3
    const data = new Float32Array([
      -1, -1, -1, 0.5, 0, 0,
      -1 + jump / Math.SQRT2, -1 + jump / Math.SQRT2, -1 + walk, 0.5, 0, 0,
      0, 0, 0, 0, 0, 0,
    ]);
    const shown = new TrailLayers(fakeCanvas).update({ data, n: 3, head: 1, count: 2, iteration: 1 }, view);
    const ops = shown.flatMap((l) => (l.canvas as unknown as { ops: string[] }).ops);
    const px = (x: number) => ((x + 2) * 25).toFixed(3);
    expect(ops).toEqual([`M${px(-1)},${px(-0.5)}L${px(-1 + walk)},${px(-0.5)}M${px(0)},${px(0)}L${px(0)},${px(0)}`]);
  });
});
