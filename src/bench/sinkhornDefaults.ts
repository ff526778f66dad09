/**
 * How the Sinkhorn settings of ETD-B trade iterations for quality (issue "ETD at interactive
 * speed", item 1): for each setting, ETD-B on several targets and seeds, reporting mean Sinkhorn
 * iterations per step, the fraction of steps whose plan met the residual tolerance, the energy
 * distance to the exact target after the last step, and ms per step.
 *
 *   npx tsx src/bench/sinkhornDefaults.ts [--workers 2] [--n 200] [--steps 200] [--seeds 3]
 */
import { runPool } from '../cli/pool';
import type { DefaultsJob, DefaultsResult } from './sinkhornDefaultsJob';

const TARGETS = ['gmm-ring-8', 'banana', 'two-moons', 'squiggle'];
const SETTINGS: readonly { label: string; params: Record<string, unknown> }[] = [
  { label: 'tol 1e-1, adaptive, cold, maxIter 50', params: { tol: 1e-1, relax: 'adaptive', warmStart: false, maxIter: 50 } },
  { label: 'tol 3e-2, adaptive, cold, maxIter 100', params: { tol: 3e-2, relax: 'adaptive', warmStart: false, maxIter: 100 } },
  { label: 'tol 1e-2, plain, cold, maxIter 50', params: { tol: 1e-2, relax: 'off', warmStart: false, maxIter: 50 } },
  { label: 'tol 1e-2, plain, warm, maxIter 50', params: { tol: 1e-2, relax: 'off', warmStart: true, maxIter: 50 } },
  { label: 'tol 1e-2, adaptive, cold, maxIter 50', params: { tol: 1e-2, relax: 'adaptive', warmStart: false, maxIter: 50 } },
  { label: 'tol 1e-2, adaptive, warm, maxIter 50', params: { tol: 1e-2, relax: 'adaptive', warmStart: true, maxIter: 50 } },
  { label: 'tol 1e-2, adaptive, cold, maxIter 200', params: { tol: 1e-2, relax: 'adaptive', warmStart: false, maxIter: 200 } },
  { label: 'tol 1e-3, adaptive, cold, maxIter 50', params: { tol: 1e-3, relax: 'adaptive', warmStart: false, maxIter: 50 } },
  { label: 'tol 1e-5, adaptive, cold, maxIter 50', params: { tol: 1e-5, relax: 'adaptive', warmStart: false, maxIter: 50 } },
  { label: 'reference: tol 1e-4, adaptive, cold, maxIter 1000', params: { tol: 1e-4, relax: 'adaptive', warmStart: false, maxIter: 1000 } },
];

function flag(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
}

const meanSd = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return { m, sd };
};
const fmt = (x: number, d = 3) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(d));

async function main() {
  const n = flag('n', 200), steps = flag('steps', 200), seeds = flag('seeds', 3), workers = flag('workers', 2);
  const only = process.argv.includes('--settings') ? process.argv[process.argv.indexOf('--settings') + 1].split(',').map(Number) : null;
  const settings = SETTINGS.filter((_, k) => !only || only.includes(k));
  const jobs: DefaultsJob[] = [];
  for (const s of settings) for (const target of TARGETS) for (let seed = 1; seed <= seeds; seed++) jobs.push({ target, seed, n, steps, params: s.params });
  const results = await runPool<DefaultsJob, DefaultsResult>(new URL('./sinkhornDefaultsJob.ts', import.meta.url), jobs, workers, (d) => process.stderr.write(`\r${d}/${jobs.length}`));
  process.stderr.write('\n');
  console.log(`ETD-B, N = ${n}, ${steps} steps, seeds 1..${seeds}; energy distance to the exact target averaged over the second half of each run (every 10 steps), mean ± sd over seeds\n`);
  console.log(`| setting | ${TARGETS.map((t) => `${t} energy`).join(' | ')} | iterations / step | converged | ms / step |`);
  console.log(`|---|${TARGETS.map(() => '---|').join('')}---|---|---|`);
  let k = 0;
  for (const s of settings) {
    const rs = results.slice(k, k + TARGETS.length * seeds);
    k += TARGETS.length * seeds;
    const cells = TARGETS.map((_, t) => {
      const { m, sd } = meanSd(rs.slice(t * seeds, (t + 1) * seeds).map((r) => r.energy));
      return `${fmt(m)} ± ${fmt(sd, 2)}`;
    });
    const it = meanSd(rs.map((r) => r.meanIterations)).m;
    const conv = meanSd(rs.map((r) => r.convergedFraction)).m;
    const ms = meanSd(rs.map((r) => r.msPerStep)).m;
    console.log(`| ${s.label} | ${cells.join(' | ')} | ${fmt(it)} | ${(100 * conv).toFixed(1)}% | ${fmt(ms)} |`);
  }
}

void main();
