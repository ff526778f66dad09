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
 * MCMC while training). Samples of pi(. | x) come afterwards from Langevin dynamics on the energy
 *   E_x(y) = ||y - x||^2 / (2 eps) - phi(y).
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random/rng';
import { AdamW, type AdamWSettings } from './adamW';
import { Mlp } from './mlp';

export interface VarEotSettings {
  readonly eps: number;
  /** Hidden layer widths of both networks. */
  readonly hidden: readonly number[];
  readonly batch: number;
  /** Gaussian proposals per source point in the log-partition estimate. */
  readonly proposals: number;
  readonly optimiser: AdamWSettings;
  readonly seed: number;
}

export const DEFAULT_VAREOT: Omit<VarEotSettings, 'eps'> = {
  hidden: [64, 64],
  batch: 256,
  proposals: 4,
  optimiser: { lr: 1e-2, weightDecay: 1e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  seed: 1,
};

/** exp(phi - xi) is evaluated with its exponent capped here: a float32 overflow would end the run. */
const MAX_EXPONENT = 30;

export class VarEot {
  readonly f: Mlp;
  readonly xi: Mlp;
  private readonly opt: AdamW;
  private readonly rng: Rng;
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
    this.opt = new AdamW(settings.optimiser, [...this.f.variables, ...this.xi.variables], [...this.f.weights, ...this.xi.weights]);
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

  private normals(count: number): Float32Array {
    return Float32Array.from({ length: count }, () => this.rng.normal());
  }

  /** One AdamW step on a fresh minibatch; returns the loss (the upper bound L) on that batch. */
  step(): number {
    const { batch: b, proposals: k, eps } = this.settings;
    const x = tf.tensor2d(this.batchOf(this.source, b, k), [b * k, 2]);
    const y = tf.tensor2d(this.batchOf(this.target, b), [b, 2]);
    const z = tf.tensor2d(this.normals(2 * b * k), [b * k, 2]);
    const loss = this.opt.step(() =>
      tf.tidy(() => {
        const phiY = tf.mean(this.f.apply(y));
        const xiX = this.xi.apply(x);
        const phiProp = this.f.apply(tf.add(x, tf.mul(z, Math.sqrt(eps))) as tf.Tensor2D);
        const w = tf.exp(tf.minimum(tf.sub(phiProp, xiX), MAX_EXPONENT));
        return tf.sub(tf.mean(tf.add(w, tf.sub(xiX, 1))), phiY) as tf.Scalar;
      }),
    );
    tf.dispose([x, y, z]);
    this.iteration++;
    return loss;
  }

  /** Langevin step size used by sample(): a twentieth of eps, the curvature scale of the energy. */
  static stepSize(eps: number): number {
    return 0.05 * eps;
  }

  /**
   * count samples of the learned pi(. | x0) by unadjusted Langevin on E_x0, started from
   * N(x0, eps I): y <- y - h grad E(y) + sqrt(2 h) xi.
   */
  sample(x0: readonly [number, number], count: number, steps = 300, h = VarEot.stepSize(this.settings.eps)): Float64Array {
    const eps = this.settings.eps;
    const centre = tf.tensor1d([x0[0], x0[1]]);
    let y = tf.add(centre, tf.mul(tf.tensor2d(this.normals(2 * count), [count, 2]), Math.sqrt(eps))) as tf.Tensor2D;
    const gradPhi = tf.grad((p: tf.Tensor) => tf.sum(this.f.apply(p as tf.Tensor2D)));
    for (let s = 0; s < steps; s++) {
      const noise = tf.tensor2d(this.normals(2 * count), [count, 2]);
      const next = tf.tidy(() => {
        const gradE = tf.sub(tf.div(tf.sub(y, centre), eps), gradPhi(y));
        return tf.add(tf.sub(y, tf.mul(gradE, h)), tf.mul(noise, Math.sqrt(2 * h))) as tf.Tensor2D;
      });
      tf.dispose([y, noise]);
      y = next;
    }
    const out = Float64Array.from(y.dataSync());
    tf.dispose([y, centre]);
    return out;
  }

  dispose(): void {
    this.f.dispose();
    this.xi.dispose();
    this.opt.dispose();
  }
}
