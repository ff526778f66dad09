/**
 * VarEOT (Dyachenko, Gushchin, Sokolov, Mokrov, Burnaev, Korotin, "Variational Entropic Optimal
 * Transport", arXiv 2602.02241): the weak dual of entropic OT with one potential, its
 * log-partition replaced by a variational upper bound with an auxiliary normaliser network.
 *
 * For c(x, y) = 0.5 ||x - y||^2, the conditional plan of a potential f is
 *   pi_f(y | x) ∝ exp((f(y) - c(x, y)) / eps),
 * and the weak dual maximises E_Q f(Y) - eps E_P log Z_f(X), Z_f(x) = ∫ exp((f(y) - c(x, y)) / eps) dy.
 * With quadratic cost Z_f(x) = (2 pi eps)^(d/2) E_{z ~ N(0, I)} exp(f(x + sqrt(eps) z) / eps), and
 *   log E[e^h] = min_xi  exp(-xi) E[e^h] + xi - 1   (equality at xi = log E[e^h]).
 * With phi = f / eps (the network's output) and xi = xi_psi(x), the loss minimised jointly in
 * (theta, psi), the negative weak dual over eps up to constants, is
 *   L = -E_Q phi(Y) + E_{X ~ P, z} [ exp(phi(X + sqrt(eps) z) - xi(X)) + xi(X) - 1 ],
 * an upper bound that is tight when xi is optimal, estimated without bias on minibatches (no
 * MCMC while training).
 *
 * The inner expectation E_z exp(phi(x + sqrt(eps) z)) = ∫ exp(phi(y)) N(y; x, eps I) dy is
 * estimated by importance sampling, because N(x, eps I) alone rarely reaches where pi(. | x) has
 * its mass (an arc of the target about 1 away at eps = 0.1), so phi was never corrected there.
 * Proposal, per source point x: rho_x(y) = a N(y; x, eps I) + (1 - a) (1/M) sum_m N(y; y_m, s^2 I)
 * over M target points (all, or a fixed random MAX_KERNELS of them), s = kernelWidth, with
 * a = ceil(K/2)/K and exactly ceil(K/2) of the K proposals drawn
 * from the Gaussian part, the rest from the kernel density part (stratified, so the estimate
 *   (1/K) sum_k exp(phi(y_k)) N(y_k; x, eps I) / rho_x(y_k)
 * stays unbiased). log N - log rho is data only (no parameters), computed in float64 outside the
 * graph. K = 1 gives back the plain Gaussian estimate.
 *
 * Samples of pi(. | x) come afterwards from Langevin dynamics on the energy
 *   E_x(y) = ||y - x||^2 / (2 eps) - phi(y),
 * its chains started by sampling-importance-resampling from the same proposal, so they start
 * spread over the whole conditional instead of at x.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random/rng';
import { AdamW } from './adamW';
import type { VarEotSettings } from './varEotSettings';
import { Mlp } from './mlp';

export type { VarEotSettings } from './varEotSettings';
export { DEFAULT_VAREOT } from './varEotSettings';

/** exp(phi - xi) is evaluated with its exponent capped here: a float32 overflow would end the run. */
const MAX_EXPONENT = 30;

/** At most this many kernels in the proposal's density: its cost is per proposal per kernel. */
const MAX_KERNELS = 256;

