/**
 * The BLR measurements of docs/posteriors.md: every panel of each runner config
 * (configs/authors-blr-<set>.json) for several seeds, from the config's initial cloud, each run
 * to the end and measured against the data set's reference posterior and test split; mean and
 * sd over seeds. Runs on worker threads (src/cli/compareWorker.ts); results are written after
 * each config, so a long session keeps what it has done.
 *
 *   npx tsx src/bench/blrMeasure.ts --configs configs/authors-blr-ionosphere.json,... [--seeds 5]
 *     [--panels 1,2] [--steps 1000] [--jobs 2] [--out blr-measure.json]
 *
 * A panel parameter this build does not declare (e.g. `precond` before the preconditioner is
 * merged) is dropped with a note, so the run measures the panel without it and says so.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { SingleRunResult, SingleRunSpec } from '../engine/experiment/singleRun';
import { meanSd } from '../engine/experiment/stats';
import { samplerInfo } from '../engine/samplers/catalog';
import { runPool } from '../cli/pool';

const COLUMNS = ['meanErrorSd', 'varRatioMean', 'varRatioMin', 'varRatioMedian', 'slicedW2', 'energy', 'testAccuracy', 'testLogPredictive', 'msPerStep'] as const;

interface PanelSummary {
  /** The config's name without 'authors-blr-' (e.g. 'sonar', 'sonar-mutation'); rows are keyed by group and label. */
  readonly group?: string;
  readonly set: string;
  readonly label: string;
  readonly sampler: string;
  readonly params: Record<string, unknown>;
  readonly dropped: string[];
  readonly seeds: number[];
  readonly stats: Record<string, { mean: number; sd: number; count: number }>;
  readonly runs: SingleRunResult[];
}

const fmt = (v: { mean: number; sd: number } | undefined) => {
  if (!v || !Number.isFinite(v.mean)) return 'n/a';
  const p = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(3) : x.toExponential(1));
  return `${p(v.mean)} ± ${p(v.sd)}`;
};

export function blrTable(rows: readonly PanelSummary[]): string {
  const lines = [`| set | sampler | ${COLUMNS.join(' | ')} |`, `|---|---|${COLUMNS.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.group ?? r.set} | ${r.label} | ${COLUMNS.map((c) => fmt(r.stats[c])).join(' | ')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      configs: { type: 'string', default: 'configs/authors-blr-ionosphere.json,configs/authors-blr-sonar.json,configs/authors-blr-breast-cancer.json' },
      seeds: { type: 'string', default: '5' },
      panels: { type: 'string' },
      steps: { type: 'string' },
      jobs: { type: 'string', default: '2' },
      out: { type: 'string', default: 'blr-measure.json' },
    },
  });
  const seeds = Number(values.seeds);
  const jobs = Number(values.jobs);
  const steps = values.steps === undefined ? undefined : Number(values.steps);
  const only = values.panels?.split(',').map(Number);
  const rows: PanelSummary[] = existsSync(values.out) ? (JSON.parse(readFileSync(values.out, 'utf8')).rows as PanelSummary[]) : [];
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const loads: string[] = [];
  for (const file of values.configs.split(',')) {
    const cfg = JSON.parse(readFileSync(file, 'utf8'));
    const set = String(cfg.target.data);
    const group = basename(file, '.json').replace(/^authors-blr-/, '');
    const specs: SingleRunSpec[] = [];
    const panels: { label: string; sampler: string; params: Record<string, unknown>; dropped: string[] }[] = [];
    (cfg.panels as { sampler: string; params: Record<string, unknown> }[]).forEach((p, k) => {
      if (only && !only.includes(k + 1)) return;
      const declared = samplerInfo(p.sampler).params;
      const params = Object.fromEntries(Object.entries(p.params).filter(([name]) => Object.hasOwn(declared, name)));
      const dropped = Object.keys(p.params).filter((name) => !Object.hasOwn(declared, name)).map((name) => `${name}=${String(p.params[name])}`);
      const base = samplerInfo(p.sampler).label;
      const mutation = typeof p.params.mutation === 'string' && p.params.mutation !== 'none' ? ` + ${p.params.mutation.toUpperCase()} mutation` : '';
      const label =
        p.sampler === 'etd-b' && !mutation ? `${base} (${Object.keys(p.params).length ? "authors' settings" : 'defaults'})` : `${base}${mutation}`;
      panels.push({ label, sampler: p.sampler, params, dropped });
      if (dropped.length) console.error(`note: ${set}, ${label}: not on this build, measured without: ${dropped.join(', ')}`);
      for (let s = 0; s < seeds; s++) {
        specs.push({
          target: cfg.target,
          sampler: p.sampler,
          params,
          seed: (cfg.run.seed ?? 0) + s,
          n: cfg.run.n,
          steps: steps ?? cfg.run.steps,
          center: [cfg.run.centerX ?? 0, cfg.run.centerY ?? 0],
          spread: cfg.run.spread,
        });
      }
    });
    const t0 = performance.now();
    console.error(`${set}: ${specs.length} runs on ${jobs} threads, load ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
    const runs = await runPool<SingleRunSpec, SingleRunResult>(new URL('../cli/compareWorker.ts', import.meta.url), specs, jobs, (d) =>
      console.error(`  ${d}/${specs.length} runs done (${((performance.now() - t0) / 1000).toFixed(0)} s, load ${loadavg()[0].toFixed(2)})`),
    );
    loads.push(`${set}: load ${loadavg().map((v) => v.toFixed(2)).join(', ')} at the end, ${((performance.now() - t0) / 60000).toFixed(1)} min`);
    panels.forEach((p, k) => {
      const mine = runs.slice(k * seeds, (k + 1) * seeds);
      const keys = new Set(mine.flatMap((r) => Object.keys(r.metrics)));
      const stats = Object.fromEntries([...keys].map((m) => [m, meanSd(mine.map((r) => r.metrics[m]))]));
      stats.msPerStep = meanSd(mine.map((r) => r.msPerStep));
      const row: PanelSummary = { group, set, ...p, seeds: mine.map((r) => r.seed), stats, runs: mine };
      const old = rows.findIndex((r) => (r.group ?? r.set) === group && r.label === p.label);
      if (old >= 0) rows[old] = row;
      else rows.push(row);
    });
    writeFileSync(values.out, JSON.stringify({ machine, loads, date: new Date().toISOString(), rows }, null, 1));
    console.error(`wrote ${values.out}`);
  }
  console.log(`\nmachine: ${machine}\n${loads.join('\n')}\n\n${blrTable(rows)}\n`);
  for (const r of rows) if (r.dropped.length) console.log(`note: ${r.group ?? r.set}, ${r.label}: measured without ${r.dropped.join(', ')} (not on this build)`);
}

main().catch((err) => {
  console.error(`error: ${(err as Error).message}`);
  process.exit(2);
});
