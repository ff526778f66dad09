/**
 * Light Schroedinger Bridge (Korotin, Gushchin, Burnaev, "Light Schroedinger Bridge", ICLR 2024)
 * for the lab's entropic OT problem with c(x, y) = 0.5 ||x - y||^2 and regularisation eps.
 *
 * The conditional plan is written pi(y | x) = exp(<x, y> / eps) v(y) / c(x) with the adjusted
 * potential v an unnormalised Gaussian mixture,
 *   v(y) = sum_k a_k N(y; r_k, eps S_k),
 * so that (completing the square in y)
 *   exp(<x, y> / eps) N(y; r_k, eps S_k) = exp((x^T S_k x + 2 r_k^T x) / (2 eps)) N(y; r_k + S_k x, eps S_k),
 *   c(x) = sum_k a_k exp((x^T S_k x + 2 r_k^T x) / (2 eps))                      (closed form),
 *   pi(. | x) = mixture of N(r_k + S_k x, eps S_k), weights ∝ a_k exp((x^T S_k x + 2 r_k^T x) / (2 eps)),
 * sampled exactly. Training minimises, on minibatches of the two clouds,
 *   L = E_{x ~ P} log c(x) - E_{y ~ Q} log v(y),
 * the negative weak dual divided by eps up to constants (log v(y) = (f(y) - ||y||^2 / 2) / eps).
 * The same family and loss as the authors' code (ngushchin/LightSB, src/light_sb.py); this file
 * writes the gradient out by hand in float64.
 *
 * Parameters per component k (6 numbers, flat in `theta`): eps log a_k (the log-weight scaled by
 * eps, as the authors' code does: log c varies by O(1 / eps) across the source, so an optimiser
 * step of O(lr) on eps log a_k moves log a_k on that scale), r_k (2), and S_k = L_k L_k^T with
 * L_k = [[e^p, 0], [q, e^s]] (Cholesky factor: S_k symmetric positive definite for any p, q, s;
 * q stays 0 with diagonal covariances).
 */
import { Adam64, type Adam64Settings } from './adam64';
import { Rng } from '../random/rng';

export interface LightSbSettings {
  readonly eps: number;
  /** Mixture components K. */
  readonly components: number;
  /** 'full': S_k any SPD matrix; 'diagonal': S_k diagonal (the authors' default). */
  readonly covariance: 'full' | 'diagonal';
  /** Initial S_k = sInit I (the authors' 0.1). */
  readonly sInit: number;
  /** Points of each cloud per step (drawn with replacement). */
  readonly batch: number;
  readonly optimiser: Adam64Settings;
  readonly seed: number;
  /**
   * Samples come from an exponential moving average of the parameters over the training steps
   * (Polyak averaging), with this decay (ramped up as min(decay, (1 + t) / (10 + t)) so the first
   * steps count): Adam's last steps jitter the mixture weights, the average does not. 0: the
   * last parameters.
   */
  readonly average: number;
}

