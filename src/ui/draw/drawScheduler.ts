/**
 * One requestAnimationFrame loop for every panel's picture, with a time budget per frame: all
 * rAF callbacks of a frame run in one main-thread task, so four panels each redrawing 10 ms of
 * particles (N = 1000) in the same frame made a 40+ ms task. Here a frame draws the pictures
 * that changed, the one waiting longest first, until the budget is spent (at least one per
 * frame); the others draw in the next frames. Nothing is skipped, only spread out.
 */

/** Drawing time per animation frame before the remaining pictures wait for the next frame. */
export const DRAW_BUDGET_MS = 12;

export interface DrawJob {
  /** Whether the picture changed since it was last drawn (cheap: called every frame). */
  pending(): boolean;
  draw(): void;
}

interface Entry {
  readonly job: DrawJob;
  /** When it was first seen pending and not yet drawn (performance.now()), or null. */
  since: number | null;
}

export class DrawScheduler {
  private readonly entries = new Set<Entry>();
  private raf = 0;

  constructor(
    private readonly budgetMs = DRAW_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly requestFrame: (cb: () => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly cancelFrame: (id: number) => void = (id) => cancelAnimationFrame(id),
  ) {}

  /** Draw `job` whenever it is pending; returns the function that stops it. */
  register(job: DrawJob): () => void {
    const entry: Entry = { job, since: null };
    this.entries.add(entry);
    if (this.entries.size === 1) this.raf = this.requestFrame(this.tick);
    return () => {
      this.entries.delete(entry);
      if (this.entries.size === 0) this.cancelFrame(this.raf);
    };
  }

  /** One frame: the pending pictures, longest waiting first, while the budget lasts. */
  readonly tick = (): void => {
    if (this.entries.size === 0) return;
    this.raf = this.requestFrame(this.tick);
    const start = this.now();
    const due: Entry[] = [];
    for (const e of this.entries) {
      if (!e.job.pending()) {
        e.since = null;
        continue;
      }
      e.since ??= start;
      due.push(e);
    }
    due.sort((a, b) => a.since! - b.since!);
    for (let k = 0; k < due.length; k++) {
      if (k > 0 && this.now() - start >= this.budgetMs) break;
      due[k].since = null;
      due[k].job.draw();
    }
  };
}

/** The page's scheduler for panel pictures. */
export const panelDraws = new DrawScheduler();
