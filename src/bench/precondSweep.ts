/**
 * The measurements of docs/preconditioning.md, re-runnable:
 *   npx tsx src/bench/precondSweep.ts aniso [--seeds 5] [--steps 200]   alpha sweep on aniso-gaussian, d = 10
 *   npx tsx src/bench/precondSweep.ts dims  [--seeds 3] [--steps 300] [--dims 2,5,10] [--targets iso-gaussian,gmm-d]
 *                                                                         iso-gaussian and gmm-d at d = 2..100
 *   npx tsx src/bench/precondSweep.ts authors [--seeds 5]               the configs in configs/authors-*.json
 *   npx tsx src/bench/precondSweep.ts cost                                ms per ETD-B step, none vs cholesky vs diagonal
 * Every run starts from the seed's initial cloud (as the page and the runner do); metrics are the
 * mean over the last fifth of the steps (one value per run), then mean and range over seeds.
 * Output: markdown tables on stdout, the raw numbers as JSON with --out FILE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRunConfig } from '../engine/experiment/runConfig';
import { computeMetricsNd, ndReference } from '../engine/metrics/nd/compute';
import { Rng } from '../engine/random/rng';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createNdTarget, ndAsTarget, type TargetNd } from '../engine/targets/nd/index';
import type { Target } from '../engine/targets/types';

interface RunSpec {
  readonly label: string;
  readonly sampler: string;
  readonly params: Readonly<Record<string, unknown>>;
}

interface RunResult {
  /** Per coordinate (or per principal axis): time-averaged sample variance / exact variance. */
  readonly ratios: number[];
  /** Share of the last fifth's steps at which every coordinate's own ratio was in [0.75, 1.35]. */
  readonly inRange: number;
  /** Mean over the last fifth's steps of the smallest and the largest coordinate ratio at that step. */
  readonly snapMin: number;
  readonly snapMax: number;
  /** computeMetricsNd averaged over the last fifth of the steps. */
  readonly metrics: Record<string, number>;
  readonly msPerStep: number;
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const fmt = (v: number, k = 2) => (Number.isFinite(v) ? v.toFixed(k) : String(v));

/**
 * aniso-gaussian turned by a fixed rotation R (a seeded Gram-Schmidt): pi(x) = aniso(R^T x). Its
 * principal axes are R's columns; `axes` projects particles onto them (the authors' check).
 */
function rotated(nd: TargetNd, seed: number): { target: Target; axes: (x: Float64Array) => Float64Array } {
  const d = nd.dim;
  const rng = new Rng(seed, 7);
  const R: number[][] = [];
  while (R.length < d) {
    const v = Array.from({ length: d }, () => rng.normal());
    for (const u of R) {
      const dot = v.reduce((s, t, k) => s + t * u[k], 0);
      for (let k = 0; k < d; k++) v[k] -= dot * u[k];
    }
    const norm = Math.hypot(...v);
    R.push(v.map((t) => t / norm)); // row r = column r of R
  }
  const toAxes = (x: Float64Array) => {
    const out = new Float64Array(x.length);
    for (let o = 0; o < x.length; o += d) for (let r = 0; r < d; r++) out[o + r] = R[r].reduce((s, t, k) => s + t * x[o + k], 0);
    return out;
  };
  const base = ndAsTarget(nd);
  const target: Target = {
    ...base,
    name: 'aniso-gaussian (rotated)',
    logDensity: (p, out) => nd.logDensity(toAxes(p), out),
    score: (p, out) => {
      const g = nd.score(toAxes(p));
      const res = out ?? new Float64Array(p.length);
      for (let o = 0; o < p.length; o += d) for (let k = 0; k < d; k++) res[o + k] = R.reduce((s, row, r) => s + row[k] * g[o + r], 0);
      return res;
    },
  };
  return { target, axes: toAxes };
}