export const DEFAULT_LIGHTSB: Omit<LightSbSettings, 'eps'> = {
  components: 256,
  covariance: 'full',
  sInit: 0.1,
  batch: 256,
  optimiser: { lr: 3e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  seed: 1,
  average: 0.99,
};

/** Numbers per component in theta: eps l, r1, r2, p, q, s (l = log a). */
export const PER_COMPONENT = 6;

const LOG_2PI = Math.log(2 * Math.PI);

/** log sum_k exp(e_k) and the softmax of e (written into w), e: (K). */
function logSumExpSoftmax(e: Float64Array, w: Float64Array): number {
  let top = -Infinity;
  for (const v of e) if (v > top) top = v;
  let s = 0;
  for (let k = 0; k < e.length; k++) s += w[k] = Math.exp(e[k] - top);
  for (let k = 0; k < e.length; k++) w[k] /= s;
  return top + Math.log(s);
}

/**
 * The LightSB family as pure functions of theta (K * 6), so tests can differentiate it
 * numerically; the class below trains it.
 */
export class LightSbFamily {
  constructor(
    readonly eps: number,
    readonly K: number,
  ) {}

  /** log a_k, (K). */
  logWeights(theta: Float64Array): Float64Array {
    return Float64Array.from({ length: this.K }, (_, k) => theta[PER_COMPONENT * k] / this.eps);
  }

  /** e_k(x) = l_k + (x^T S_k x + 2 r_k^T x) / (2 eps), written into out (K). */
  private logWeightsAt(theta: Float64Array, x1: number, x2: number, out: Float64Array): void {
    const inv = 1 / (2 * this.eps);
    for (let k = 0; k < this.K; k++) {
      const o = PER_COMPONENT * k;
      const ep = Math.exp(theta[o + 3]), q = theta[o + 4], es = Math.exp(theta[o + 5]);
      const w1 = ep * x1 + q * x2, w2 = es * x2; // L^T x
      out[k] = theta[o] / this.eps + (w1 * w1 + w2 * w2 + 2 * (theta[o + 1] * x1 + theta[o + 2] * x2)) * inv;
    }
  }

  /** h_k(y) = l_k + log N(y; r_k, eps S_k), written into out (K). */
  private logComponentsAt(theta: Float64Array, y1: number, y2: number, out: Float64Array): void {
    const eps = this.eps;
    for (let k = 0; k < this.K; k++) {
      const o = PER_COMPONENT * k;
      const p = theta[o + 3], q = theta[o + 4], s = theta[o + 5];
      const u1 = (y1 - theta[o + 1]) * Math.exp(-p);
      const u2 = (y2 - theta[o + 2] - q * u1) * Math.exp(-s); // u = L^-1 (y - r)
      out[k] = theta[o] / eps - (u1 * u1 + u2 * u2) / (2 * eps) - LOG_2PI - Math.log(eps) - p - s;
    }
  }

  /** log c(x) for each point of x (N, 2). */
  logC(theta: Float64Array, x: Float64Array): Float64Array {
    const e = new Float64Array(this.K), w = new Float64Array(this.K);
    const out = new Float64Array(x.length / 2);
    for (let i = 0; i < out.length; i++) {
      this.logWeightsAt(theta, x[2 * i], x[2 * i + 1], e);
      out[i] = logSumExpSoftmax(e, w);
    }
    return out;
  }

  /** log v(y) for each point of y (M, 2). */
  logV(theta: Float64Array, y: Float64Array): Float64Array {
    const h = new Float64Array(this.K), w = new Float64Array(this.K);
    const out = new Float64Array(y.length / 2);
    for (let j = 0; j < out.length; j++) {
      this.logComponentsAt(theta, y[2 * j], y[2 * j + 1], h);
      out[j] = logSumExpSoftmax(h, w);
    }
    return out;
  }

  /** log pi(y | x) = <x, y> / eps + log v(y) - log c(x), for one x and each y (M, 2). */
  logConditional(theta: Float64Array, x: readonly [number, number], y: Float64Array): Float64Array {
    const lc = this.logC(theta, Float64Array.of(x[0], x[1]))[0];
    const lv = this.logV(theta, y);
    return lv.map((v, j) => (x[0] * y[2 * j] + x[1] * y[2 * j + 1]) / this.eps + v - lc);
  }

  /**
   * The loss mean_x log c(x) - mean_y log v(y) on the batches xs (B, 2), ys (B', 2) and its
   * gradient in theta (written into grad, K * 6). freezeQ: the diagonal family (dq = 0).
   */
  lossAndGrad(theta: Float64Array, xs: Float64Array, ys: Float64Array, grad: Float64Array, freezeQ = false): number {
    const K = this.K, eps = this.eps;
    const e = new Float64Array(K), w = new Float64Array(K);
    grad.fill(0);
    const nx = xs.length / 2, ny = ys.length / 2;
    let loss = 0;
    for (let i = 0; i < nx; i++) {
      const x1 = xs[2 * i], x2 = xs[2 * i + 1];
      this.logWeightsAt(theta, x1, x2, e);
      loss += logSumExpSoftmax(e, w) / nx;
      for (let k = 0; k < K; k++) {
        const c = w[k] / nx;
        if (c === 0) continue;
        const o = PER_COMPONENT * k;
        const ep = Math.exp(theta[o + 3]), q = theta[o + 4], es = Math.exp(theta[o + 5]);
        const w1 = ep * x1 + q * x2, w2 = es * x2;
        grad[o] += c / eps;
        grad[o + 1] += (c * x1) / eps;
        grad[o + 2] += (c * x2) / eps;
        grad[o + 3] += (c * w1 * ep * x1) / eps;
        grad[o + 4] += (c * w1 * x2) / eps;
        grad[o + 5] += (c * w2 * w2) / eps;
      }
    }
    for (let j = 0; j < ny; j++) {
      const y1 = ys[2 * j], y2 = ys[2 * j + 1];
      this.logComponentsAt(theta, y1, y2, e);
      loss -= logSumExpSoftmax(e, w) / ny;
      for (let k = 0; k < K; k++) {
        const c = w[k] / ny;
        if (c === 0) continue;
        const o = PER_COMPONENT * k;
        const p = theta[o + 3], q = theta[o + 4], s = theta[o + 5];
        const emp = Math.exp(-p), ems = Math.exp(-s);
        const u1 = (y1 - theta[o + 1]) * emp;
        const u2 = (y2 - theta[o + 2] - q * u1) * ems;
        const z2 = ems * u2, z1 = emp * (u1 - q * z2); // L^-T u: d(log N)/dr = z / eps
        grad[o] -= c / eps;
        grad[o + 1] -= (c * z1) / eps;
        grad[o + 2] -= (c * z2) / eps;
        grad[o + 3] -= c * ((u1 * u1 - q * ems * u1 * u2) / eps - 1);
        grad[o + 4] -= (c * u1 * u2 * ems) / eps;
        grad[o + 5] -= c * ((u2 * u2) / eps - 1);
      }
    }
    if (freezeQ) for (let k = 0; k < K; k++) grad[PER_COMPONENT * k + 4] = 0;
    return loss;
  }

  /** S_k as [s11, s12, s22]. */
  covariance(theta: Float64Array, k: number): [number, number, number] {
    const o = PER_COMPONENT * k;
    const ep = Math.exp(theta[o + 3]), q = theta[o + 4], es = Math.exp(theta[o + 5]);
    return [ep * ep, q * ep, q * q + es * es];
  }

  /**
   * count exact draws of pi(. | x0): a component k with probability softmax(e(x0))_k, then
   * r_k + S_k x0 + sqrt(eps) L_k z, z ~ N(0, I).
   */
  sample(theta: Float64Array, x0: readonly [number, number], count: number, rng: Rng): Float64Array {
    const K = this.K;
    const e = new Float64Array(K), w = new Float64Array(K);
    this.logWeightsAt(theta, x0[0], x0[1], e);
    logSumExpSoftmax(e, w);
    const cum = new Float64Array(K);
    let t = 0;
    for (let k = 0; k < K; k++) cum[k] = t += w[k];
    const out = new Float64Array(2 * count);
    const se = Math.sqrt(this.eps);
    for (let c = 0; c < count; c++) {
      const u = rng.uniform() * t;
      let k = 0;
      while (k < K - 1 && cum[k] <= u) k++;
      const o = PER_COMPONENT * k;
      const ep = Math.exp(theta[o + 3]), q = theta[o + 4], es = Math.exp(theta[o + 5]);
      const [s11, s12, s22] = this.covariance(theta, k);
      const m1 = theta[o + 1] + s11 * x0[0] + s12 * x0[1];
      const m2 = theta[o + 2] + s12 * x0[0] + s22 * x0[1];
      const z1 = rng.normal(), z2 = rng.normal();
      out[2 * c] = m1 + se * ep * z1;
      out[2 * c + 1] = m2 + se * (q * z1 + es * z2);
    }
    return out;
  }
}

/** LightSB trained on two point clouds (n, 2) and (m, 2) by Adam on minibatches. */
export class LightSb {
  readonly family: LightSbFamily;
  readonly theta: Float64Array;
  /** The averaged parameters samples come from (settings.average). */
  readonly averaged: Float64Array;
  private readonly grad: Float64Array;
  private readonly opt: Adam64;
  private readonly rng: Rng;
  iteration = 0;

  constructor(
    private readonly source: Float64Array,
    private readonly target: Float64Array,
    readonly settings: LightSbSettings,
  ) {
    const K = settings.components;
    this.family = new LightSbFamily(settings.eps, K);
    this.rng = new Rng(settings.seed, 21);
    this.theta = new Float64Array(PER_COMPONENT * K);
    // r_k at K target points (without replacement while there are enough), S_k = sInit I, a_k = 1/K.
    const m = target.length / 2;
    const order = Array.from({ length: m }, (_, j) => j);
    for (let k = 0; k < K; k++) {
      const slot = k % m;
      if (slot === 0) for (let a = m - 1; a > 0; a--) { const b = Math.floor(this.rng.uniform() * (a + 1)); [order[a], order[b]] = [order[b], order[a]]; }
      const j = order[slot];
      const o = PER_COMPONENT * k;
      this.theta[o] = -settings.eps * Math.log(K);
      this.theta[o + 1] = target[2 * j];
      this.theta[o + 2] = target[2 * j + 1];
      this.theta[o + 3] = this.theta[o + 5] = 0.5 * Math.log(settings.sInit);
    }
    this.grad = new Float64Array(this.theta.length);
    this.averaged = this.theta.slice();
    this.opt = new Adam64(settings.optimiser, this.theta.length);
  }

  private batchOf(cloud: Float64Array, b: number): Float64Array {
    const n = cloud.length / 2;
    const out = new Float64Array(2 * b);
    for (let k = 0; k < b; k++) {
      const i = Math.floor(this.rng.uniform() * n);
      out[2 * k] = cloud[2 * i];
      out[2 * k + 1] = cloud[2 * i + 1];
    }
    return out;
  }

  /** One Adam step on fresh minibatches; returns the loss on them (before the step). */
  step(): number {
    const { batch } = this.settings;
    const xs = this.batchOf(this.source, batch), ys = this.batchOf(this.target, batch);
    const loss = this.family.lossAndGrad(this.theta, xs, ys, this.grad, this.settings.covariance === 'diagonal');
    if (!Number.isFinite(loss)) throw new Error(`LightSB loss is ${loss} at step ${this.iteration + 1}`);
    this.opt.step(this.theta, this.grad);
    this.iteration++;
    const t = this.iteration;
    const d = Math.min(this.settings.average, (1 + t) / (10 + t));
    for (let k = 0; k < this.theta.length; k++) this.averaged[k] = d * this.averaged[k] + (1 - d) * this.theta[k];
    return loss;
  }

  /** count exact draws of the (averaged) model's pi(. | x0). */
  sample(x0: readonly [number, number], count: number, rng: Rng): Float64Array {
    return this.family.sample(this.averaged, x0, count, rng);
  }
}
