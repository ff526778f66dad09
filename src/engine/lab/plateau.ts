/**
 * When a lab model has finished training: a stopping rule on the smoothed minibatch loss.
 *
 * The loss of every step is smoothed by an exponential moving average with time constant tau
 * steps (bias-corrected as in Adam: m_t = (1 - 1/tau) m_{t-1} + loss_t / tau, shown m_t / (1 - (1 - 1/tau)^t)).
 * Every `window` steps the smoothed loss is compared with its value one window earlier: the
 * window's improvement relative to the improvement since the first check,
 *   rel = (m_{t - window} - m_t) / (m_first - m_t),
 * is below `tol` (a loss still falling by tol of everything it has fallen so far, per window,
 * is not flat; one that rose or stayed level is) for `patience` checks in a row after `minSteps`:
 * plateau. `cap` steps stop it in any case. The losses' constant offset and scale do not matter
 * (both differences are of the same loss), so one rule fits VarEOT's and LightSB's losses.
 */

export interface PlateauSettings {
  /** EMA time constant, steps. */
  readonly tau: number;
  /** Steps between checks. */
  readonly window: number;
  /** Relative improvement per window below which a window is flat. */
  readonly tol: number;
  /** Flat windows in a row that end training. */
  readonly patience: number;
  /** No plateau is called before this many steps. */
  readonly minSteps: number;
  /** Steps at most. */
  readonly cap: number;
}

export type StopReason = 'plateau' | 'cap';

export interface PlateauState {
  /** Steps seen. */
  readonly steps: number;
  /** The smoothed loss (bias-corrected EMA), NaN before the first step. */
  readonly smoothed: number;
  /** rel of the last check (NaN before the second check). */
  readonly lastRel: number;
  /** Flat windows in a row so far. */
  readonly flat: number;
  /** Why training stopped, or null while it should go on. */
  readonly stopped: StopReason | null;
}

export class Plateau {
  private m = 0;
  private t = 0;
  private first = NaN;
  private prev = NaN;
  private rel = NaN;
  private flat = 0;
  private stop: StopReason | null = null;

  constructor(readonly settings: PlateauSettings) {
    if (!(settings.tau >= 1 && settings.window >= 1 && settings.cap >= 1 && settings.patience >= 1)) throw new Error('plateau: tau, window, patience and cap must be at least 1');
  }

  private smoothed(): number {
    const a = 1 / this.settings.tau;
    return this.t ? this.m / (1 - (1 - a) ** this.t) : NaN;
  }

  /**
   * Feed one step's loss; returns true when training should stop (then every later push returns
   * true; the steps and the smoothed loss go on counting, for a chunk finished after the stop).
   */
  push(loss: number): boolean {
    const { tau, window, tol, patience, minSteps, cap } = this.settings;
    if (!Number.isFinite(loss)) throw new Error(`the loss is ${loss} at step ${this.t + 1}`);
    this.t++;
    const a = 1 / tau;
    this.m = (1 - a) * this.m + a * loss;
    if (this.stop) return true;
    if (this.t % window === 0) {
      const now = this.smoothed();
      if (Number.isNaN(this.first)) this.first = now;
      else {
        const total = this.first - now;
        this.rel = total > 0 ? (this.prev - now) / total : 0;
        this.flat = this.rel < tol && this.t >= minSteps ? this.flat + 1 : 0;
        if (this.flat >= patience) this.stop = 'plateau';
      }
      this.prev = now;
    }
    if (!this.stop && this.t >= cap) this.stop = 'cap';
    return this.stop !== null;
  }

  get state(): PlateauState {
    return { steps: this.t, smoothed: this.smoothed(), lastRel: this.rel, flat: this.flat, stopped: this.stop };
  }
}
