/**
 * A panel's fading trails, drawn incrementally: each step's segments (every particle's move
 * from its previous position) are stroked once into one of a few offscreen layers that each hold
 * B consecutive steps; a redraw only composites the layers, older ones more transparent. Stroking
 * all trailLength - 1 segment sets again on every redraw cost 5-20 ms per panel in Chromium's
 * software raster (4 panels redrawing in one frame made a main-thread task of over 50 ms).
 *
 * The picture depends only on the ring buffer's content, never on which frames arrived: every
 * step is stroked on its own, in order, into the layer of its absolute step number, and a layer
 * is shown only while the ring still holds all of its steps (so a rebuild from the ring after a
 * resize or restart draws exactly what incremental drawing would have).
 */
import type { Box } from '../../engine/targets/types';

/** Opacity of the newest trail segment; older ones fade linearly towards 0. */
export const TRAIL_ALPHA = 0.55;
/**
 * Longest move drawn as a trail segment, as a fraction of the box diagonal. Transport samplers
 * move particles between modes in one step (a categorical jump): a straight line across the
 * density there would show a path the particle never took, so such moves leave no trail.
 */
export const MAX_TRAIL_JUMP = 0.12;
/** Layers a trail is split into (one more is kept for the steps being filled in). */
const LAYERS = 4;
/**
 * Most trail segments stroked in one update (about 2 ms of software raster): a panel that ran
 * many steps since its last picture catches up over the next frames, oldest steps first, so the
 * finished picture is the same and no single frame pays for all of them.
 */
export const SEGMENTS_PER_UPDATE = 4000;

/** A panel's ring buffer of past positions (see PanelFrame). */
export interface TrailRing {
  /** (trailLength, n, 2) */
  readonly data: Float32Array;
  /** Particles per slot. */
  readonly n: number;
  /** Slot of the newest positions. */
  readonly head: number;
  /** Valid slots: min(iteration + 1, trailLength). */
  readonly count: number;
  /** Iteration of the newest positions. */
  readonly iteration: number;
}

export interface TrailView {
  readonly box: Box;
  /** Backing-store size in device pixels and the device pixel ratio. */
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly dpr: number;
  readonly colour: string;
  /** Stroke width in CSS pixels (thicker on a projector). */
  readonly lineWidth?: number;
}

/** Trail stroke width in CSS pixels unless the view says otherwise. */
export const TRAIL_WIDTH = 1.2;

interface Layer {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  /** Absolute layer number held (steps k B + 1 .. k B + B), or -1. */
  index: number;
}

export interface ShownLayer {
  readonly canvas: HTMLCanvasElement;
  readonly alpha: number;
}

export class TrailLayers {
  private layers: Layer[] = [];
  private viewKey = '';
  /** Steps per layer. */
  private perLayer = 1;
  private slots = 0;
  /** Newest step stroked, and a copy of the positions it ended at (to notice a restarted panel). */
  private drawnUpTo = 0;
  private drawnEnd: Float32Array | null = null;
  private behind = false;

  constructor(private readonly createCanvas: () => HTMLCanvasElement = () => document.createElement('canvas')) {}

  /** Steps the ring holds were left for later updates (call update again, even without a new frame). */
  get catchingUp(): boolean {
    return this.behind;
  }

  /**
   * Bring the layers up to the ring's newest step (at most SEGMENTS_PER_UPDATE segments at a
   * time: see catchingUp) and list what to composite, oldest first.
   */
  update(ring: TrailRing, view: TrailView): ShownLayer[] {
    const { n, iteration: I } = ring;
    const L = n > 0 ? ring.data.length / (2 * n) : 0;
    this.behind = false;
    if (!Number.isInteger(L) || L < 2 || ring.count < 2) {
      this.clear(); // nothing to show yet (iteration 0, a restarted panel)
      return [];
    }
    const key = `${view.pixelWidth}x${view.pixelHeight}@${view.dpr}|${view.box.xmin},${view.box.xmax},${view.box.ymin},${view.box.ymax}|${view.colour}|${view.lineWidth ?? TRAIL_WIDTH}|${L}|${n}`;
    const first = I - ring.count + 2; // oldest step whose segment the ring holds (it joins step - 1 to step)
    if (key !== this.viewKey) this.reshape(key, L, view);
    else if (this.drawnEnd && !this.continues(ring, L)) this.clear();
    const from = Math.max(this.drawnUpTo + 1, first, 1);
    const to = Math.min(I, from + Math.max(1, Math.floor(SEGMENTS_PER_UPDATE / n)) - 1);
    for (let s = from; s <= to; s++) this.stroke(ring, s, L, view);
    if (to >= from) {
      const at = this.slotOf(ring, to, L) * 2 * n;
      this.drawnUpTo = to;
      this.drawnEnd = ring.data.slice(at, at + 2 * n);
    }
    this.behind = to < I;
    return this.shown(I, first, ring.count - 1);
  }

