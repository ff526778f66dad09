/**
 * When a lab model has finished training: a stopping rule on the smoothed minibatch loss.
 *
 * The loss of every step is smoothed by an exponential moving average with time constant tau
 * steps, bias-corrected as in Adam (m_t = (1 - 1/tau) m_{t-1} + loss_t / tau, read as
 * m_t / (1 - (1 - 1/tau)^t)), and its noise is tracked the same way: s_t = 1.25 x the
 * bias-corrected average of |loss_t - m_{t-1}| (a robust scale: 1.25 = sqrt(pi / 2) makes it the
 * standard deviation for Gaussian noise, and a rare huge minibatch loss moves it little).
 * Every `window` steps (window >= tau, so the two averages are nearly independent) the smoothed
 * loss is compared with its value one window earlier: the window is **flat** when
 *   m_{t - window} - m_t <= z s_t / sqrt(tau),
 * i.e. the loss fell by no more than z standard deviations of the difference of two such averages
 * (sd about s / sqrt(tau)): no improvement the noise could not explain. `patience` flat windows
 * in a row after `minSteps`: plateau. `cap` steps stop it in any case. The rule is free of the
 * loss's offset and scale, and of how far it fell early on, so one rule fits VarEOT's and
 * LightSB's losses.
 */

export interface PlateauSettings {
  /** EMA time constant, steps. */
  readonly tau: number;
  /** Steps between checks (at least tau). */
  readonly window: number;
  /** A window is flat when the smoothed loss fell by at most z noise standard deviations. */
  readonly z: number;
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
  /** The loss's noise scale s (NaN before the first step). */
  readonly noise: number;
  /** The smoothed loss's fall over the last window (NaN before the second check). */
  readonly lastFall: number;
  /** Flat windows in a row so far. */
  readonly flat: number;
  /** Why training stopped, or null while it should go on. */
  readonly stopped: StopReason | null;
}

/** The noise scale is at least this fraction of |m| + 1 (a loss with no noise at all still levels off). */
const NOISE_FLOOR = 1e-9;

export class Plateau {
  private m = 0;
  private d = 0;
  private t = 0;
  private prev = NaN;
  private fall = NaN;
  private flat = 0;
  private stop: StopReason | null = null;

  constructor(readonly settings: PlateauSettings) {
    const { tau, window, cap, patience, z } = settings;
    if (!(tau >= 1 && window >= tau && cap >= 1 && patience >= 1 && z >= 0)) throw new Error('plateau: need tau >= 1, window >= tau, patience >= 1, cap >= 1, z >= 0');
  }

  /** Bias correction of an average of t steps. */
  private correct(v: number, t = this.t): number {
    return t ? v / (1 - (1 - 1 / this.settings.tau) ** t) : NaN;
  }

  /**
   * Feed one step's loss; returns true when training should stop (then every later push returns
   * true; the steps and the smoothed loss go on counting, for a chunk finished after the stop).
   */
  push(loss: number): boolean {
    const { tau, window, z, patience, minSteps, cap } = this.settings;
    if (!Number.isFinite(loss)) throw new Error(`the loss is ${loss} at step ${this.t + 1}`);
    const a = 1 / tau;
    const before = this.t ? this.correct(this.m) : loss;
    this.t++;
    this.d = (1 - a) * this.d + a * Math.abs(loss - before);
    this.m = (1 - a) * this.m + a * loss;
    if (this.stop) return true;
    if (this.t % window === 0) {
      const now = this.correct(this.m);
      if (!Number.isNaN(this.prev)) {
        this.fall = this.prev - now;
        const threshold = (z * this.noiseScale(now)) / Math.sqrt(tau);
        this.flat = this.fall <= threshold && this.t >= minSteps ? this.flat + 1 : 0;
        if (this.flat >= patience) this.stop = 'plateau';
      }
      this.prev = now;
    }
    if (!this.stop && this.t >= cap) this.stop = 'cap';
    return this.stop !== null;
  }

  private noiseScale(m: number): number {
    return Math.max(1.25 * this.correct(this.d), NOISE_FLOOR * (Math.abs(m) + 1));
  }

  get state(): PlateauState {
    const m = this.correct(this.m);
    return { steps: this.t, smoothed: m, noise: this.t ? this.noiseScale(m) : NaN, lastFall: this.fall, flat: this.flat, stopped: this.stop };
  }
}
