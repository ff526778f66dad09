import { measureFor } from '../../src/engine/metrics/measure';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import type { TargetNd } from '../../src/engine/targets/nd/types';
import { ndViewOf } from '../../src/engine/targets/ndSpec';
import type { Target } from '../../src/engine/targets/types';
import type { BlrData } from '../../src/engine/targets/blr/dataSets';
import { blrTarget } from '../../src/engine/targets/blr/target';
import { sessionHeatmap } from '../densityGrid';
import type { AxesView, CouplingLines, CouplingRow, FrameOptions, PanelFrame, PanelInfo, PanelSpec, SessionInfo, StageRecord, ViParameters } from '../samplerApi';
import type { Accelerator } from './accelerator';
import { Panel, type PanelContext, type SamplerFactory } from './panel';
import { Projection } from './projection';
import { checkAxes, checkPanelSpec, type SessionConfig } from './sessionParams';

/**
 * One experiment: a target, a shared initial cloud and seed, and 1 to MAX_PANELS panels stepping on it.
 * Panels step in rounds, one panel-step at a time from a cursor, so a caller can yield between
 * any two panel-steps and still keep the panels in lockstep (at most one step apart, and
 * equal between rounds).
 */
export class Session {
  private panels: Panel[];
  private readonly ctx: PanelContext;
  /** Next panel to step within the current round. */
  private cursor = 0;
  /** What is drawn: the target, or a d-dimensional target's (i, j) marginal view. */
  private view: Target;

  /**
   * Builds every panel; throws "panel k: ..." for the first bad one. target: built from
   * config.target; nd: the d-dimensional target itself when config.target is one (target is
   * then its view), whose exact draws the metrics are measured against.
   */
  constructor(
    readonly config: SessionConfig,
    readonly target: Target,
    createSampler: SamplerFactory,
    accel: Accelerator,
    private readonly nd: TargetNd | null = null,
    /** A logistic-regression target's data set: its metrics are against its reference posterior and test rows. */
    private readonly blr: BlrData | null = null,
  ) {
    const dim = nd?.dim ?? blr?.problem.dim ?? 2;
    this.view = nd ? ndViewOf(nd, config.axes) : blr && dim > 2 ? blrTarget(blr, ...config.axes) : target;
    const { box } = target;
    this.ctx = {
      target,
      projection: new Projection(dim, nd || blr ? config.axes : [0, 1]),
      initial: initialCloud(config.seed, { n: config.n, center: config.center, spread: config.spread, dim }),
      seed: config.seed,
      trailLength: config.trailLength,
      metricsEvery: config.metricsEvery,
      measure: config.metricsEvery > 0 ? measureFor(target, nd, blr ?? undefined) : null,
      centre: [(box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2],
      createSampler,
      accel,
    };
    this.panels = config.panels.map((spec, i) => new Panel(this.ctx, spec, i, config.resume)); // resume: one panel only (checked)
  }

  /** The box, heatmap and panel list (a fresh heatmap every call: it is transferred). */
  info(): SessionInfo {
    const { view, config } = this;
    return {
      box: { ...view.box },
      heatmap: sessionHeatmap(view, view.box),
      dim: this.ctx.projection.dim,
      axes: this.ctx.projection.axes,
      panels: this.panels.map((p) => p.info),
      n: config.n,
      trailLength: config.trailLength,
      metricsEvery: config.metricsEvery,
      backend: this.ctx.accel.info,
    };
  }

  /** Where the Sinkhorn iterations run now. */
  backend() {
    return this.ctx.accel.info;
  }

  get size(): number {
    return this.panels.length;
  }

  /** Panels that can still step. */
  get active(): number {
    return this.panels.reduce((k, p) => k + (p.ok ? 1 : 0), 0);
  }

  /** True between the first and the last panel-step of a round. */
  get midRound(): boolean {
    return this.cursor !== 0;
  }

  /**
   * Step the next running panel of the round (a new round after the last); false when none can
   * step. A promise when that panel steps on the GPU: wait for it before the next call.
   */
  stepNext(): boolean | Promise<boolean> {
    const panels = this.panels;
    const n = panels.length;
    if (this.active === 0) return false;
    let i = this.cursor;
    while (i < n && !panels[i].ok) i++;
    if (i === n) for (i = 0; !panels[i].ok; i++);
    const stepped = panels[i].step();
    let next = i + 1;
    while (next < n && !panels[next].ok) next++; // so midRound ends with the last running panel
    this.cursor = next === n ? 0 : next;
    return stepped instanceof Promise ? stepped.then(() => true) : true;
  }

  /** k steps of every running panel, in round order from the cursor (so lockstep is kept). */
  async step(k: number): Promise<void> {
    const n = this.panels.length;
    for (let r = 0; r < k; r++)
      for (let t = 0; t < n; t++) {
        const stepped = this.panels[(this.cursor + t) % n].step();
        if (stepped instanceof Promise) await stepped;
      }
  }

  frame(opts?: FrameOptions): PanelFrame[] {
    return this.panels.map((p) => p.frame(opts));
  }

  couplingRow(panel: number, particle: number): CouplingRow {
    return this.panel(panel).couplingRow(particle);
  }

  couplingLines(panel: number, top: number, maxParticles: number): CouplingLines {
    return this.panel(panel).couplingLines(top, maxParticles);
  }

  viParameters(panel: number): ViParameters {
    return this.panel(panel).viParameters();
  }

  /** Panel `panel`'s next step, recorded stage by stage (ETD panels only). */
  stages(panel: number, particle: number): Promise<StageRecord> {
    return this.panel(panel).stages(particle);
  }

  /**
   * Draw coordinates (i, j) of a d-dimensional target from now on: every panel's trails restart
   * at its current positions, the samplers are untouched. Returns the new marginal to draw.
   */
  setAxes(i: number, j: number): AxesView {
    const { nd, blr } = this;
    const dim = nd?.dim ?? blr?.problem.dim ?? 2;
    if (dim <= 2) throw new Error(`setAxes: the target '${this.target.name}' is 2-dimensional (its axes are x and y)`);
    const axes = checkAxes([i, j], dim);
    this.view = nd ? ndViewOf(nd, axes) : blrTarget(blr!, ...axes);
    this.ctx.projection.axes = axes;
    for (const p of this.panels) p.reproject();
    return { axes, box: { ...this.view.box }, heatmap: sessionHeatmap(this.view, this.view.box) };
  }

  /** Restart panel `index` with a new spec from the shared cloud; a bad spec leaves it as it was. */
  setPanel(index: number, spec: PanelSpec): PanelInfo {
    this.panel(index);
    const panel = new Panel(this.ctx, checkPanelSpec(spec, index), index);
    this.panels[index] = panel;
    return panel.info;
  }

  /** Every panel back to step 0 with its current spec. */
  reset(): void {
    this.panels = this.panels.map((p) => new Panel(this.ctx, p.spec, p.index));
    this.cursor = 0;
  }

  private panel(index: number): Panel {
    if (!Number.isInteger(index) || index < 0 || index >= this.panels.length)
      throw new Error(`invalid panel: ${index} (must be an integer >= 0 and < ${this.panels.length})`);
    return this.panels[index];
  }
}
