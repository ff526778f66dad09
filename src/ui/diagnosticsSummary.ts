import { ELBO_WINDOW } from '../../workers/session/elboWindow';

/** The few diagnostics worth a glance, in this order, with short labels. */
const PRIMARY: readonly (readonly [key: string, label: string])[] = [
  ['sinkhornIterations', 'Sinkhorn iters'],
  ['ess', 'ESS'],
  ['residual', 'marginal residual'],
  ['acceptance', 'acceptance'],
  ['elbo', `ELBO (${ELBO_WINDOW}-step mean)`],
  ['gradNorm', 'grad norm'],
];

/** Reported but only interesting in the full list (tooltip). */
const QUIET = new Set(['converged', 'rowError', 'colError', 'omega', 'costScale', 'acceptanceMean', 'elboSteps']);

/** Health counters: non-zero means something is wrong. */
const PROBLEMS = new Set(['nonFiniteParticles', 'nonFiniteScores', 'nonFiniteDensity', 'degenerateWeights', 'escaped']);

export interface DiagnosticItem {
  readonly key: string;
  readonly label: string;
  readonly text: string;
  /** A health counter that is non-zero (NaN particles, escapes, ...). */
  readonly warn: boolean;
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(1) : v.toPrecision(3);
}

/**
 * A short line: the primary diagnostics that are finite, then any other non-zero value (a
 * sampler's own, such as SVGD's bandwidth), health counters such as nonFiniteParticles flagged.
 */
export function summariseDiagnostics(d: Readonly<Record<string, number>>): DiagnosticItem[] {
  const items: DiagnosticItem[] = [];
  const primary = new Set<string>();
  for (const [key, label] of PRIMARY) {
    primary.add(key);
    const v = d[key];
    if (v !== undefined && Number.isFinite(v)) items.push({ key, label, text: formatNumber(v), warn: false });
  }
  for (const [key, v] of Object.entries(d)) {
    if (primary.has(key) || QUIET.has(key) || v === 0 || Number.isNaN(v)) continue;
    items.push({ key, label: key, text: formatNumber(v), warn: PROBLEMS.has(key) });
  }
  return items;
}

/** Every diagnostic as "key value" lines, for a tooltip. */
export function describeAll(d: Readonly<Record<string, number>>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join('\n');
}
