import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanSd } from '../../src/engine/experiment/stats';
import { formatSpread, markdownTable, seedSpread, summarise } from '../../src/cli/compareTable';

const root = new URL('../..', import.meta.url).pathname;

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/compare.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run compare', () => {
  it('prints a mean ± sd table per sampler and writes it as JSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'etd-compare-')), 'c.json');
    const r = compare('--target', 'gmm-grid-4', '--n', '30', '--steps', '5', '--seeds', '2', '--samplers', 'etd-ub-sg,svgd,sgld', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| sampler \| energy \| slicedW2 \| ksd \| modeCoverage \| modeBalance \| varRatioX \| varRatioY \| msPerStep \|/);
    // every cell: mean ± sd [min–max over the seeds]
    for (const s of ['etd-ub-sg', 'svgd', 'sgld']) expect(r.stdout).toMatch(new RegExp(`\\| ${s} \\| \\d\\S* ± \\S+ \\[\\S+–\\S+\\] \\|`));
    expect(r.stdout).toMatch(/seeds 1\.\.2; each cell: mean ± sd \[min–max over the seeds\]/);
    expect(r.stdout).toMatch(/modeBalance: Jensen-Shannon divergence/);
    expect(r.stderr).toMatch(/svgd modeBalance: seed 1 \S+, seed 2 \S+/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.runs).toHaveLength(6);
    expect(json.runs.map((x: { seed: number }) => x.seed)).toEqual([1, 2, 1, 2, 1, 2]);
    const e = json.summary['etd-ub-sg'].energy;
    const seeds = json.runs.filter((x: { sampler: string }) => x.sampler === 'etd-ub-sg').map((x: { metrics: { energy: number } }) => x.metrics.energy);
    expect(e.mean).toBeCloseTo((seeds[0] + seeds[1]) / 2, 12);
    expect(e.perSeed).toEqual(seeds);
    expect([e.min, e.max]).toEqual([Math.min(...seeds), Math.max(...seeds)]);
    expect(json.summary.svgd.modeBalance.perSeed).toHaveLength(2);
  });

  it('rejects an unknown sampler with exit code 2', () => {
    const r = compare('--samplers', 'etd-b,nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown sampler 'nope'/);
  });

  it('a table cell shows mean ± sd and the spread over seeds; mode columns only for mixtures', () => {
    expect(formatSpread(seedSpread([0.1, 0.3, 0.2]))).toBe('0.200 ± 0.100 [0.100–0.300]');
    expect(formatSpread(seedSpread([0.5]))).toBe('0.500');
    expect(seedSpread([1, NaN, 3])).toMatchObject({ mean: 2, min: 1, max: 3, perSeed: [1, NaN, 3] });
    const run = (sampler: string, seed: number, energy: number) => ({ sampler, seed, metrics: { energy }, msPerStep: 1 });
    const table = markdownTable(summarise(['a'], [run('a', 2, 0.2), run('a', 1, 0.4)]));
    expect(table).not.toMatch(/mode/);
    expect(table).toMatch(/\| a \| 0\.300 ± 0\.141 \[0\.200–0\.400\]/);
  });

  it('meanSd ignores non-finite values and uses the sample sd', () => {
    expect(meanSd([1, 2, 3, NaN])).toEqual({ mean: 2, sd: 1, count: 3 });
    expect(meanSd([NaN]).count).toBe(0);
  });
});