/** One run: steps of a sampler from the seed's cloud; variance ratios and metrics over the last fifth. */
function runOnce(nd: TargetNd, target: Target, spec: RunSpec, seed: number, o: { n: number; steps: number; spread: number; axes?: (x: Float64Array) => Float64Array; metrics?: boolean }): RunResult {
  const d = nd.dim;
  const s = createSampler(spec.sampler, { target, seed, initial: initialCloud(seed, { n: o.n, center: [0, 0], spread: o.spread, dim: d }), params: spec.params });
  const from = o.steps - Math.max(1, Math.floor(o.steps / 5));
  const varSum = new Float64Array(d);
  const sums: Record<string, number> = {};
  let counted = 0;
  let ms = 0;
  let inRange = 0, snapMin = 0, snapMax = 0;
  const ref = o.metrics === false ? null : ndReference(nd);
  for (let t = 0; t < o.steps; t++) {
    const t0 = performance.now();
    s.step();
    ms += performance.now() - t0;
    if (t < from) continue;
    const x = o.axes ? o.axes(s.positions()) : s.positions();
    const n = x.length / d;
    let lo = Infinity, hi = -Infinity;
    for (let k = 0; k < d; k++) {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += x[i * d + k] / n;
      for (let i = 0; i < n; i++) v += (x[i * d + k] - m) ** 2 / (n - 1);
      varSum[k] += v;
      lo = Math.min(lo, v / nd.variance[k]);
      hi = Math.max(hi, v / nd.variance[k]);
    }
    if (lo >= 0.75 && hi <= 1.35) inRange++;
    snapMin += lo;
    snapMax += hi;
    if (ref) {
      // In the target's own frame (the principal axes of the rotated one), where nd's exact draws apply.
      const met = computeMetricsNd(nd, x, ref);
      for (const [k, v] of Object.entries(met)) sums[k] = (sums[k] ?? 0) + v;
    }
    counted++;
  }
  const ratios = Array.from(varSum, (v, k) => v / counted / nd.variance[k]);
  const metrics = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / counted]));
  return { ratios, inRange: inRange / counted, snapMin: snapMin / counted, snapMax: snapMax / counted, metrics, msPerStep: ms / o.steps };
}

const seedsOf = (k: number) => Array.from({ length: k }, (_, i) => i + 1);

function anisoJob(seeds: number[], steps: number, only?: string) {
  const d = 10, n = 100;
  const nd = createNdTarget('aniso-gaussian', d);
  const all: RunSpec[] = [
    ...[0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5].map((alpha) => ({ label: `none, alpha ${alpha}`, sampler: 'etd-b', params: { alpha } })),
    { label: 'cholesky, alpha 0.05', sampler: 'etd-b', params: { alpha: 0.05, precond: 'cholesky' } },
    { label: 'cholesky, alpha 0.5', sampler: 'etd-b', params: { alpha: 0.5, precond: 'cholesky' } },
    { label: 'diagonal, alpha 0.5', sampler: 'etd-b', params: { alpha: 0.5, precond: 'diagonal' } },
    { label: 'diagonal, alpha 0.05', sampler: 'etd-b', params: { alpha: 0.05, precond: 'diagonal' } },
  ];
  // --only 'a|b': the runs whose label contains one of the parts.
  const runs = only ? all.filter((r) => only.split('|').some((part) => r.label.includes(part))) : all;
  const out: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const [geometry, make] of [
    ['axis-aligned', () => ({ target: ndAsTarget(nd), axes: undefined })],
    ['rotated', () => rotated(nd, 11)],
  ] as const) {
    const { target, axes } = make();
    lines.push(`\n**aniso-gaussian, d = 10, ${geometry}** (N = ${n}, ${steps} steps, seeds ${seeds.join(', ')}; variance ratio per ${axes ? 'principal axis' : 'coordinate'}, mean over the last fifth)`);
    lines.push(
      '',
      '| run | time-averaged: min ratio | max ratio | lowest / highest over seeds | seeds with every ratio in [0.75, 1.35] | per step: min ratio | max ratio | steps with every ratio in [0.75, 1.35] | energy | ms / step |',
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const spec of runs) {
      const res = seeds.map((seed) => runOnce(nd, target, spec, seed, { n, steps, spread: 2, axes }));
      const mins = res.map((r) => Math.min(...r.ratios)), maxs = res.map((r) => Math.max(...r.ratios));
      const inside = res.filter((r) => r.ratios.every((v) => v >= 0.75 && v <= 1.35)).length;
      const per = (f: (r: RunResult) => number) => fmt(mean(res.map(f)));
      lines.push(
        `| ${spec.label} | ${fmt(mean(mins))} | ${fmt(mean(maxs))} | ${fmt(Math.min(...mins))} / ${fmt(Math.max(...maxs))} | ${inside} of ${seeds.length} | ${per((r) => r.snapMin)} | ${per((r) => r.snapMax)} | ${fmt(100 * mean(res.map((r) => r.inRange)), 0)}% | ${fmt(mean(res.map((r) => r.metrics.energy)), 3)} | ${fmt(mean(res.map((r) => r.msPerStep)), 1)} |`,
      );
      out[`${geometry}|${spec.label}`] = res;
      process.stderr.write(`${geometry} ${spec.label} done\n`);
    }
  }
  return { out, text: lines.join('\n') };
}

