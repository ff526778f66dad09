/**
 * Adam (Kingma & Ba, ICLR 2015) on one flat float64 parameter vector, for the lab's models whose
 * gradients are written out by hand (LightSB): m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2,
 * theta <- theta - lr m_hat / (sqrt(v_hat) + epsilon), with bias-corrected m_hat and v_hat.
 */

export interface Adam64Settings {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

export class Adam64 {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    readonly settings: Adam64Settings,
    size: number,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** One step: theta is updated in place from its gradient g (same length). */
  step(theta: Float64Array, g: Float64Array): void {
    const { lr, beta1: b1, beta2: b2, epsilon } = this.settings;
    this.t++;
    const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    for (let k = 0; k < theta.length; k++) {
      const gk = g[k];
      this.m[k] = b1 * this.m[k] + (1 - b1) * gk;
      this.v[k] = b2 * this.v[k] + (1 - b2) * gk * gk;
      theta[k] -= (lr * (this.m[k] / c1)) / (Math.sqrt(this.v[k] / c2) + epsilon);
    }
  }
}
