import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler, SAMPLER_LABELS } from '../../src/engine/samplers/catalog';
import { createFormulaTarget } from '../../src/engine/targets/formula';
import { initTensorBackend } from '../../src/engine/tensor/backend';

// Formula targets take their scores from TensorFlow.js, so every sampler that reads a score
// goes through tensors each step: none of them may leave tensors behind.
describe('tensor memory', () => {
  beforeAll(async () => {
    await initTensorBackend('wasm');
  });

  for (const name of SAMPLER_LABELS) {
    it(`${name}: 200 steps on a formula target leave tf.memory().numTensors unchanged`, () => {
      const target = createFormulaTarget('0.5*((x - 1)^2 + y^2) + 0.1*sin(3*x)');
      const s = createSampler(name, { target, seed: 1, initial: initialCloud(1, { n: 16, center: [0, 0], spread: 2 }), params: name.startsWith('etd') || name === 'lret-b' ? { M: 5 } : {} });
      s.step();
      const before = tf.memory().numTensors;
      for (let k = 0; k < 200; k++) s.step();
      expect(tf.memory().numTensors).toBe(before);
      expect(s.positions().every(Number.isFinite)).toBe(true);
    });
  }
});
