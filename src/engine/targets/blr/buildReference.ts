/**
 * A reference posterior computed in the engine (for a data set without a fixture, such as a
 * user's CSV): static HMC on several chains, in coordinates whitened by the Laplace
 * approximation's covariance (w = mode + L z), so one step size fits every direction.
 * - Start: mode + 2 L xi per chain (over-dispersed, so R-hat can see chains that disagree).
 * - Each iteration: step eps * U(0.8, 1.2), path length T * U(0.5, 1.5), ceil(length / step)
 *   leapfrog steps, Metropolis accept on the energy error (exact whatever the step).
 * - Warm-up: dual averaging of the step size towards acceptance 0.8 (Hoffman and Gelman 2014).
 * - Diagnostics: split R-hat and ESS (Geyer's initial monotone sequence) per coordinate.
 * The work is done in chunks (advance), so a worker can report progress between chunks and stop.
 */
import { Rng } from '../../random/rng';
import type { BlrData } from './dataSets';
import { laplace } from './laplace';
import { lowerTimes } from './linalg';
import { blrLogDensity, blrScore } from './posterior';
import type { BlrProblem } from './problem';
import type { BlrReference } from './reference';

export interface ReferenceRunOptions {
  /** Chains (default 4). */
  readonly chains?: number;
  /** Warm-up iterations per chain (default 1000). */
  readonly warmup?: number;
  /** Kept iterations per chain (default 2500). */
  readonly samples?: number;
  /** Draws kept for the distance metrics, evenly thinned over every chain (default 2000). */
  readonly keep?: number;
  readonly seed?: number;
  /** Mean path length in whitened units (default 1.5). */
  readonly pathLength?: number;
}

export const REFERENCE_RUN_DEFAULTS = { chains: 4, warmup: 1000, samples: 2500, keep: 2000, seed: 1, pathLength: 1.5 } as const;

export interface ReferenceProgress {
  readonly phase: 'warmup' | 'sampling' | 'done';
  /** Iterations done (every chain advances together), of total. */
  readonly iteration: number;
  readonly total: number;
}

class DualAveraging {
  private readonly mu: number;
  private hbar = 0;
  private xbar = 0;
  private t = 0;
  logEps: number;
  constructor(eps: number) {
    this.mu = Math.log(10 * eps);
    this.logEps = Math.log(eps);
  }
  update(accept: number): void {
    this.t++;
    const eta = 1 / (this.t + 10);
    this.hbar = (1 - eta) * this.hbar + eta * (0.8 - accept);
    this.logEps = this.mu - (Math.sqrt(this.t) / 0.05) * this.hbar;
    const w = this.t ** -0.75;
    this.xbar = w * this.logEps + (1 - w) * this.xbar;
  }
  get final(): number {
    return Math.exp(this.xbar);
  }
}

/** Split R-hat (Gelman et al., classic) of chains: (m, n) row-major, each chain cut in two halves. */
export function splitRhat(chains: Float64Array, m: number, n: number): number {
  const h = Math.floor(n / 2);
  const means: number[] = [];
  const vars: number[] = [];
  for (let c = 0; c < m; c++) {
    for (const start of [0, n - h]) {
      let s = 0;
      for (let t = 0; t < h; t++) s += chains[c * n + start + t];
      const mean = s / h;
      let v = 0;
      for (let t = 0; t < h; t++) v += (chains[c * n + start + t] - mean) ** 2;
      means.push(mean);
      vars.push(v / (h - 1));
    }
  }
  const k = means.length;
  const w = vars.reduce((a, b) => a + b, 0) / k;
  const grand = means.reduce((a, b) => a + b, 0) / k;
  const b = (h * means.reduce((a, v) => a + (v - grand) ** 2, 0)) / (k - 1);
  return Math.sqrt(((h - 1) / h) * w + b / h) / Math.sqrt(w);
}

