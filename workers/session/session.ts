import { measureFor } from '../../src/engine/metrics/measure';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import type { TargetNd } from '../../src/engine/targets/nd/types';
import { ndViewOf } from '../../src/engine/targets/ndSpec';
import type { Target } from '../../src/engine/targets/types';
import type { BlrData } from '../../src/engine/targets/blr/dataSets';
import { blrTarget } from '../../src/engine/targets/blr/target';
import { sessionHeatmap } from './heatmap';
import type { AxesView, CouplingLines, CouplingRow, FrameOptions, PanelFrame, PanelInfo, PanelSpec, SessionInfo, StageRecord, ViParameters } from '../samplerApi';
import type { Accelerator } from './accelerator';
import { Panel, type PanelContext, type SamplerFactory } from './panel';
import { Projection } from './projection';
import { checkAxes, checkPanelSpec, type SessionConfig } from './sessionParams';

/**
 * One sampler on one target: the initial cloud and seed, and the panel that steps from it. The
 * page runs one session per panel, each in its own worker (src/run/panelPool.ts), so panels step
 * at their own pace.
 */
export class Session {
  private panel: Panel;
  private readonly ctx: PanelContext;
  /** What is drawn: the target, or a d-dimensional target's (i, j) marginal view. */
  private view: Target;

  /**
   * Builds the panel; throws on a bad spec. target: built from config.target; nd: the
   * d-dimensional target itself when config.target is one (target is then its view), whose exact
   * draws the metrics are measured against.
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
    this.panel = new Panel(this.ctx, config.panel, config.resume);
  }

  /** The box, heatmap and panel (a fresh heatmap every call: it is transferred). */
  info(): SessionInfo {
    const { view, config } = this;
    return {
      box: { ...view.box },
      heatmap: sessionHeatmap(view, view.box),
      dim: this.ctx.projection.dim,
      axes: this.ctx.projection.axes,
      panel: this.panel.info,
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

  /** The panel can still step (it has not failed). */
  get active(): boolean {
    return this.panel.ok;
  }

  /** One step; false when the panel cannot step. A promise when it steps on the GPU: wait for it before the next call. */
  stepNext(): boolean | Promise<boolean> {
    if (!this.panel.ok) return false;
    const stepped = this.panel.step();
    return stepped instanceof Promise ? stepped.then(() => true) : true;
  }

  /** k steps (fewer when the panel fails on the way). */
  async step(k: number): Promise<void> {
    for (let r = 0; r < k && this.panel.ok; r++) {
      const stepped = this.panel.step();
      if (stepped instanceof Promise) await stepped;
    }
  }

  frame(opts?: FrameOptions): PanelFrame {
    return this.panel.frame(opts);
  }

  couplingRow(particle: number): CouplingRow {
    return this.panel.couplingRow(particle);
  }

  couplingLines(top: number, maxParticles: number): CouplingLines {
    return this.panel.couplingLines(top, maxParticles);
  }

  viParameters(): ViParameters {
    return this.panel.viParameters();
  }

  /** The panel's next step, recorded stage by stage (ETD panels only). */
  stages(particle: number): Promise<StageRecord> {
    return this.panel.stages(particle);
  }

  /**
   * Draw coordinates (i, j) of a d-dimensional target from now on: the trails restart at the
   * current positions, the sampler is untouched. Returns the new marginal to draw.
   */
  setAxes(i: number, j: number): AxesView {
    const { nd, blr } = this;
    const dim = nd?.dim ?? blr?.problem.dim ?? 2;
    if (dim <= 2) throw new Error(`setAxes: the target '${this.target.name}' is 2-dimensional (its axes are x and y)`);
    const axes = checkAxes([i, j], dim);
    this.view = nd ? ndViewOf(nd, axes) : blrTarget(blr!, ...axes);
    this.ctx.projection.axes = axes;
    this.panel.reproject();
    return { axes, box: { ...this.view.box }, heatmap: sessionHeatmap(this.view, this.view.box) };
  }

  /** Restart the panel with a new spec from the initial cloud; a bad spec leaves it as it was. */
  setPanel(spec: PanelSpec): PanelInfo {
    this.panel = new Panel(this.ctx, checkPanelSpec(spec));
    return this.panel.info;
  }

  /** Back to step 0 with the current spec. */
  reset(): void {
    this.panel = new Panel(this.ctx, this.panel.spec);
  }
}
