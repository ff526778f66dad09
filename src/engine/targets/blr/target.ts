/**
 * A BLR posterior as the samplers' Target: log pi and the score in d dimensions (posterior.ts),
 * and for drawing two weights (i, j) a 2D Gaussian picture of their marginal: the mean and
 * covariance of the reference draws when there is a reference, else of the Laplace
 * approximation. The exact marginal has no closed form; the picture says which one it is (viewNote).
 */
import { makeTarget } from '../presets/pointwise';
import { checkPair } from '../nd/dims';
import type { Target } from '../types';
import type { BlrData } from './dataSets';
import { laplace } from './laplace';
import { blrLogDensity, blrScore } from './posterior';

/** Mean and 2x2 covariance of coordinates (i, j) of the picture's Gaussian. */
interface PairMoments {
  readonly mx: number;
  readonly my: number;
  readonly vx: number;
  readonly vy: number;
  readonly cxy: number;
}

function pairMoments(data: BlrData, i: number, j: number): PairMoments {
  const d = data.problem.dim;
  const ref = data.reference;
  if (ref) {
    const r = ref.draws.length / d;
    let mx = 0, my = 0;
    for (let t = 0; t < r; t++) {
      mx += ref.draws[t * d + i];
      my += ref.draws[t * d + j];
    }
    mx /= r;
    my /= r;
    let vx = 0, vy = 0, cxy = 0;
    for (let t = 0; t < r; t++) {
      const a = ref.draws[t * d + i] - mx;
      const b = ref.draws[t * d + j] - my;
      vx += a * a;
      vy += b * b;
      cxy += a * b;
    }
    return { mx, my, vx: vx / r, vy: vy / r, cxy: cxy / r };
  }
  const lap = laplace(data.problem);
  return { mx: lap.mode[i], my: lap.mode[j], vx: lap.cov[i * d + i], vy: lap.cov[j * d + j], cxy: lap.cov[i * d + j] };
}

/** One sentence: what the 2D picture of a BLR target shows. */
export function blrViewNote(data: BlrData): string {
  return data.reference
    ? 'The picture is a Gaussian with the mean and covariance of the reference draws of these two weights (the exact marginal has no closed form).'
    : 'The picture is the Laplace approximation (Gaussian at the posterior mode) of these two weights: no reference posterior has been computed.';
}

/** How far from the mean (in sds) the picture reaches out to show the origin, where the authors' clouds start. */
export const VIEW_ORIGIN_SDS = 10;

/**
 * One axis of the picture: the mean +- 4 sds, stretched to the origin (plus half an sd) when it
 * lies within VIEW_ORIGIN_SDS sds, so a cloud started near 0 is seen travelling to the posterior.
 */
export function viewRange(mean: number, sd: number): [number, number] {
  let lo = mean - 4 * sd;
  let hi = mean + 4 * sd;
  if (Math.abs(mean) <= VIEW_ORIGIN_SDS * sd) {
    lo = Math.min(lo, -0.5 * sd);
    hi = Math.max(hi, 0.5 * sd);
  }
  return [lo, hi];
}

/** The samplers' Target of a BLR data set, drawn on weights (i, j). */
export function blrTarget(data: BlrData, i = 0, j = 1): Target {
  const p = data.problem;
  checkPair(p.dim, i, j);
  const m = pairMoments(data, i, j);
  const det = m.vx * m.vy - m.cxy * m.cxy;
  const logZ = -Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  const sx = Math.sqrt(m.vx);
  const sy = Math.sqrt(m.vy);
  const view = makeTarget({
    name: `blr ${p.name} (w${i + 1}, w${j + 1})`,
    box: (([xmin, xmax], [ymin, ymax]) => ({ xmin, xmax, ymin, ymax }))(viewRange(m.mx, sx), viewRange(m.my, sy)),
    logp: (x, y) => {
      const a = x - m.mx;
      const b = y - m.my;
      return logZ - (0.5 * (m.vy * a * a - 2 * m.cxy * a * b + m.vx * b * b)) / det;
    },
    grad: (x, y, out, k) => {
      const a = x - m.mx;
      const b = y - m.my;
      out[k] = -(m.vy * a - m.cxy * b) / det;
      out[k + 1] = -(m.vx * b - m.cxy * a) / det;
    },
  });
  return {
    name: `blr-${p.name}`,
    dim: p.dim,
    box: view.box,
    logDensity: (points, out) => blrLogDensity(p, points, out),
    score: (points, out) => blrScore(p, points, out),
    logDensityAt: view.logDensityAt,
  };
}

/** Lines describing a BLR data set as a run uses it (for the runner's output and the page). */
export function blrSummary(data: BlrData): string[] {
  const p = data.problem;
  const lines = [
    `${p.name}: ${p.dim} weights, ${p.yTrain.length} training rows and ${p.yTest.length} test rows (stratified 80/20 split, seed 0); features standardised on the training rows; prior N(0, ${p.priorSd}^2 I), no intercept`,
    ...p.notes,
  ];
  lines.push(
    data.reference
      ? `metrics against the reference posterior (${data.reference.draws.length / p.dim} draws; ${data.reference.source}) and on the test rows`
      : 'no reference posterior for this data set: only the predictive metrics on the test rows (testAccuracy, testLogPredictive) are reported',
  );
  return lines;
}
