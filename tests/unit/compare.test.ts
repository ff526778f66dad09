import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanSd } from '../../src/engine/experiment/stats';

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
    expect(r.stdout).toMatch(/\| sampler \| energy \| slicedW2 \| ksd \| modeCoverage \| varRatioX \| varRatioY \| msPerStep \|/);
    for (const s of ['etd-ub-sg', 'svgd', 'sgld']) expect(r.stdout).toMatch(new RegExp(`\\| ${s} \\| \\d`));
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.runs).toHaveLength(6);
    expect(json.runs.map((x: { seed: number }) => x.seed)).toEqual([1, 2, 1, 2, 1, 2]);
    const e = json.summary['etd-ub-sg'].energy;
    const seeds = json.runs.filter((x: { sampler: string }) => x.sampler === 'etd-ub-sg').map((x: { metrics: { energy: number } }) => x.metrics.energy);
    expect(e.mean).toBeCloseTo((seeds[0] + seeds[1]) / 2, 12);
  });

  it('rejects an unknown sampler with exit code 2', () => {
    const r = compare('--samplers', 'etd-b,nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown sampler 'nope'/);
  });

  it('meanSd ignores non-finite values and uses the sample sd', () => {
    expect(meanSd([1, 2, 3, NaN])).toEqual({ mean: 2, sd: 1, count: 3 });
    expect(meanSd([NaN]).count).toBe(0);
  });
});