/** max points of a cloud (all if it has no more), drawn without replacement. */
function kernelCentres(cloud: Float64Array, max: number, rng: Rng): Float64Array {
  const n = cloud.length / 2;
  if (n <= max) return cloud.slice();
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng.uniform() * (n - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const out = new Float64Array(2 * max);
  for (let i = 0; i < max; i++) [out[2 * i], out[2 * i + 1]] = [cloud[2 * idx[i]], cloud[2 * idx[i] + 1]];
  return out;
}

export class VarEot {
  readonly f: Mlp;
  readonly xi: Mlp;
  private readonly opt: AdamW;
  private readonly rng: Rng;
  /**
   * Kernel centres of the proposal's density part: the target points, or a fixed random
   * MAX_KERNELS of them (the density is then over those exactly; ~0.05 apart on the Swiss roll).
   */
  private readonly centres: Float64Array;
  iteration = 0;

  constructor(
    private readonly source: Float64Array,
    private readonly target: Float64Array,
    readonly settings: VarEotSettings,
  ) {
    this.rng = new Rng(settings.seed, 20);
    const sizes = [2, ...settings.hidden, 1];
    this.f = new Mlp(sizes, this.rng, 'f');
    this.xi = new Mlp(sizes, this.rng, 'xi');
    this.centres = kernelCentres(target, MAX_KERNELS, this.rng);
    this.opt = new AdamW(settings.optimiser, [...this.f.variables, ...this.xi.variables], [...this.f.weights, ...this.xi.weights]);
  }

  /** eps of the current step (annealing: above the final eps until annealSteps). */
  get currentEps(): number {
    const { eps, annealFrom, annealSteps } = this.settings;
    if (annealFrom <= 1 || this.iteration >= annealSteps) return eps;
    return eps * annealFrom ** (1 - this.iteration / annealSteps);
  }

  /**
   * phi at eps_t: (eps / eps_t) * network for output 'phi' (f = eps_t phi stays eps * network
   * through annealing), network / eps_t for output 'f'.
   */
  private phi(y: tf.Tensor2D, epsT: number): tf.Tensor1D {
    const out = this.f.apply(y);
    const scale = this.settings.output === 'f' ? 1 / epsT : this.settings.eps / epsT;
    return scale === 1 ? out : (tf.mul(out, scale) as tf.Tensor1D);
  }

  /** xi at eps_t: the network's output, over eps_t for output 'f'. */
  private xiOf(x: tf.Tensor2D, epsT: number): tf.Tensor1D {
    const out = this.xi.apply(x);
    return this.settings.output === 'f' ? (tf.mul(out, 1 / epsT) as tf.Tensor1D) : out;
  }

  /** A minibatch of rows of a cloud, repeated `times` each. */
  private batchOf(cloud: Float64Array, b: number, times = 1): Float32Array {
    const n = cloud.length / 2;
    const out = new Float32Array(2 * b * times);
    for (let k = 0; k < b; k++) {
      const i = Math.floor(this.rng.uniform() * n);
      for (let t = 0; t < times; t++) {
        out[2 * (k * times + t)] = cloud[2 * i];
        out[2 * (k * times + t) + 1] = cloud[2 * i + 1];
      }
    }
    return out;
  }

  /** Whether proposals need the model's values at the kernel centres this step. */
  private get modelProposals(): boolean {
    return this.settings.proposal === 'model';
  }

  /** phi at the kernel centres (M), an unread tensor. */
  private phiAtCentres(eps: number): tf.Tensor1D {
    const c = this.centres;
    return tf.tidy(() => this.phi(tf.tensor2d(Float32Array.from(c), [c.length / 2, 2]), eps));
  }

  /**
   * Log-weights (G, M) of the kernel centres for each of G source points xg (G, 2), from phi at
   * the centres ('model' proposals): softmax_m(phi(y_m) - ||y_m - x_g||^2 / (2 eps)).
   */
  private kernelLogWeights(phiC: ArrayLike<number>, xg: Float32Array, eps: number): Float64Array {
    const c = this.centres, m = c.length / 2, g = xg.length / 2;
    const out = new Float64Array(g * m);
    for (let r = 0; r < g; r++) {
      let top = -Infinity;
      for (let j = 0; j < m; j++) {
        const v = phiC[j] - ((c[2 * j] - xg[2 * r]) ** 2 + (c[2 * j + 1] - xg[2 * r + 1]) ** 2) / (2 * eps);
        out[r * m + j] = v;
        if (v > top) top = v;
      }
      let sum = 0;
      for (let j = 0; j < m; j++) sum += Math.exp(out[r * m + j] - top);
      const lse = top + Math.log(sum);
      for (let j = 0; j < m; j++) out[r * m + j] -= lse;
    }
    return out;
  }

  /**
   * Proposals for rows x (B * K, 2), K consecutive rows per source point: of each K, the first
   * ceil(K / 2) from N(x, eps I), the rest from the kernel density over the kernel centres (kernel
   * m with probability exp(logW[b, m]) for source point b, or 1 / M without logW).
   */
  private propose(x: Float32Array, k: number, eps: number, rng: Rng, logW: Float64Array | null = null): Float32Array {
    const s = this.settings.kernelWidth;
    const c = this.centres, m = c.length / 2;
    const nGauss = Math.ceil(k / 2);
    const y = new Float32Array(x.length);
    for (let r = 0; r < x.length / 2; r++) {
      if (r % k < nGauss) {
        y[2 * r] = x[2 * r] + Math.sqrt(eps) * rng.normal();
        y[2 * r + 1] = x[2 * r + 1] + Math.sqrt(eps) * rng.normal();
      } else {
        let j = Math.floor(rng.uniform() * m);
        if (logW) {
          const base = Math.floor(r / k) * m;
          let u = rng.uniform();
          for (j = 0; j < m - 1; j++) if ((u -= Math.exp(logW[base + j])) <= 0) break;
        }
        y[2 * r] = c[2 * j] + s * rng.normal();
        y[2 * r + 1] = c[2 * j + 1] + s * rng.normal();
      }
    }
    return y;
  }

  /**
   * log N(y; x, eps I) - log rho_x(y) per row, rho_x = a N(x, eps I) + (1 - a) KDE, a = ceil(K/2)/K,
   * the KDE's kernels weighted by logW (as in propose). Data only (no gradient), so computed here
   * in float64, outside the graph.
   */
  private logRatio(x: Float32Array, y: Float32Array, k: number, eps: number, logW: Float64Array | null = null): Float32Array {
    const s = this.settings.kernelWidth;
    const a = Math.ceil(k / 2) / k;
    const c = this.centres, m = c.length / 2;
    const out = new Float32Array(y.length / 2);
    if (a >= 1) return out; // rho = N: ratio 1
    const inv = 1 / (2 * s * s);
    const logA = Math.log(a);
    const logB = Math.log(1 - a) - Math.log(2 * Math.PI * s * s) - (logW ? 0 : Math.log(m));
    const e = new Float64Array(m);
    for (let r = 0; r < out.length; r++) {
      const u = y[2 * r], v = y[2 * r + 1];
      const logN = -((u - x[2 * r]) ** 2 + (v - x[2 * r + 1]) ** 2) / (2 * eps) - Math.log(2 * Math.PI * eps);
      const base = Math.floor(r / k) * m;
      // log-sum-exp over the kernels, shifted by the largest exponent
      let best = -Infinity;
      for (let j = 0; j < m; j++) {
        e[j] = -((u - c[2 * j]) ** 2 + (v - c[2 * j + 1]) ** 2) * inv + (logW ? logW[base + j] : 0);
        if (e[j] > best) best = e[j];
      }
      let sum = 0;
      for (let j = 0; j < m; j++) sum += Math.exp(e[j] - best);
      const g = logA + logN, h = logB + best + Math.log(sum);
      const hi = Math.max(g, h);
      out[r] = logN - (hi + Math.log(Math.exp(g - hi) + Math.exp(h - hi)));
    }
    return out;
  }

  /**
   * One AdamW step on a fresh minibatch; the loss (the upper bound L on that batch) as a scalar
   * tensor, unread. phiC: phi at the kernel centres, read by the caller ('model' proposals only).
   */
  private stepTensor(phiC: ArrayLike<number> | null): tf.Scalar {
    const { batch: b, proposals: k } = this.settings;
    const eps = this.currentEps;
    const xs = this.batchOf(this.source, b, k);
    // xi once per source point (every K-th row), repeated over its K proposals
    const xg = xs.filter((_, i) => Math.floor(i / 2) % k === 0);
    const x = tf.tensor2d(xg, [b, 2]);
    const y = tf.tensor2d(this.batchOf(this.target, b), [b, 2]);
    const logW = phiC ? this.kernelLogWeights(phiC, xg, eps) : null;
    const props = this.propose(xs, k, eps, this.rng, logW);
    const prop = tf.tensor2d(props, [b * k, 2]);
    const logRatio = tf.tensor1d(this.logRatio(xs, props, k, eps, logW));
    const loss = this.opt.step(() =>
      tf.tidy(() => {
        const phiY = tf.mean(this.phi(y, eps));
        const xiX = tf.reshape(tf.tile(tf.reshape(this.xiOf(x, eps), [b, 1]), [1, k]), [-1]);
        const phiProp = this.phi(prop, eps);
        const w = tf.exp(tf.minimum(tf.sub(tf.add(phiProp, logRatio), xiX), MAX_EXPONENT));
        return tf.sub(tf.mean(tf.add(w, tf.sub(xiX, 1))), phiY) as tf.Scalar;
      }),
    );
    tf.dispose([x, y, prop, logRatio]);
    this.iteration++;
    return loss;
  }

  /** One step, its loss read synchronously (Node and wasm). */
  step(): number {
    let phiC: Float32Array | null = null;
    if (this.modelProposals) {
      const t = this.phiAtCentres(this.currentEps);
      phiC = t.dataSync() as Float32Array;
      t.dispose();
    }
    const loss = this.stepTensor(phiC);
    const v = loss.dataSync()[0];
    loss.dispose();
    return v;
  }

  /**
   * count steps, their losses read once at the end (no synchronous device read: WebGPU-friendly;
   * 'model' proposals read phi at the centres asynchronously before each step).
   */
  async train(count: number): Promise<number[]> {
    const losses: tf.Scalar[] = [];
    for (let k = 0; k < count; k++) {
      let phiC: Float32Array | null = null;
      if (this.modelProposals) {
        const t = this.phiAtCentres(this.currentEps);
        phiC = (await t.data()) as Float32Array;
        t.dispose();
      }
      losses.push(this.stepTensor(phiC));
    }
    if (!losses.length) return [];
    const all = tf.stack(losses);
    tf.dispose(losses);
    const out = Array.from(await all.data());
    all.dispose();
    return out;
  }

  /**
   * Langevin step size used by sample(): a twentieth of eps (the cost's curvature scale), at most
   * 0.005, since phi itself bends on the target's scale (a ridge ~0.1 wide: curvature ~100).
   */
  static stepSize(eps: number): number {
    return 0.05 * Math.min(eps, 0.1);
  }

  /**
   * Langevin steps of sample(): from the resampled start the chains only need to mix locally
   * (sqrt(2 h steps) = 0.45 at h = 0.0005, 1.4 at h = 0.005).
   */
  static readonly LANGEVIN_STEPS = 200;

  /** Candidates per chain for the sampling-importance-resampling start of sample(). */
  static readonly START_CANDIDATES = 10;

  /**
   * count samples of the learned pi(. | x0) by unadjusted Langevin on E_x0,
   * y <- y - h grad E(y) + sqrt(2 h) xi, the chains started by resampling
   * START_CANDIDATES x count proposals from rho_x0 with weights exp(phi(y)) N(y; x0, eps I) / rho_x0(y).
   * All randomness from rng (the same rng state and model give the same samples).
   */
  async sample(x0: readonly [number, number], count: number, rng: Rng, steps = VarEot.LANGEVIN_STEPS, h?: number): Promise<Float64Array> {
    const eps = this.currentEps;
    const step = h ?? VarEot.stepSize(eps);
    const centre = tf.tensor1d([x0[0], x0[1]]);
    let y = await this.resampledStart(x0, count, eps, rng);
    const gradPhi = tf.grad((p: tf.Tensor) => tf.sum(this.phi(p as tf.Tensor2D, eps)));
    for (let s = 0; s < steps; s++) {
      const noise = tf.tensor2d(Float32Array.from({ length: 2 * count }, () => rng.normal()), [count, 2]);
      const next = tf.tidy(() => {
        const gradE = tf.sub(tf.div(tf.sub(y, centre), eps), gradPhi(y));
        return tf.add(tf.sub(y, tf.mul(gradE, step)), tf.mul(noise, Math.sqrt(2 * step))) as tf.Tensor2D;
      });
      tf.dispose([y, noise]);
      y = next;
    }
    const out = Float64Array.from(await y.data());
    tf.dispose([y, centre]);
    return out;
  }

  /** count chain starts: systematic resampling of importance-weighted proposals around x0. */
  private async resampledStart(x0: readonly [number, number], count: number, eps: number, rng: Rng): Promise<tf.Tensor2D> {
    const n = VarEot.START_CANDIDATES * count;
    const xs = new Float32Array(2 * n).map((_, i) => x0[i % 2]);
    let kernels: Float64Array | null = null;
    if (this.modelProposals) {
      const t = this.phiAtCentres(eps);
      kernels = this.kernelLogWeights(await t.data(), Float32Array.of(x0[0], x0[1]), eps);
      t.dispose();
    }
    const y = this.propose(xs, n, eps, rng, kernels);
    const ratio = this.logRatio(xs, y, n, eps, kernels);
    const logWt = tf.tidy(() => tf.add(this.phi(tf.tensor2d(y, [n, 2]), eps), ratio));
    const logW = await logWt.data();
    logWt.dispose();
    let top = -Infinity;
    for (const v of logW) top = Math.max(top, v);
    const cum = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) cum[k] = total += Math.exp(logW[k] - top);
    const out = new Float32Array(2 * count);
    const u0 = rng.uniform();
    let k = 0;
    for (let c = 0; c < count; c++) {
      const u = ((c + u0) / count) * total;
      while (k < n - 1 && cum[k] < u) k++;
      out[2 * c] = y[2 * k];
      out[2 * c + 1] = y[2 * k + 1];
    }
    return tf.tensor2d(out, [count, 2]);
  }

  dispose(): void {
    this.f.dispose();
    this.xi.dispose();
    this.opt.dispose();
  }
}