  private slotOf(ring: TrailRing, iteration: number, L: number): number {
    return (((ring.head - (ring.iteration - iteration)) % L) + L) % L;
  }

  /** The ring still holds the last step drawn, at the same positions: the same run, moved on (or not). */
  private continues(ring: TrailRing, L: number): boolean {
    const end = this.drawnEnd!;
    if (this.drawnUpTo > ring.iteration || ring.iteration - this.drawnUpTo >= ring.count || end.length !== 2 * ring.n) return false;
    const base = this.slotOf(ring, this.drawnUpTo, L) * 2 * ring.n;
    for (let k = 0; k < end.length; k++) if (!Object.is(ring.data[base + k], end[k])) return false;
    return true;
  }

  private reshape(key: string, L: number, view: TrailView): void {
    this.viewKey = key;
    this.perLayer = Math.max(1, Math.ceil((L - 1) / LAYERS));
    this.slots = Math.ceil((L - 1) / this.perLayer) + 1;
    this.layers = Array.from({ length: this.slots }, () => {
      const canvas = this.createCanvas();
      canvas.width = view.pixelWidth;
      canvas.height = view.pixelHeight;
      const ctx = canvas.getContext('2d')!;
      return { canvas, ctx, index: -1 };
    });
    this.drawnUpTo = 0;
    this.drawnEnd = null;
  }

  private clear(): void {
    if (this.drawnEnd === null && this.layers.every((l) => l.index < 0)) return;
    for (const layer of this.layers) {
      layer.ctx.setTransform(1, 0, 0, 1, 0, 0);
      layer.ctx.clearRect(0, 0, layer.canvas.width, layer.canvas.height);
      layer.index = -1;
    }
    this.drawnUpTo = 0;
    this.drawnEnd = null;
  }

  /** Stroke step s's segments (positions of step s - 1 to step s) into its layer, on their own. */
  private stroke(ring: TrailRing, s: number, L: number, view: TrailView): void {
    const n = ring.n;
    const index = Math.floor((s - 1) / this.perLayer);
    const layer = this.layers[index % this.slots];
    const ctx = layer.ctx;
    if (layer.index !== index) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, layer.canvas.width, layer.canvas.height);
      layer.index = index;
    }
    const { box, dpr } = view;
    const sx = view.pixelWidth / dpr / (box.xmax - box.xmin);
    const sy = view.pixelHeight / dpr / (box.ymax - box.ymin);
    const from = this.slotOf(ring, s - 1, L) * 2 * n;
    const to = this.slotOf(ring, s, L) * 2 * n;
    const d = ring.data;
    const maxJump2 = MAX_TRAIL_JUMP ** 2 * ((box.xmax - box.xmin) ** 2 + (box.ymax - box.ymin) ** 2);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.lineWidth = view.lineWidth ?? TRAIL_WIDTH;
    ctx.lineCap = 'butt';
    ctx.strokeStyle = view.colour;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x0 = d[from + 2 * i], y0 = d[from + 2 * i + 1];
      const x1 = d[to + 2 * i], y1 = d[to + 2 * i + 1];
      if (!(Number.isFinite(x0) && Number.isFinite(y0) && Number.isFinite(x1) && Number.isFinite(y1))) continue;
      if ((x1 - x0) ** 2 + (y1 - y0) ** 2 > maxJump2) continue;
      ctx.moveTo((x0 - box.xmin) * sx, (box.ymax - y0) * sy);
      ctx.lineTo((x1 - box.xmin) * sx, (box.ymax - y1) * sy);
    }
    ctx.stroke();
  }

  /**
   * Layers whose steps the ring still holds entirely, oldest first, each with the opacity of
   * its middle step (linear fade over the `segments` steps shown, newest TRAIL_ALPHA).
   */
  private shown(I: number, first: number, segments: number): ShownLayer[] {
    const out: { index: number; canvas: HTMLCanvasElement; alpha: number }[] = [];
    for (const layer of this.layers) {
      const k = layer.index;
      if (k < 0) continue;
      const oldest = k * this.perLayer + 1;
      if (oldest < Math.max(first, 1) || oldest > I) continue;
      const newest = Math.min(I, oldest + this.perLayer - 1);
      const age = I - (oldest + newest) / 2;
      const alpha = (TRAIL_ALPHA * Math.max(0, segments - age)) / segments;
      if (alpha > 0) out.push({ index: k, canvas: layer.canvas, alpha });
    }
    return out.sort((a, b) => a.index - b.index).map(({ canvas, alpha }) => ({ canvas, alpha }));
  }
}
