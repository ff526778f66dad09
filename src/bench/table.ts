import type { BenchRow } from './nodeBench';

const f = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(digits));

/** Markdown table of benchmark rows, one per (where, backend, kernel, size). */
export function benchTable(rows: readonly BenchRow[]): string {
  const lines = ['| where | backend | kernel | N | P | ms / Sinkhorn iteration | ETD steps / s |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.where} | ${r.backend} | ${r.kernel} | ${r.n} | ${r.p} | ${f(r.msPerIteration)} | ${f(r.stepsPerSecond)} |`);
  return lines.join('\n');
}

/** Speed-up of the CPU path over POT per size (POT ms / ours ms), for the 2x target. */
export function speedups(rows: readonly BenchRow[]): { n: number; cpuOverPot: number }[] {
  const out: { n: number; cpuOverPot: number }[] = [];
  for (const pot of rows.filter((r) => r.where === 'python' && r.backend.startsWith('POT') && r.msPerIteration !== undefined)) {
    const ours = rows.filter((r) => r.where === 'node' && r.n === pot.n && r.msPerIteration !== undefined);
    if (!ours.length) continue;
    const best = Math.min(...ours.map((r) => r.msPerIteration!));
    out.push({ n: pot.n, cpuOverPot: pot.msPerIteration! / best });
  }
  return out;
}
