import type { NdMode } from '../../targets/nd/types';
import { jensenShannon } from '../modes';
import { chiQuantile } from './chi';

/**
 * Mode metrics for d-dimensional mixtures with isotropic components (docs/algorithms.md §3).
 *
 * The 2D rule "a particle within 2 standard deviations of the centre" does not carry over: a draw
 * from N(c, s^2 I_d) lies at distance ~ s sqrt(d) from c, so at d = 50 almost no exact draw is
 * within 2 s. The d-dimensional analogue used here: each particle is assigned to its nearest
 * centre (Euclidean), and it covers that mode when its distance is at most s * chi_d(0.99), the
 * radius holding 99% of the component's own draws (chi_2(0.99) = 3.03, chi_100(0.99) = 11.65).
 * The nearest-centre assignment matters: in high d that radius exceeds the distance between
 * modes, so the balls overlap and a particle must not cover every mode around it. Known blind
 * spot: a cloud collapsed near the mixture's mean is within that radius of every centre and is
 * spread over the nearest-centre cells, so it can score full coverage; the moment and energy
 * metrics catch that case.
 */

/** Probability mass of a component inside its coverage radius. */
export const COVERAGE_PROBABILITY = 0.99;

/** Coverage radius, in standard deviations of a component, for dimension d. */
export function coverageRadius(d: number): number {
  return chiQuantile(d, COVERAGE_PROBABILITY);
}

/** Index of the nearest centre (Euclidean; ties go to the lower index) and its squared distance. */
function nearest(x: Float64Array, o: number, d: number, modes: readonly NdMode[]): { index: number; dist2: number } {
  let index = 0;
  let dist2 = Infinity;
  for (let j = 0; j < modes.length; j++) {
    const c = modes[j].center;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const t = x[o + k] - c[k];
      s += t * t;
    }
    if (s < dist2) {
      dist2 = s;
      index = j;
    }
  }
  return { index, dist2 };
}

function checkModes(d: number, modes: readonly NdMode[]): void {
  for (const m of modes) {
    if (m.center.length !== d) throw new Error(`mode centre has length ${m.center.length}, expected the dimension ${d}`);
  }
}

/**
 * Fraction of modes covered by x: (N, d), see above. `radiusStd` overrides the radius in standard
 * deviations (default coverageRadius(d)); radiusStd = 2 at d = 2 reproduces the 2D modeCoverage
 * whenever the 2-std discs of the modes do not overlap.
 */
export function modeCoverageNd(x: Float64Array, d: number, modes: readonly NdMode[], radiusStd = coverageRadius(d)): number {
  if (modes.length === 0) return NaN;
  checkModes(d, modes);
  const n = Math.floor(x.length / d);
  const covered = new Uint8Array(modes.length);
  let count = 0;
  for (let i = 0; i < n && count < modes.length; i++) {
    const { index, dist2 } = nearest(x, i * d, d, modes);
    const r = radiusStd * modes[index].std;
    if (covered[index] === 0 && dist2 <= r * r) {
      covered[index] = 1;
      count++;
    }
  }
  return count / modes.length;
}

/** Share of particles of x: (N, d) whose nearest centre is each mode. Returns (K), sum 1. */
export function nearestModeSharesNd(x: Float64Array, d: number, modes: readonly NdMode[]): Float64Array {
  checkModes(d, modes);
  const n = Math.floor(x.length / d);
  const shares = new Float64Array(modes.length);
  for (let i = 0; i < n; i++) shares[nearest(x, i * d, d, modes).index]++;
  for (let j = 0; j < shares.length; j++) shares[j] /= n;
  return shares;
}

/** Mode balance: JS divergence (natural log) between the nearest-mode shares of x: (N, d) and the normalised weights. */
export function modeBalanceNd(x: Float64Array, d: number, modes: readonly NdMode[]): number {
  if (x.length < d || modes.length === 0) return NaN;
  const w = Float64Array.from(modes, (m) => m.weight);
  let total = 0;
  for (let j = 0; j < w.length; j++) total += w[j];
  for (let j = 0; j < w.length; j++) w[j] /= total;
  return jensenShannon(nearestModeSharesNd(x, d, modes), w);
}
