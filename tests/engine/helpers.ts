import type { Target } from '../../src/engine/targets/types';

/** The same target, but evaluating its gradient throws: proves a sampler is score-free. */
export function withoutGradient(t: Target): Target {
  return {
    name: t.name,
    box: t.box,
    modes: t.modes,
    logDensity: (p, out) => t.logDensity(p, out),
    logDensityAt: (x, y) => t.logDensityAt(x, y),
    score: () => {
      throw new Error(`gradient of ${t.name} evaluated`);
    },
  };
}

export function meanCov(x: Float64Array): { mean: [number, number]; varX: number; varY: number; cov: number } {
  const n = x.length / 2;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[2 * i]; my += x[2 * i + 1]; }
  mx /= n; my /= n;
  let vx = 0, vy = 0, c = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[2 * i] - mx, dy = x[2 * i + 1] - my;
    vx += dx * dx; vy += dy * dy; c += dx * dy;
  }
  return { mean: [mx, my], varX: vx / n, varY: vy / n, cov: c / n };
}

/** Number of modes with at least one particle within 2 standard deviations. */
export function modesCovered(t: Target, x: Float64Array): number {
  return (t.modes ?? []).filter((m) => {
    for (let i = 0; i < x.length; i += 2)
      if (Math.hypot(x[i] - m.center[0], x[i + 1] - m.center[1]) < 2 * m.std) return true;
    return false;
  }).length;
}

/** Mass and mean of a 2D density on its own box, by the midpoint rule on a G x G grid. */
export function integrate2d(m: Pick<Target, 'box' | 'logDensityAt'>, G = 400): { mass: number; mx: number; my: number } {
  const { xmin, xmax, ymin, ymax } = m.box;
  const hx = (xmax - xmin) / G, hy = (ymax - ymin) / G;
  let mass = 0, mx = 0, my = 0;
  for (let a = 0; a < G; a++) {
    for (let b = 0; b < G; b++) {
      const x = xmin + (a + 0.5) * hx, y = ymin + (b + 0.5) * hy;
      const p = Math.exp(m.logDensityAt(x, y)) * hx * hy;
      mass += p;
      mx += p * x;
      my += p * y;
    }
  }
  return { mass, mx, my };
}
