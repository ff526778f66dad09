/**
 * One sampler worker per panel, so every panel steps at its own pace on its own core: an SVGD
 * panel is not held to an ETD panel's speed. Each worker holds a session of one sampler on the same
 * target, seed, N and initial cloud. Panels are keyed by the store's stable panel id: adding or
 * removing one leaves the others running, changing one restarts only its worker's session.
 * The pool merges the panels' latest frames in panel order; a panel whose reply is outstanding
 * contributes its last frame.
 */
import type { Axes, AxesView, CouplingLines, CouplingRow, DebugFault, FrameOptions, PanelInfo, PanelSpec, RunState, SamplerApi, SessionInfo, StageRecord } from '../../workers/samplerApi';
import type { PageFrame, PageInfo } from './latestFrame';
import { PanelDriver, Superseded, type InFlight, type SharedRequest } from './panelDriver';
import { mergeBackends, onPanel, sessionError } from './poolMessages';
import { panelThreads } from './threadShare';
import type { PanelWorkerFactory } from './workerClient';
import { DEFAULT_TIMING, type WatchTiming } from './workerWatch';

export type { SharedRequest };
export { Superseded, mergeBackends, onPanel };

/** A panel as the pool needs it: the store's stable id and what to run. */
export interface PoolPanel {
  readonly id: number;
  readonly spec: PanelSpec;
}

/** What the page shows about one panel's worker besides its frame. */
export interface PanelWorkerState {
  readonly id: number;
  readonly run: RunState;
  /** A command is queued or in flight, or its result not yet shown. */
  readonly busy: boolean;
  /** Its session is being built. */
  readonly starting: boolean;
  /** The request in flight and since when, or null. */
  readonly inFlight: InFlight | null;
  /** Why its worker was given up for good (it kept failing), or null. */
  readonly crashed: string | null;
  /** What happened to its worker that the panel says (replaced after it died or hung, a step cancelled), or null. */
  readonly notice: string | null;
}

export interface PanelPoolOptions {
  /** What frames carry besides positions (trails, plan, history). */
  readonly frameOptions?: () => FrameOptions;
  /** Called whenever a panel's frame, run state, busy flag, notice or crash changed. */
  readonly onChange?: () => void;
  /** The watchdog's and cancelling's timing (tests shorten it). */
  readonly timing?: WatchTiming;
}

export class PanelPool {
  private drivers: PanelDriver[] = [];
  private shared: SharedRequest | null = null;
  /** Bumped by every create: an older create that finishes later is dropped. */
  private generation = 0;
  /** Run rate of every panel (null: paused). */
  private rate: number | null = null;
  private readonly frameOptions: () => FrameOptions;
  private readonly onChange: () => void;
  private readonly timing: WatchTiming;

  constructor(
    private readonly makeWorker: PanelWorkerFactory,
    opts: PanelPoolOptions = {},
  ) {
    this.frameOptions = opts.frameOptions ?? (() => ({}));
    this.onChange = opts.onChange ?? (() => undefined);
    this.timing = opts.timing ?? DEFAULT_TIMING;
  }

  get ids(): number[] {
    return this.drivers.map((d) => d.id);
  }

  get size(): number {
    return this.drivers.length;
  }