function dimsJob(seeds: number[], steps: number, dims: number[], targets: string[]) {
  const runs: RunSpec[] = [
    { label: 'ETD-B (defaults: alpha 0.05, no preconditioner)', sampler: 'etd-b', params: {} },
    { label: 'ETD-B, alpha 0.5, no preconditioner', sampler: 'etd-b', params: { alpha: 0.5 } },
    { label: 'ETD-B, cholesky, alpha 0.5', sampler: 'etd-b', params: { alpha: 0.5, precond: 'cholesky' } },
  ];
  const out: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const name of targets) {
    const cols = name === 'gmm-d' ? 'mean variance ratio / smallest / mode coverage' : 'mean variance ratio / smallest';
    lines.push(`\n**${name}** (N = 100, ${steps} steps, seeds ${seeds.join(', ')}, spread 2; ${cols}; mean over seeds, the range of the mean ratio in brackets)`);
    lines.push('', `| run | ${dims.map((d) => `d = ${d}`).join(' | ')} |`, `|---|${dims.map(() => '---|').join('')}`);
    for (const spec of runs) {
      const cells: string[] = [];
      for (const d of dims) {
        const nd = createNdTarget(name, d);
        const res = seeds.map((seed) => runOnce(nd, ndAsTarget(nd), spec, seed, { n: 100, steps, spread: 2 }));
        const vm = res.map((r) => r.metrics.varRatioMean);
        let cell = `${fmt(mean(vm))} [${fmt(Math.min(...vm))}-${fmt(Math.max(...vm))}] / ${fmt(mean(res.map((r) => r.metrics.varRatioMin)))}`;
        if (name === 'gmm-d') cell += ` / ${fmt(mean(res.map((r) => r.metrics.modeCoverage)))}`;
        cells.push(cell);
        out[`${name}|${d}|${spec.label}`] = res.map((r) => ({ metrics: r.metrics, msPerStep: r.msPerStep }));
        process.stderr.write(`${name} d=${d} ${spec.label} done\n`);
      }
      lines.push(`| ${spec.label} | ${cells.join(' | ')} |`);
    }
  }
  return { out, text: lines.join('\n') };
}

const AUTHORS_CONFIGS = ['configs/authors-gmm-10d.json', 'configs/authors-gmm-20d.json', 'configs/authors-funnel-10d.json'];

