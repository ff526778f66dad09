/**
 * AdamW (Loshchilov & Hutter, "Decoupled weight decay regularization", ICLR 2019): tfjs 4.22 has
 * tf.train.adam but no AdamW, so after each Adam step the weight matrices are shrunk by
 * (1 - lr * weightDecay), outside the adaptive scaling (that is what "decoupled" means; L2 in the
 * loss would be rescaled by Adam's denominators). Biases are not decayed.
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamWSettings {
  readonly lr: number;
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

export class AdamW {
  private readonly adam: tf.AdamOptimizer;

  constructor(
    readonly settings: AdamWSettings,
    private readonly vars: tf.Variable[],
    private readonly decayed: tf.Variable[],
  ) {
    this.adam = tf.train.adam(settings.lr, settings.beta1, settings.beta2, settings.epsilon);
  }

  /** One step on loss(); returns the loss value before the step. */
  step(loss: () => tf.Scalar): number {
    const cost = this.adam.minimize(loss, true, this.vars);
    const value = cost ? cost.dataSync()[0] : NaN;
    cost?.dispose();
    const shrink = 1 - this.settings.lr * this.settings.weightDecay;
    tf.tidy(() => {
      for (const v of this.decayed) v.assign(tf.mul(v, shrink));
    });
    return value;
  }

  dispose(): void {
    this.adam.dispose();
  }
}