  /**
   * A session per panel from the same shared settings: existing workers are reused (by id),
   * missing ones started, those of removed panels ended. Resolves with the box, heatmap and
   * every panel's info; null when a newer create replaced this one. A refusal names its panel.
   */
  async create(shared: SharedRequest, panels: readonly PoolPanel[]): Promise<PageInfo | null> {
    const g = ++this.generation;
    this.shared = shared;
    this.rate = null;
    const keep = new Set(panels.map((p) => p.id));
    for (const d of this.drivers) if (!keep.has(d.id)) d.dispose();
    const old = new Map(this.drivers.map((d) => [d.id, d]));
    this.drivers = panels.map((p) => old.get(p.id) ?? this.newDriver(p.id));
    this.shareThreads(panels.map((p) => p.spec.sampler));
    this.onChange();
    const results = await Promise.allSettled(this.drivers.map((d, i) => d.create(shared, panels[i].spec)));
    if (g !== this.generation) return null;
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed >= 0) throw sessionError((results[failed] as PromiseRejectedResult).reason, failed);
    const infos = results.map((r) => (r as PromiseFulfilledResult<SessionInfo>).value);
    const { panel: _first, ...common } = infos[0];
    return { ...common, panels: infos.map((info) => info.panel), backend: mergeBackends(infos.map((info) => info.backend))! };
  }

  /** Restart one panel with a new spec; the others keep going. A crashed worker is replaced. */
  async setPanel(id: number, spec: PanelSpec): Promise<PanelInfo> {
    const d = this.driver(id);
    try {
      this.shareThreads(this.drivers.map((x) => (x === d ? spec.sampler : x.spec?.sampler)));
      if (!d.isReady && !d.starting) {
        const info = await d.create(this.sharedRequest(), spec);
        if (this.rate !== null) d.setRate(this.rate);
        return info.panel;
      }
      return await d.setSpec(spec);
    } catch (e) {
      throw onPanel(e, this.indexOf(id));
    }
  }

  /** A new panel at `index` (default: last) from the shared cloud; it runs if the others do. */
  async add(id: number, spec: PanelSpec, index = this.drivers.length): Promise<PanelInfo> {
    if (this.drivers.some((d) => d.id === id)) throw new Error(`panel id ${id} is already in the pool`);
    const d = this.newDriver(id);
    this.drivers.splice(Math.max(0, Math.min(index, this.drivers.length)), 0, d);
    this.shareThreads(this.drivers.map((x) => (x === d ? spec.sampler : x.spec?.sampler)));
    this.onChange();
    try {
      const info = await d.create(this.sharedRequest(), spec);
      if (this.rate !== null) d.setRate(this.rate);
      return info.panel;
    } catch (e) {
      throw onPanel(e, this.indexOf(id));
    }
  }

  /**
   * Every panel draws coordinates `axes` of the d-dimensional target from now on (panels added
   * or rebuilt later too); the samplers keep stepping. Resolves with the new marginal, or null
   * when no panel holds a session yet.
   */
  async setAxes(axes: Axes): Promise<AxesView | null> {
    if (this.shared) this.shared = { ...this.shared, axes };
    const views = await Promise.all(this.drivers.map((d, i) => d.setAxes(axes).catch((e: unknown) => Promise.reject(onPanel(e, i)))));
    return views.find((v) => v !== null) ?? null;
  }

  /** End a panel's worker; the others are untouched. */
  remove(id: number): void {
    const d = this.drivers.find((x) => x.id === id);
    if (!d) return;
    d.dispose();
    this.drivers = this.drivers.filter((x) => x !== d);
    this.shareThreads(this.drivers.map((x) => x.spec?.sampler));
    this.onChange();
  }

  /** Put the panels in this order (the same ids as now). */
  order(ids: readonly number[]): void {
    const byId = new Map(this.drivers.map((d) => [d.id, d]));
    if (ids.length !== byId.size || !ids.every((id) => byId.has(id))) throw new Error(`order: ids ${ids.join(',')} are not the pool's ${this.ids.join(',')}`);
    this.drivers = ids.map((id) => byId.get(id)!);
    this.onChange();
  }

  /** k more steps of every panel (pauses them); resolves when every panel has shown its result. */
  async step(k: number): Promise<void> {
    this.rate = null;
    await Promise.all(this.live().map((d) => d.step(k).then(() => d.idle())));
  }

  /** k more steps of panel `index` alone (pauses it); resolves when its result is shown. */
  async stepPanel(index: number, k: number): Promise<void> {
    const d = this.at(index);
    await d.step(k).then(() => d.idle());
  }

  /** Panel `index` alone back to step 0 (same cloud, seed and sampler); pauses it. */
  async resetPanel(index: number): Promise<void> {
    await this.named(index, async (d) => {
      if (!d.isReady && !d.starting) await d.create(this.sharedRequest(), this.specOf(d));
      else await d.reset();
      await d.idle();
    });
  }

  /** Every panel runs its own loop at `rate` steps per second (each reaches what it can). */
  run(rate: number): void {
    this.rate = rate;
    for (const d of this.live()) d.setRate(rate);
  }

  /**
   * Pause every panel; resolves when every loop stopped and its last frame arrived. A worker in a
   * long step is terminated after cancelMs and its panel continues from its last frame.
   */
  async pause(): Promise<void> {
    this.rate = null;
    const live = this.live();
    for (const d of live) d.pause();
    await Promise.all(live.map((d) => d.idle()));
  }

  /** Every panel back to step 0 (a worker given up or stuck in a step is replaced); pauses. */
  async reset(): Promise<void> {
    this.rate = null;
    await Promise.all(this.drivers.map((_, i) => this.resetPanel(i)));
  }

  /** Ask every panel for a fresh frame; a panel whose reply is outstanding is skipped. */
  poll(): void {
    for (const d of this.live()) d.poll();
  }

  /** Resolves when no panel has anything queued or in flight. */
  async idle(): Promise<void> {
    await Promise.all(this.drivers.map((d) => d.idle()));
  }

  /** The latest frame of every panel, in panel order. */
  frame(): PageFrame {
    const runs = this.drivers.map((d) => d.run);
    return {
      panels: this.drivers.map((d) => d.frame),
      run: {
        running: runs.some((r) => r.running),
        stepsPerSecond: Math.max(0, ...runs.map((r) => r.stepsPerSecond)),
        backend: mergeBackends(runs.map((r) => r.backend)),
      },
    };
  }

  /** Per panel, in panel order: run state, busy, in-flight request, crash. */
  states(): PanelWorkerState[] {
    return this.drivers.map((d) => ({ id: d.id, run: d.run, busy: d.busy, starting: d.starting, inFlight: d.inFlight, crashed: d.crashed, notice: d.notice }));
  }

  /** Forget what panel `id` says about its worker. */
  dismissNotice(id: number): void {
    this.drivers.find((d) => d.id === id)?.dismissNotice();
  }

  /** Fault injection for tests: terminate panel `index`'s worker behind its driver's back, or make it close, throw or hang. */
  debugFault(index: number, kind: DebugFault | 'terminate'): void {
    const d = this.at(index);
    if (kind === 'terminate') d.debugTerminate();
    else d.debugFault(kind);
  }

  /** A row of the last plan of panel `index`, asked of that panel's own worker. */
  couplingRow(index: number, particle: number): Promise<CouplingRow> {
    return this.named(index, (d) => d.couplingRow(particle));
  }

  /** The coupling lines of panel `index`'s last plan, from that panel's own worker, in one call. */
  couplingLines(index: number, top: number, maxParticles: number): Promise<CouplingLines> {
    return this.named(index, (d) => d.couplingLines(top, maxParticles));
  }

  /** A question to panel `index`'s own worker that changes nothing. */
  ask<T>(index: number, call: (api: SamplerApi) => Promise<T>): Promise<T> {
    return this.named(index, (d) => d.ask(call));
  }

  /** Panel `index`'s next step, recorded stage by stage by its own worker (ETD panels only). */
  stages(index: number, particle: number): Promise<StageRecord> {
    return this.named(index, (d) => d.stages(particle));
  }

  /** End every worker. */
  dispose(): void {
    this.generation++;
    for (const d of this.drivers) d.dispose();
    this.drivers = [];
    this.shared = null;
    this.onChange();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private newDriver(id: number): PanelDriver {
    return new PanelDriver(id, this.makeWorker, this.frameOptions, () => this.onChange(), this.timing);
  }

  /** Every panel's share of the cores for its kernel threads (samplers in panel order). */
  private shareThreads(samplers: readonly (string | undefined)[]): void {
    const k = panelThreads(samplers);
    this.drivers.forEach((d, i) => d.setThreads(k[i]));
  }

  /** Panels whose worker holds (or is building) a session. */
  private live(): PanelDriver[] {
    return this.drivers.filter((d) => d.isReady || d.starting);
  }

  /** The driver of panel `index` (page order). */
  private at(index: number): PanelDriver {
    const d = this.drivers[index];
    if (!d) throw new Error(`invalid panel: ${index} (must be an integer >= 0 and < ${this.drivers.length})`);
    return d;
  }

  /** A request to panel `index`'s driver, its errors said about that panel. */
  private async named<T>(index: number, call: (d: PanelDriver) => Promise<T>): Promise<T> {
    const d = this.at(index);
    try {
      return await call(d);
    } catch (e) {
      throw onPanel(e, index);
    }
  }

  private driver(id: number): PanelDriver {
    const d = this.drivers.find((x) => x.id === id);
    if (!d) throw new Error(`no panel with id ${id}`);
    return d;
  }

  private indexOf(id: number): number {
    return Math.max(0, this.drivers.findIndex((d) => d.id === id));
  }

  private sharedRequest(): SharedRequest {
    if (!this.shared) throw new Error('no session: call create first');
    return this.shared;
  }

  private specOf(d: PanelDriver): PanelSpec {
    const spec = d.spec;
    if (!spec) throw new Error(`panel ${this.indexOf(d.id) + 1} has no sampler yet`);
    return spec;
  }
}
