/**
 * AdamW (Loshchilov & Hutter, "Decoupled weight decay regularization", ICLR 2019): tfjs 4.22 has
 * tf.train.adam but no AdamW, so after each Adam step the weight matrices are shrunk by
 * (1 - lr * weightDecay), outside the adaptive scaling (that is what "decoupled" means; L2 in the
 * loss would be rescaled by Adam's denominators). Biases are not decayed. Before the Adam step the
 * gradient is rescaled to global norm at most clipNorm (if set): VarEOT's exp(phi - xi) terms
 * give rare huge gradients, and at lr 1e-2 one of them could undo hundreds of steps.
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamWSettings {
  readonly lr: number;
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Largest global gradient norm passed to Adam (0: no clipping). */
  readonly clipNorm: number;
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

  /**
   * One step on loss(); returns the loss before the step as a scalar tensor (the caller reads it,
   * possibly asynchronously: on WebGPU a synchronous read stalls the device). Nothing here reads
   * from the device: the clipping factor min(1, clipNorm / ||g||) is computed as a tensor.
   */
  step(loss: () => tf.Scalar): tf.Scalar {
    const { value: cost, grads } = tf.variableGrads(loss, this.vars);
    const clip = this.settings.clipNorm;
    if (clip > 0) {
      const factor = tf.tidy(() => {
        // a chain of adds, not addN: WebGPU's addN of 12 inputs exceeds its 8 storage buffers per stage
        const norm = tf.sqrt(Object.values(grads).map((g) => tf.sum(tf.square(g))).reduce((a, b) => tf.add(a, b)));
        return tf.minimum(1, tf.div(clip, tf.maximum(norm, 1e-30)));
      });
      for (const k of Object.keys(grads)) {
        const g = grads[k];
        grads[k] = tf.mul(g, factor);
        g.dispose();
      }
      factor.dispose();
    }
    this.adam.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
    tf.dispose(Object.values(grads));
    const shrink = 1 - this.settings.lr * this.settings.weightDecay;
    tf.tidy(() => {
      for (const v of this.decayed) v.assign(tf.mul(v, shrink));
    });
    return cost;
  }

  dispose(): void {
    this.adam.dispose();
  }
}
