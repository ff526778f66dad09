import type { Target } from '../types';
import { confine } from './confinement';
import { logAddExp, logAddExpWeight, sigmoid } from './stable';
import { makeTarget, squareBox, type PointGrad, type PointLogp } from './pointwise';

/** The four energy functions of Rezende & Mohamed (2015), "Variational Inference with Normalizing Flows". */

export interface ConfineOption {
  /** Add the soft box U_box (default true; only U2-U4 use it, they are improper without it). */
  readonly confine?: boolean;
}

const BOX = squareBox(4);
const HALF_PI = Math.PI / 2;

// w1 = sin(2 pi z1 / 4) and its derivative.
const w1 = (z1: number): number => Math.sin(HALF_PI * z1);
const dw1 = (z1: number): number => HALF_PI * Math.cos(HALF_PI * z1);
// w2 = 3 exp(-0.5 ((z1 - 1)/0.6)^2); w2' = -w2 (z1 - 1)/0.36.
const w2 = (z1: number): number => 3 * Math.exp(-0.5 * ((z1 - 1) / 0.6) ** 2);
// w3 = 3 sigmoid((z1 - 1)/0.3); w3' = 3 s (1 - s) / 0.3.
const w3 = (z1: number): number => 3 * sigmoid((z1 - 1) / 0.3);

function build(name: string, logp: PointLogp, grad: PointGrad, improper: boolean, opts?: ConfineOption): Target {
  const confined = improper && (opts?.confine ?? true);
  const target = makeTarget({ name, box: BOX, ...(confined ? confine(logp, grad) : { logp, grad }) });
  return improper && !confined ? { ...target, unboundedX: true } : target;
}

/** U1: a ring of radius 2 split into two halves by the bimodal factor in z1. Proper. */
export function createU1(): Target {
  const logp: PointLogp = (x, y) => {
    const r = Math.hypot(x, y);
    const a = -0.5 * ((x - 2) / 0.6) ** 2;
    const b = -0.5 * ((x + 2) / 0.6) ** 2;
    return -0.5 * ((r - 2) / 0.4) ** 2 + logAddExp(a, b);
  };
  const grad: PointGrad = (x, y, out, k) => {
    const r = Math.hypot(x, y);
    // d/dz of -0.5((r - 2)/0.4)^2 = -(r - 2)/0.16 * z/r; at r = 0 (a cusp) use 0.
    const c = r > 0 ? -(r - 2) / (0.16 * r) : 0;
    const wa = logAddExpWeight(-0.5 * ((x - 2) / 0.6) ** 2, -0.5 * ((x + 2) / 0.6) ** 2);
    out[k] = c * x - (wa * (x - 2) + (1 - wa) * (x + 2)) / 0.36;
    out[k + 1] = c * y;
  };
  return build('u1', logp, grad, false);
}

/** U2: a sine-shaped ridge z2 = w1(z1). */
export function createU2(opts?: ConfineOption): Target {
  const logp: PointLogp = (x, y) => -0.5 * ((y - w1(x)) / 0.4) ** 2;
  const grad: PointGrad = (x, y, out, k) => {
    const g = -(y - w1(x)) / 0.16; // d/dz2; d/dz1 = -g * w1'
    out[k] = -g * dw1(x);
    out[k + 1] = g;
  };
  return build('u2', logp, grad, true, opts);
}

/** U3: two sine ridges pulled apart by the bump w2 near z1 = 1. */
export function createU3(opts?: ConfineOption): Target {
  const s2 = 0.35 * 0.35;
  const logp: PointLogp = (x, y) => {
    const d1 = y - w1(x);
    const d2 = d1 + w2(x);
    return logAddExp(-0.5 * (d1 * d1) / s2, -0.5 * (d2 * d2) / s2);
  };
  const grad: PointGrad = (x, y, out, k) => {
    const v2 = w2(x);
    const d1 = y - w1(x);
    const d2 = d1 + v2;
    const wa = logAddExpWeight(-0.5 * (d1 * d1) / s2, -0.5 * (d2 * d2) / s2);
    const ga = -d1 / s2; // d a / d z2
    const gb = -d2 / s2; // d b / d z2
    const dw = dw1(x);
    const dv2 = (-v2 * (x - 1)) / 0.36;
    out[k] = wa * (-ga * dw) + (1 - wa) * gb * (dv2 - dw);
    out[k + 1] = wa * ga + (1 - wa) * gb;
  };
  return build('u3', logp, grad, true, opts);
}

/** U4: two sine ridges, the second shifted by the step w3 for z1 > 1. */
export function createU4(opts?: ConfineOption): Target {
  const sa = 0.4 * 0.4;
  const sb = 0.35 * 0.35;
  const logp: PointLogp = (x, y) => {
    const d1 = y - w1(x);
    const d2 = d1 + w3(x);
    return logAddExp(-0.5 * (d1 * d1) / sa, -0.5 * (d2 * d2) / sb);
  };
  const grad: PointGrad = (x, y, out, k) => {
    const sg = sigmoid((x - 1) / 0.3);
    const d1 = y - w1(x);
    const d2 = d1 + 3 * sg;
    const wa = logAddExpWeight(-0.5 * (d1 * d1) / sa, -0.5 * (d2 * d2) / sb);
    const ga = -d1 / sa;
    const gb = -d2 / sb;
    const dw = dw1(x);
    const dv3 = (3 * sg * (1 - sg)) / 0.3;
    out[k] = wa * (-ga * dw) + (1 - wa) * gb * (dv3 - dw);
    out[k + 1] = wa * ga + (1 - wa) * gb;
  };
  return build('u4', logp, grad, true, opts);
}
