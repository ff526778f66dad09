import type { Relaxation } from './problem';

/**
 * Over-relaxed Sinkhorn (docs/algorithms.md §1.5). Each half-step moves the
 * potential X a factor omega of the way to its Sinkhorn value X*, X <- X + omega (X* - X).
 *
 * omega: the rule of Lehmann, von Renesse, Sambale and Uschmajew (Optim. Letters 2021), as in
 * OTT-JAX's Momentum: run PLAIN_ITERATIONS + 1 plain iterations, take the contraction ratio r of
 * the marginal residual over the last two (capped at 0.99) and use omega = 2 / (1 + sqrt(1 - r)).
 *
 * Safeguard (Thibault, Chizat, Dossal, Papadakis, arXiv 1711.01851): an over-relaxed step must
 * not decrease the dual objective, the Lyapunov function of Sinkhorn; a step that would is
 * pulled back towards omega = 1 (the plain step, which always ascends).
 */

/** omega is estimated after this many plain iterations plus one (the ratio needs two residuals past the first). */
export const PLAIN_ITERATIONS = 3;
/** Cap on the estimated contraction ratio (omega <= 2 / (1 + 0.1) = 1.82). */
const MAX_RATIO = 0.99;
/** Pull-backs omega <- (1 + omega) / 2 before the plain step is taken. */
const MAX_PULLBACKS = 4;

export class Relaxer {
  omega = 1;
  private readonly residuals: number[] = [];
  private settled: boolean;

  constructor(mode: Relaxation) {
    this.settled = mode !== 'adaptive';
  }

  /** The residual after a full iteration; fixes omega once enough plain iterations were seen. */
  observe(residual: number): void {
    if (this.settled) return;
    this.residuals.push(residual);
    const k = this.residuals.length;
    if (k <= PLAIN_ITERATIONS) return;
    this.settled = true;
    const ratio = this.residuals[k - 1] / this.residuals[k - 2];
    if (ratio > 0 && ratio < 1) this.omega = 2 / (1 + Math.sqrt(1 - Math.min(ratio, MAX_RATIO)));
  }
}

/**
 * L1 residual of a line's marginal: sum_k |e^(X_k + c_k) - e^(lam (logT_k - c_k) + c_k)|, the
 * current mass of line k against the mass the coupling demands given the other side.
 */
export function marginalResidual(X: Float64Array, c: Float64Array, logT: Float64Array, lam: number): number {
  let s = 0;
  for (let k = 0; k < X.length; k++) {
    const ck = c[k];
    s += Math.abs(Math.exp(X[k] + ck) - Math.exp(lam * (logT[k] - ck) + ck));
  }
  return s;
}

/**
 * One half-step in place: X <- X + w (X* - X) with X*_k = lam (logT_k - c_k), where c_k is the
 * LSE of line k against the other potential. w = omega unless the safeguard pulls it back.
 * Returns the L1 marginal residual of the line after the step (0 for a plain step).
 */
export function halfStep(
  X: Float64Array, // (K) potential, updated in place
  c: Float64Array, // (K) LSE of each line against the other potential
  logT: Float64Array, // (K) target log-marginal
  lam: number,
  omega: number,
  more: HalfStepExtras = {},
): number {
  const w = omega === 1 ? 1 : safeOmega(X, c, logT, lam, omega, more.T);
  for (let k = 0; k < X.length; k++) {
    const star = lam * (logT[k] - c[k]);
    X[k] = w === 1 ? star : X[k] + w * (star - X[k]);
  }
  return w === 1 ? 0 : more.residual === false ? NaN : marginalResidual(X, c, logT, lam);
}

/** What a caller of halfStep can save it: exp(logT) computed once per solve, and the residual when it is not read. */
export interface HalfStepExtras {
  /** (K) exp(logT), the same numbers dualGain would compute. */
  readonly T?: Float64Array;
  /** false: skip the residual after an over-relaxed step (returns NaN). */
  readonly residual?: boolean;
}

/**
 * After a step X0 -> X = X0 + w (X* - X0) taken elsewhere (a fused kernel pass): the residual
 * after it, or NaN when the safeguard rejects w (the caller then redoes the step with halfStep).
 */
export function checkedStep(X0: Float64Array, X: Float64Array, c: Float64Array, logT: Float64Array, lam: number, w: number): number {
  if (w === 1) return 0;
  if (!(dualGain(X0, c, logT, lam, w) >= 0)) return NaN;
  return marginalResidual(X, c, logT, lam);
}

/**
 * The largest of omega, (1 + omega) / 2, ... for which the step does not decrease the dual
 * objective sum_k psi_k(X_k), with psi_k(x) = t_k x - e^(x + c_k) for an exact marginal
 * (lam = 1) and psi_k(x) = -rho t_k e^(-x / rho) - e^(x + c_k), rho = lam / (1 - lam), for a
 * soft one (t = e^logT). psi_k is concave with its maximum at X*_k, so w = 1 always ascends.
 */
function safeOmega(X: Float64Array, c: Float64Array, logT: Float64Array, lam: number, omega: number, T?: Float64Array): number {
  let w = omega;
  for (let tries = 0; tries < MAX_PULLBACKS; tries++) {
    if (dualGain(X, c, logT, lam, w, T) >= 0) return w;
    w = (1 + w) / 2;
  }
  return 1;
}

function dualGain(X: Float64Array, c: Float64Array, logT: Float64Array, lam: number, w: number, T?: Float64Array): number {
  const rho = lam === 1 ? Infinity : lam / (1 - lam);
  let gain = 0;
  for (let k = 0; k < X.length; k++) {
    const x0 = X[k];
    const x1 = x0 + w * (lam * (logT[k] - c[k]) - x0);
    const mass = Math.exp(x1 + c[k]) - Math.exp(x0 + c[k]);
    const t = T ? T[k] : Math.exp(logT[k]);
    const lin = rho === Infinity ? t * (x1 - x0) : -rho * t * (Math.exp(-x1 / rho) - Math.exp(-x0 / rho));
    gain += lin - mass;
  }
  return gain; // NaN compares false: the caller pulls back
}