/** ESS of chains: (m, n) row-major, from the multi-chain autocorrelation and Geyer's initial monotone sequence. */
export function essMultiChain(chains: Float64Array, m: number, n: number): number {
  const maxLag = Math.min(n - 1, 1000);
  const means = new Float64Array(m);
  const acov = new Float64Array(maxLag + 1); // mean over chains of the autocovariance at lag t
  for (let c = 0; c < m; c++) {
    let s = 0;
    for (let t = 0; t < n; t++) s += chains[c * n + t];
    means[c] = s / n;
  }
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let c = 0; c < m; c++) {
      const o = c * n;
      const mu = means[c];
      for (let t = 0; t + lag < n; t++) s += (chains[o + t] - mu) * (chains[o + t + lag] - mu);
    }
    acov[lag] = s / n / m;
  }
  const meanVar = (acov[0] * n) / (n - 1);
  let grand = 0;
  for (let c = 0; c < m; c++) grand += means[c] / m;
  let between = 0;
  for (let c = 0; c < m; c++) between += (means[c] - grand) ** 2;
  between = m > 1 ? between / (m - 1) : 0;
  const varPlus = (meanVar * (n - 1)) / n + between;
  const rho = (t: number) => (t === 0 ? 1 : 1 - (meanVar - acov[t]) / varPlus);
  let total = 0;
  let prev = Infinity;
  for (let t = 0; t + 1 <= maxLag; t += 2) {
    let pair = rho(t) + rho(t + 1);
    if (pair < 0) break;
    pair = Math.min(pair, prev);
    total += pair;
    prev = pair;
  }
  const tau = Math.max(-1 + 2 * total, 1 / Math.log10(m * n));
  return (m * n) / tau;
}

/** One reference computation, advanced in chunks. */
export class BlrReferenceRun {
  private readonly p: BlrProblem;
  private readonly opts: Required<ReferenceRunOptions>;
  private readonly rng: Rng;
  private readonly chol: Float64Array;
  private readonly mode: Float64Array;
  private readonly z: Float64Array; // (C, d) whitened positions
  private lp: Float64Array; // (C)
  private readonly da: DualAveraging;
  private eps = 0;
  private iteration = 0;
  private accepted = 0;
  /** (C, S, d): chain c's draw t at (c * S + t) * d. */
  private readonly draws: Float64Array;

  constructor(
    private readonly data: BlrData,
    opts: ReferenceRunOptions = {},
  ) {
    this.p = data.problem;
    this.opts = { ...REFERENCE_RUN_DEFAULTS, ...opts };
    const { chains, warmup, samples, keep } = this.opts;
    for (const [k, v] of Object.entries({ chains, warmup, samples, keep }))
      if (!Number.isInteger(v) || v < (k === 'chains' ? 2 : 1)) throw new Error(`invalid reference ${k}: ${v}`);
    const d = this.p.dim;
    const lap = laplace(this.p);
    this.chol = lap.covChol;
    this.mode = lap.mode;
    this.rng = new Rng(this.opts.seed, 4);
    this.z = new Float64Array(chains * d);
    for (let k = 0; k < this.z.length; k++) this.z[k] = 2 * this.rng.normal();
    this.lp = blrLogDensity(this.p, this.toW(this.z));
    this.da = new DualAveraging(0.5);
    this.draws = new Float64Array(chains * samples * d);
  }

  get total(): number {
    return this.opts.warmup + this.opts.samples;
  }

  get done(): boolean {
    return this.iteration >= this.total;
  }

  private toW(z: Float64Array): Float64Array {
    const d = this.p.dim;
    const w = new Float64Array(z.length);
    for (let o = 0; o < z.length; o += d) {
      lowerTimes(this.chol, d, z, o, w, o);
      for (let k = 0; k < d; k++) w[o + k] += this.mode[k];
    }
    return w;
  }

