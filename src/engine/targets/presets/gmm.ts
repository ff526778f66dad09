import type { Box, Mode, Target } from '../types';
import { makeTarget, squareBox } from './pointwise';
import { softmaxInto } from './stable';

/**
 * Isotropic Gaussian mixture, normalised: log pi = LSE_k(log w_k - ||z - c_k||^2 / (2 s_k^2))
 * - log(2 pi s_k^2) inside the LSE. Evaluated stably so far points stay finite.
 */
export function createMixture(name: string, box: Box, modes: readonly Mode[]): Target {
  const m = modes.length;
  const cx = Float64Array.from(modes, (d) => d.center[0]);
  const cy = Float64Array.from(modes, (d) => d.center[1]);
  const inv = Float64Array.from(modes, (d) => 1 / (d.std * d.std));
  const off = Float64Array.from(modes, (d) => Math.log(d.weight) - Math.log(2 * Math.PI * d.std * d.std));
  const terms = new Float64Array(m); // scratch; evaluation is synchronous, so sharing is safe
  const fill = (x: number, y: number): void => {
    for (let j = 0; j < m; j++) {
      const dx = x - cx[j];
      const dy = y - cy[j];
      terms[j] = off[j] - 0.5 * (dx * dx + dy * dy) * inv[j];
    }
  };
  return makeTarget({
    name,
    box,
    modes,
    logp: (x, y) => {
      fill(x, y);
      return softmaxInto(terms, terms);
    },
    grad: (x, y, out, k) => {
      fill(x, y);
      softmaxInto(terms, terms); // terms now holds the responsibilities
      let gx = 0;
      let gy = 0;
      for (let j = 0; j < m; j++) {
        gx -= terms[j] * (x - cx[j]) * inv[j];
        gy -= terms[j] * (y - cy[j]) * inv[j];
      }
      out[k] = gx;
      out[k + 1] = gy;
    },
  });
}

/** gmm-grid-4: 4 equal modes at (+-3, +-3), std 1 (separation 6). */
export function createGmmGrid4(): Target {
  const modes: Mode[] = [
    [-3, -3],
    [3, -3],
    [3, 3],
    [-3, 3],
  ].map(([x, y]) => ({ center: [x, y] as const, std: 1, weight: 0.25 }));
  return createMixture('gmm-grid-4', squareBox(8), modes);
}

/** gmm-ring-8: 8 equal modes on a circle of radius 4, std 0.4. */
export function createGmmRing8(): Target {
  const modes: Mode[] = Array.from({ length: 8 }, (_, j) => {
    const t = (2 * Math.PI * j) / 8;
    return { center: [4 * Math.cos(t), 4 * Math.sin(t)] as const, std: 0.4, weight: 1 / 8 };
  });
  return createMixture('gmm-ring-8', squareBox(6), modes);
}
