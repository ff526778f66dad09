/**
 * A small multilayer perceptron R^2 -> R on tfjs variables (SiLU hidden layers, smooth so the
 * Langevin sampler can follow its gradient), initialised from the project's seeded Rng with
 * Glorot-uniform weights and zero biases, so a run is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random/rng';

export class Mlp {
  readonly weights: tf.Variable[] = [];
  readonly biases: tf.Variable[] = [];

  constructor(sizes: readonly number[], rng: Rng, name: string) {
    for (let l = 0; l + 1 < sizes.length; l++) {
      const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const w = Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.uniform() - 1) * limit);
      this.weights.push(tf.variable(tf.tensor2d(w, [fanIn, fanOut]), true, `${name}.w${l}`));
      this.biases.push(tf.variable(tf.zeros([fanOut]), true, `${name}.b${l}`));
    }
  }

  /** (B, 2) -> (B): the network's output per row. */
  apply(x: tf.Tensor2D): tf.Tensor1D {
    let h: tf.Tensor2D = x;
    const last = this.weights.length - 1;
    this.weights.forEach((w, l) => {
      const z = tf.add(tf.matMul(h, w), this.biases[l]) as tf.Tensor2D;
      h = l === last ? z : (tf.mul(z, tf.sigmoid(z)) as tf.Tensor2D);
    });
    return tf.reshape(h, [-1]) as tf.Tensor1D;
  }

  get variables(): tf.Variable[] {
    return [...this.weights, ...this.biases];
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
