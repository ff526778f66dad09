import type { Mode } from '../targets/types';

/**
 * Mode metrics for mixture targets (docs/algorithms.md §3).
 * Coverage: fraction of modes with at least one particle within 2 of its standard deviations
 * (Euclidean distance to the centre <= 2 std).
 */
export function modeCoverage(x: Float64Array /* (N, 2) */, modes: readonly Mode[]): number {
  const n = x.length >> 1;
  if (modes.length === 0) return NaN;
  let covered = 0;
  for (const m of modes) {
    const [cx, cy] = m.center;
    const r2 = 4 * m.std * m.std;
    for (let i = 0; i < n; i++) {
      const dx = x[2 * i] - cx;
      const dy = x[2 * i + 1] - cy;
      if (dx * dx + dy * dy <= r2) {
        covered++;
        break;
      }
    }
  }
  return covered / modes.length;
}

/** Share of particles whose nearest mode centre (Euclidean) is each mode. x: (N, 2) -> (K), sum 1. */
export function nearestModeShares(x: Float64Array, modes: readonly Mode[]): Float64Array {
  const n = x.length >> 1;
  const k = modes.length;
  const cx = Float64Array.from(modes, (m) => m.center[0]);
  const cy = Float64Array.from(modes, (m) => m.center[1]);
  const shares = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const px = x[2 * i], py = x[2 * i + 1];
    let best = 0, bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const dx = px - cx[j];
      const dy = py - cy[j];
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    shares[best]++;
  }
  for (let j = 0; j < k; j++) shares[j] /= n;
  return shares;
}

/** Jensen-Shannon divergence (natural log, in [0, log 2]) between two distributions (each sums to 1). */
export function jensenShannon(p: Float64Array, q: Float64Array): number {
  let js = 0;
  for (let j = 0; j < p.length; j++) {
    const m = 0.5 * (p[j] + q[j]);
    if (p[j] > 0) js += 0.5 * p[j] * Math.log(p[j] / m);
    if (q[j] > 0) js += 0.5 * q[j] * Math.log(q[j] / m);
  }
  return Math.max(0, js);
}

/** Mode balance: JS divergence between nearest-mode shares of x: (N, 2) and the (normalised) mixture weights. */
export function modeBalance(x: Float64Array, modes: readonly Mode[]): number {
  const n = x.length >> 1;
  if (n === 0 || modes.length === 0) return NaN;
  const w = Float64Array.from(modes, (m) => m.weight);
  let total = 0;
  for (let j = 0; j < w.length; j++) total += w[j];
  for (let j = 0; j < w.length; j++) w[j] /= total;
  return jensenShannon(nearestModeShares(x, modes), w);
}
