import type { Diagnostics } from '../../src/engine/samplers/types';

/** Steps the shown ELBO averages over. */
export const ELBO_WINDOW = 20;

/**
 * The one ELBO a variational panel shows (status line, chart, metrics CSV): the mean of the last
 * ELBO_WINDOW steps' Monte Carlo estimates E_q[log pi - log q], each from that step's K draws of q
 * (fewer steps at the start). One step's K-draw estimate is too noisy to read (sd of order
 * 1 / sqrt(K)); q moves little over 20 steps of size h. log pi is unnormalised: the level is
 * log Z - KL(q || pi) up to a constant, only its rise matters. A reset or restart makes a new
 * panel, hence a new window.
 */
export class ElboWindow {
  private readonly values: number[] = [];

  /** The step's diagnostics with `elbo` replaced by the window's mean and `elboSteps` the steps in it. */
  smooth(d: Diagnostics): Diagnostics {
    const v = d.elbo;
    if (v === undefined) return d;
    this.values.push(v);
    if (this.values.length > ELBO_WINDOW) this.values.shift();
    const finite = this.values.filter(Number.isFinite);
    const mean = finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN;
    return { ...d, elbo: mean, elboSteps: this.values.length };
  }
}
