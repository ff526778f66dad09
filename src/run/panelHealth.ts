/**
 * Per-panel trouble the page reports in the panel's error banner, from the frames it sees, each
 * with its cause and a fitting suggestion: a failed step, NaN particles, non-finite scores,
 * weights with no finite density, escaped particles, a collapsed coupling, or an ETD Sinkhorn that
 * keeps hitting its iteration cap. Pure: the controller keeps one tracker per panel and feeds it every frame.
 */

import type { PanelAlert } from '../store/runSlice';

/** Fraction of particles far outside the box above which the run is reported as escaping. */
export const ESCAPED_LIMIT = 0.2;
/** Coupling ESS (proposals per particle's row) below which a plan is degenerate. */
export const COLLAPSED_ESS = 1.5;
/** Fraction of distinct particle positions below which the cloud has collapsed. */
export const COLLAPSED_DISTINCT = 0.1;
/**
 * Consecutive non-converged Sinkhorn steps before the banner says so. "Converged" is honest (the
 * plan's marginal residual is within tol), and with the defaults over 99% of steps converge, so
 * a run of 20 non-converged steps means the settings need changing.
 */
export const NOT_CONVERGED_STEPS = 20;

export interface HealthTracker {
  /** First iteration of the current run of non-converged steps, or null. */
  notConvergedSince: number | null;
}

export const newTracker = (): HealthTracker => ({ notConvergedSince: null });

export type { PanelAlert };

export interface PanelObservation {
  readonly iteration: number;
  readonly status: 'ok' | 'failed';
  readonly error?: string;
  readonly diagnostics: Readonly<Record<string, number>>;
}

/**
 * Update the tracker with one observation and return what to show, or null.
 * Frames skip steps, so "20 consecutive" means: every observed step from the first
 * non-converged one to this one was non-converged, spanning at least 20 iterations.
 */
export function panelAlert(t: HealthTracker, p: PanelObservation): PanelAlert | null {
  const d = p.diagnostics;
  const converged = d.converged;
  if (converged === 0) t.notConvergedSince ??= p.iteration;
  else if (converged !== undefined) t.notConvergedSince = null;
  if (p.status === 'failed') return { severity: 'error', message: p.error ?? 'the sampler failed' };
  if (d.nonFiniteParticles > 0) return { severity: 'error', message: `${d.nonFiniteParticles} particles are NaN or infinite` };
  if (d.nonFiniteScores > 0)
    return {
      severity: 'warning',
      message: `the target's score (gradient of log density) was NaN or infinite at ${d.nonFiniteScores} particles, which then ignored the slope (check where the formula is not differentiable, or use a score-free sampler)`,
    };
  if (d.nonFiniteDensity > 0 && d.degenerateWeights > 0)
    return {
      severity: 'warning',
      message: 'no proposal had a positive, finite density: the weights fell back to uniform (the particles are outside the target; widen the initial cloud or check the formula)',
    };
  if (d.degenerateWeights > 0)
    return { severity: 'warning', message: 'no proposal had a positive density: the weights fell back to uniform (the particles are outside the target; widen the initial cloud)' };
  if (d.escaped > ESCAPED_LIMIT)
    return { severity: 'warning', message: `${Math.round(d.escaped * 100)}% of the particles escaped far outside the box (try a smaller step size)` };
  if ((d.ess !== undefined && d.ess < COLLAPSED_ESS) || (d.distinct !== undefined && d.distinct < COLLAPSED_DISTINCT))
    return {
      severity: 'warning',
      message: `the coupling has collapsed: coupling ESS ${d.ess?.toPrecision(2) ?? '?'}, ${Math.round((d.distinct ?? 1) * 100)}% distinct particles (raise eps or M; on a very peaked target lower alpha or sigma)`,
    };
  if (t.notConvergedSince !== null && p.iteration - t.notConvergedSince + 1 >= NOT_CONVERGED_STEPS) {
    const residual = d.residual ?? d.rowError;
    return {
      severity: 'warning',
      message: `Sinkhorn has not converged for ${p.iteration - t.notConvergedSince + 1} steps: marginal residual ${residual.toPrecision(2)} above tol after maxIter iterations (raise maxIter, tol or eps)`,
    };
  }
  return null;
}
