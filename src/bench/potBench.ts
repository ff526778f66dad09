import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './nodeBench';
import { itersFor } from './nodeBench';
import { etdProblem, problemJson } from './problems';

/**
 * POT's sinkhorn_log on the same problems, through Debian's python3 (python3-pot). OpenBLAS
 * core-type overrides are dropped for this one command, as they slow a current NumPy.
 */
export function potSinkhorn(sizes: readonly number[]): { rows: BenchRow[]; version?: string; error?: string } {
  const input = JSON.stringify(sizes.map((n) => ({ ...problemJson(etdProblem(n)), iterations: Math.max(3, itersFor(n) >> 1) })));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL('./potSinkhorn.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script], { input, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { rows: [], error: (r.stderr || r.error?.message || 'python3 failed').trim().split('\n').at(-1) };
  const out = JSON.parse(r.stdout) as { pot: string; results: { n: number; p: number; msPerIteration: number }[] };
  return {
    version: out.pot,
    rows: out.results.map((x) => ({ where: 'python', backend: `POT ${out.pot} (NumPy)`, kernel: 'sinkhorn_log', n: x.n, p: x.p, msPerIteration: x.msPerIteration })),
  };
}
