import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createPresetTarget } from '../engine/targets/presets';

/** Which Sinkhorn stop rule the NumPy step used (see etdNumpy.py). */
export type NumpyRule = 'authors' | 'residual';

export interface NumpyStep {
  readonly n: number;
  readonly rule: NumpyRule;
  readonly msPerStep: number;
  readonly iterations: number;
  /** The Sinkhorn loop's time per iteration. */
  readonly msPerIteration: number;
}

/**
 * A NumPy ETD-B step (etdNumpy.py: the same algorithm, Sinkhorn stopped by the ETD authors' rule
 * or at the playground's marginal residual) from the particles ETD-B has after 5 steps on
 * gmm-grid-4, through Debian's python3.
 */
export function numpyEtdSteps(sizes: readonly number[], rules: readonly NumpyRule[] = ['authors', 'residual']): { rows: NumpyStep[]; error?: string } {
  const jobs = sizes.flatMap((n) => {
    const target = createPresetTarget('gmm-grid-4');
    const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2 }) });
    for (let k = 0; k < 5; k++) s.step();
    const x = s.positions();
    const pts = Array.from({ length: n }, (_, i) => [x[2 * i], x[2 * i + 1]]);
    return rules.map((rule) => ({ x: pts, steps: n <= 250 ? 5 : 2, rule }));
  });
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL('./etdNumpy.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify(jobs), env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { rows: [], error: (r.stderr || r.error?.message || 'python3 failed').trim().split('\n').at(-1) };
  return { rows: (JSON.parse(r.stdout) as { results: NumpyStep[] }).results };
}