function authorsJob(seeds: number[], only?: string) {
  const out: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const file of AUTHORS_CONFIGS.filter((f) => !only || f.includes(only))) {
    const cfg = parseRunConfig(JSON.parse(readFileSync(file, 'utf8')));
    if (cfg.target.kind !== 'nd') throw new Error(`${file}: not a d-dimensional target`);
    const nd = createNdTarget(cfg.target.name, cfg.target.dim);
    const target = ndAsTarget(nd);
    const { n, steps } = cfg.run;
    const spread = cfg.run.spread;
    const hasModes = (nd.modes?.length ?? 0) > 0;
    lines.push(`\n**${file}** (${cfg.target.name}, d = ${cfg.target.dim}, N = ${n}, ${steps} steps from N(0, ${spread}^2 I), seeds ${seeds.join(', ')}; mean over the last fifth of the steps, then mean over seeds with the range in brackets)`);
    lines.push('', `| panel | energy | mean variance ratio | smallest variance ratio | mean error |${hasModes ? ' mode coverage |' : ''} ms / step |`, `|---|---|---|---|---|${hasModes ? '---|' : ''}---|`);
    const panels = [...cfg.panels, { sampler: 'etd-b', params: {} }];
    for (const p of panels) {
      const label = `${p.sampler}${Object.keys(p.params).length ? '' : ' (playground defaults)'}`;
      const res = seeds.map((seed) => runOnce(nd, target, { label, sampler: p.sampler, params: p.params }, seed, { n, steps, spread }));
      const cell = (k: string, digits = 2) => {
        const v = res.map((r) => r.metrics[k]);
        return `${fmt(mean(v), digits)} [${fmt(Math.min(...v), digits)}-${fmt(Math.max(...v), digits)}]`;
      };
      lines.push(`| ${label} | ${cell('energy', 3)} | ${cell('varRatioMean')} | ${cell('varRatioMin')} | ${cell('meanError')} |${hasModes ? ` ${cell('modeCoverage')} |` : ''} ${fmt(mean(res.map((r) => r.msPerStep)), 1)} |`);
      out[`${file}|${label}`] = res.map((r) => ({ metrics: r.metrics, msPerStep: r.msPerStep }));
      process.stderr.write(`${file} ${label} done\n`);
    }
  }
  return { out, text: lines.join('\n') };
}

/** ms per ETD-B step with each preconditioner, runs interleaved so the machine's load hits all alike. */
function costJob(steps: number) {
  const out: Record<string, unknown> = {};
  const lines = [`\n**ETD-B step time** (iso-gaussian, N = 100, M = 25, alpha 0.5, ${steps} steps after 5 warm-up steps, 3 interleaved rounds; median ms / step and the ratio to none)`, '', '| d | none | cholesky | diagonal | cholesky / none | diagonal / none |', '|---|---|---|---|---|---|'];
  for (const d of [2, 10, 50, 100]) {
    const nd = createNdTarget('iso-gaussian', d);
    const target = ndAsTarget(nd);
    const kinds = ['none', 'cholesky', 'diagonal'] as const;
    const times: Record<string, number[]> = { none: [], cholesky: [], diagonal: [] };
    for (let round = 0; round < 3; round++) {
      for (const precond of kinds) {
        const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n: 100, center: [0, 0], spread: 1, dim: d }), params: { alpha: 0.5, precond } });
        for (let t = 0; t < 5; t++) s.step();
        const t0 = performance.now();
        for (let t = 0; t < steps; t++) s.step();
        times[precond].push((performance.now() - t0) / steps);
      }
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const [a, b, c] = kinds.map((k) => med(times[k]));
    lines.push(`| ${d} | ${fmt(a, 1)} | ${fmt(b, 1)} | ${fmt(c, 1)} | ${fmt(b / a)} | ${fmt(c / a)} |`);
    out[d] = times;
    process.stderr.write(`cost d=${d} done\n`);
  }
  return { out, text: lines.join('\n') };
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { seeds: { type: 'string' }, steps: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' }, dims: { type: 'string' }, targets: { type: 'string' } },
  });
  const job = positionals[0];
  const seeds = seedsOf(Number(values.seeds ?? (job === 'dims' ? 3 : 5)));
  const t0 = Date.now();
  let r: { out: Record<string, unknown>; text: string };
  if (job === 'aniso') r = anisoJob(seeds, Number(values.steps ?? 200), values.only);
  else if (job === 'dims') {
    const dims = (values.dims ?? '2,5,10,20,50,100').split(',').map(Number);
    r = dimsJob(seeds, Number(values.steps ?? 300), dims, (values.targets ?? 'iso-gaussian,gmm-d').split(','));
  }
  else if (job === 'authors') r = authorsJob(seeds, values.only);
  else if (job === 'cost') r = costJob(Number(values.steps ?? 20));
  else {
    process.stderr.write('usage: npx tsx src/bench/precondSweep.ts aniso|dims|authors|cost [--seeds K] [--steps S] [--dims 2,5] [--targets a,b] [--only NAME] [--out FILE]\n');
    process.exit(2);
  }
  console.log(r.text);
  console.log(`\n(${((Date.now() - t0) / 60000).toFixed(1)} min)`);
  if (values.out) writeFileSync(values.out, JSON.stringify(r.out));
}

main();
