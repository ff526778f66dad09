import { exactReference } from '../../src/engine/metrics';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import type { Target } from '../../src/engine/targets/types';
import { sessionHeatmap } from '../densityGrid';
import type { CouplingLines, CouplingRow, FrameOptions, PanelFrame, PanelInfo, PanelSpec, SessionInfo, StageRecord } from '../samplerApi';
import type { Accelerator } from './accelerator';
import { Panel, type PanelContext, type SamplerFactory } from './panel';
import { checkPanelSpec, type SessionConfig } from './sessionParams';

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

  /** Builds every panel; throws "panel k: ..." for the first bad one. target: built from config.target. */
  constructor(
    readonly config: SessionConfig,
    readonly target: Target,
    createSampler: SamplerFactory,
    accel: Accelerator,
  ) {
    const { box } = target;
    this.ctx = {
      target,
      initial: initialCloud(config.seed, { n: config.n, center: config.center, spread: config.spread }),
      seed: config.seed,
      trailLength: config.trailLength,
      metricsEvery: config.metricsEvery,
      reference: config.metricsEvery > 0 ? exactReference(target) : null,
      centre: [(box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2],
      createSampler,
      accel,
    };
    this.panels = config.panels.map((spec, i) => new Panel(this.ctx, spec, i, config.resume)); // resume: one panel only (checked)
  }

  /** The box, heatmap and panel list (a fresh heatmap every call: it is transferred). */
  info(): SessionInfo {
    const { target, config } = this;
    return {
      box: { ...target.box },
      heatmap: sessionHeatmap(target, target.box),
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

  /** Panel `panel`'s next step, recorded stage by stage (ETD panels only). */
  stages(panel: number, particle: number): Promise<StageRecord> {
    return this.panel(panel).stages(particle);
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
