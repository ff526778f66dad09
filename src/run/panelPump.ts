/**
 * How a panel's wishes reach its worker (the base of PanelDriver, panelDriver.ts): one request
 * at a time, a wished-for session first, then the first wanted kind of the table in
 * panelRequests.ts, else a frame; a lost worker is replaced (PanelBase) and the pump goes on.
 */
import type { FrameOptions, PanelSpec, SessionInfo, SessionRequest } from '../../workers/samplerApi';
import { EMPTY_FRAME, HISTORY_REFRESH_MS, PanelBase, PLAN_REFRESH_MS, STOPPED } from './panelBase';
import { kindOf, PANEL_REQUESTS, type PanelRequest, type RequestHost } from './panelRequests';
import { errorOf, rejectWish, sessionWish, Superseded } from './requests';
import { WorkerLost } from './workerWatch';

export abstract class PanelPump extends PanelBase implements RequestHost {
  /** The worker now runs this spec: frames of the old one are stale (RequestHost). */
  specTaken(spec: PanelSpec): void {
    this.generation++;
    this.currentSpec = spec;
  }

  protected async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.hasWork()) {
        const g = this.generation;
        try {
          await this.next(g);
        } catch (e) {
          if (e instanceof WorkerLost) this.replace(e.loss);
          else if (this.fault === null && this.link.exists && g === this.generation && !(e instanceof Superseded))
            this.replace({ kind: 'dead', message: `the sampler worker failed: ${errorOf(e).message}` }); // it broke the API's contract
        }
        this.notifyBusy();
      }
    } finally {
      this.pumping = false;
      this.armHeartbeat();
      this.notifyBusy();
      this.flushIdle();
    }
  }

  /** One request: a wished-for session first, then the first wanted kind of the table, else a frame. */
  protected next(g: number): Promise<void> {
    if (this.wishes.createWish) return this.nextSession();
    const r = PANEL_REQUESTS.find((x) => x.wanted(this.wishes));
    return r ? this.serve(r) : this.nextFrame(g);
  }

  protected async serve<T, R>(r: PanelRequest<T, R>): Promise<void> {
    const taken = r.take(this.wishes);
    let reply: R;
    try {
      reply = await this.send(kindOf(r, taken), (api) => r.call(api, taken), this.allowance(r.kind, r.steps?.(taken) ?? 0));
    } catch (e) {
      if (e instanceof WorkerLost) r.lost?.(this.wishes, taken);
      else if (r.refused?.(this.wishes, taken, e)) return;
      throw e;
    }
    r.done(this, taken, reply);
  }

  /** A frame: everything asked for when it shows a command's result, else plans and histories at their refresh rate. */
  protected async nextFrame(g: number): Promise<void> {
    const w = this.wishes;
    w.frameWanted = w.pingWanted = false; // a frame tells as much as a ping
    const followUp = w.followUp;
    const now = performance.now();
    const asked = this.frameOptions();
    const opts: FrameOptions = followUp
      ? asked
      : { ...asked, plan: asked.plan !== false && now - this.planAt >= PLAN_REFRESH_MS, history: asked.history !== false && now - this.historyAt >= HISTORY_REFRESH_MS };
    const reply = await this.send('frame', (api) => api.frame(opts), this.allowance('frame'));
    if (g !== this.generation) {
      w.frameWanted = true; // a reply from before a restart: ask again
      return;
    }
    if (followUp) w.followUp = false;
    if (opts.plan !== false) this.planAt = now;
    if (opts.history !== false) this.historyAt = now;
    this.accept(reply.panel, reply.run);
  }

  /** Build the wished-for session, on a fresh worker if the last one was lost or given up. */
  protected async nextSession(): Promise<void> {
    const w = this.wishes;
    const wish = w.createWish!;
    w.createWish = null;
    if (!this.link.exists || this.fault !== null) this.spawn();
    const token = this.link.token;
    const fresh = this.link.fresh;
    w.stopped = false;
    const request: SessionRequest = { ...wish.shared, panel: wish.spec, threads: this.threads, ...(wish.resume ? { resume: wish.resume } : {}) };
    let info: SessionInfo;
    try {
      info = await this.send('create', (api) => api.createSession(request), this.allowance('create'));
    } catch (e) {
      if (e instanceof Superseded) return rejectWish(wish, e); // the panel was removed
      if (e instanceof WorkerLost) {
        if (w.createWish) rejectWish(wish, new Superseded('a newer session'));
        else w.createWish = wish; // again, on the next worker
        throw e;
      }
      if (wish.fallback && !w.createWish) {
        // The new spec was refused on a replacement worker: the panel goes back to what it was.
        wish.specWaiters.forEach((x) => x.reject(e));
        wish.resetWaiters.forEach((x) => x.resolve());
        w.createWish = sessionWish(wish.shared, wish.fallback.spec, { resume: wish.fallback.resume });
        this.noticeText = wish.fallback.notice;
        return;
      }
      rejectWish(wish, e);
      if (!w.createWish) {
        // Refused (a bad setting): the worker kept its old session, perhaps still running; end it.
        this.link.end();
        this.ready = false;
        this.emit();
      }
      return;
    }
    if (this.link.token !== token) return rejectWish(wish, new Superseded('the panel was removed'));
    if (w.createWish) return rejectWish(wish, new Superseded('a newer session'));
    this.link.settled();
    if (fresh && this.canceller.since !== null) this.canceller.since = performance.now(); // what waits on it may take its time from now
    this.ready = true;
    w.workerRate = null;
    this.shared = wish.shared;
    this.currentSpec = wish.spec;
    if (!wish.resume) this.lastFrame = EMPTY_FRAME; // a resumed panel keeps its picture until its first frame
    this.lastRun = { ...STOPPED, backend: info.backend };
    if (request.threads !== this.threads) this.link.api.setThreads(this.threads).catch(() => undefined); // the share changed meanwhile
    w.showResult();
    wish.waiters.forEach((x) => x.resolve(info));
    wish.resetWaiters.forEach((x) => x.resolve());
    wish.specWaiters.forEach((x) => x.resolve(info.panel));
  }
}