  /** grad_z log pi = L^T grad_w log pi, per chain. */
  private gradZ(z: Float64Array): Float64Array {
    const d = this.p.dim;
    const g = blrScore(this.p, this.toW(z));
    const out = new Float64Array(z.length);
    for (let o = 0; o < z.length; o += d)
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = a; b < d; b++) s += this.chol[b * d + a] * g[o + b];
        out[o + a] = s;
      }
    return out;
  }

  /** One HMC transition of every chain; returns the mean acceptance probability. */
  private transition(eps: number): number {
    const d = this.p.dim;
    const { chains, pathLength } = this.opts;
    const step = eps * (0.8 + 0.4 * this.rng.uniform());
    const nSteps = Math.max(1, Math.ceil((pathLength * (0.5 + this.rng.uniform())) / step));
    const mom = new Float64Array(this.z.length);
    for (let k = 0; k < mom.length; k++) mom[k] = this.rng.normal();
    const k0 = new Float64Array(chains);
    for (let c = 0; c < chains; c++) for (let k = 0; k < d; k++) k0[c] += 0.5 * mom[c * d + k] ** 2;
    const zn = Float64Array.from(this.z);
    let g = this.gradZ(zn);
    for (let k = 0; k < mom.length; k++) mom[k] += 0.5 * step * g[k];
    for (let s = 0; s < nSteps; s++) {
      for (let k = 0; k < zn.length; k++) zn[k] += step * mom[k];
      g = this.gradZ(zn);
      const f = s < nSteps - 1 ? step : 0.5 * step;
      for (let k = 0; k < mom.length; k++) mom[k] += f * g[k];
    }
    const lpn = blrLogDensity(this.p, this.toW(zn));
    let accSum = 0;
    for (let c = 0; c < chains; c++) {
      let k1 = 0;
      for (let k = 0; k < d; k++) k1 += 0.5 * mom[c * d + k] ** 2;
      const dh = lpn[c] - k1 - (this.lp[c] - k0[c]);
      accSum += Number.isFinite(dh) ? Math.min(1, Math.exp(dh)) : 0;
      if (Number.isFinite(dh) && Math.log(this.rng.uniform()) < dh) {
        this.z.set(zn.subarray(c * d, (c + 1) * d), c * d);
        this.lp[c] = lpn[c];
      }
    }
    return accSum / chains;
  }

  /** Runs up to `iterations` more iterations; returns where the run is. */
  advance(iterations: number): ReferenceProgress {
    const d = this.p.dim;
    const { warmup, samples, chains } = this.opts;
    for (let k = 0; k < iterations && !this.done; k++) {
      if (this.iteration < warmup) {
        this.da.update(this.transition(Math.exp(this.da.logEps)));
        if (this.iteration === warmup - 1) this.eps = this.da.final;
      } else {
        if (this.eps === 0) this.eps = this.da.final;
        this.accepted += this.transition(this.eps);
        const t = this.iteration - warmup;
        const w = this.toW(this.z);
        for (let c = 0; c < chains; c++) this.draws.set(w.subarray(c * d, (c + 1) * d), (c * samples + t) * d);
      }
      this.iteration++;
    }
    return { phase: this.done ? 'done' : this.iteration < warmup ? 'warmup' : 'sampling', iteration: this.iteration, total: this.total };
  }

  /** The reference, once done. */
  result(): BlrReference {
    if (!this.done) throw new Error('the reference run is not finished');
    const d = this.p.dim;
    const { chains, samples, keep, warmup, seed } = this.opts;
    const all = chains * samples;
    const mean = new Float64Array(d);
    const variance = new Float64Array(d);
    for (let t = 0; t < all; t++) for (let k = 0; k < d; k++) mean[k] += this.draws[t * d + k] / all;
    for (let t = 0; t < all; t++) for (let k = 0; k < d; k++) variance[k] += (this.draws[t * d + k] - mean[k]) ** 2 / all;
    let maxRhat = 0;
    let minEss = Infinity;
    const coord = new Float64Array(all);
    for (let k = 0; k < d; k++) {
      for (let t = 0; t < all; t++) coord[t] = this.draws[t * d + k];
      maxRhat = Math.max(maxRhat, splitRhat(coord, chains, samples));
      minEss = Math.min(minEss, essMultiChain(coord, chains, samples));
    }
    const perChain = Math.max(1, Math.floor(Math.min(keep, all) / chains));
    const stride = Math.max(1, Math.floor(samples / perChain));
    const kept = new Float64Array(chains * perChain * d);
    for (let c = 0, r = 0; c < chains; c++)
      for (let j = 0; j < perChain; j++, r++) kept.set(this.draws.subarray((c * samples + j * stride) * d, (c * samples + j * stride + 1) * d), r * d);
    return {
      dataSet: this.p.name,
      dim: d,
      mean,
      variance,
      draws: kept,
      testRows: this.p.testRows,
      diagnostics: { maxRhat, minEss, acceptance: this.accepted / samples },
      source: `HMC in the engine (Laplace-whitened, step ${this.eps.toPrecision(3)}): ${chains} chains x ${samples} draws after ${warmup} warm-up, seed ${seed}`,
    };
  }

  /** The data set with this reference attached. */
  withReference(): BlrData {
    return { problem: this.data.problem, reference: this.result() };
  }
}

/**
 * Runs a reference to the end, calling onProgress after every chunk of `chunk` iterations; a
 * `stop` that returns true ends it early with null (cancelled).
 */
export function buildBlrReference(
  data: BlrData,
  opts: ReferenceRunOptions = {},
  hooks: { onProgress?: (p: ReferenceProgress) => void; stop?: () => boolean; chunk?: number } = {},
): BlrReference | null {
  const run = new BlrReferenceRun(data, opts);
  while (!run.done) {
    if (hooks.stop?.()) return null;
    hooks.onProgress?.(run.advance(hooks.chunk ?? 50));
  }
  return run.result();
}
