import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args';
import { POSTERIOR_METRIC_NAMES } from '../../src/engine/metrics/posterior';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'etd-cli-blr-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sample.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

/** A CSV nobody tuned for: 3 features on different scales, labels 'yes' / 'no' in a middle column named Label. */
function userCsv(): string {
  const lines = ['height_cm,Label,weight_kg,age'];
  let s = 7;
  const u = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 60; i++) {
    const h = 150 + 40 * u();
    const w = 50 + 50 * u();
    const a = 20 + 50 * u();
    lines.push(`${h.toFixed(1)},${(h - 170) / 10 + (w - 75) / 20 + u() - 0.5 > 0 ? 'yes' : 'no'},${w.toFixed(1)},${a.toFixed(0)}`);
  }
  return lines.join('\n');
}

describe('the runner on logistic-regression posteriors', () => {
  it('--target blr --data FILE.csv runs MALA on a user CSV and reports predictive metrics only, saying so', { timeout: 60_000 }, () => {
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, userCsv());
    const out = join(dir, 'run.json');
    const r = run('--target', 'blr', '--data', csv, '--sampler', 'mala', '--n', '40', '--steps', '30', '--metrics', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("note: labels read as 'no' -> 0 and 'yes' -> 1 (in alphabetical order)");
    expect(r.stderr).toContain('note: no reference posterior for this data set: only the predictive metrics on the test rows (testAccuracy, testLogPredictive) are reported');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.config.target).toEqual({ kind: 'blr', data: csv });
    expect(json.notes[0]).toMatch(/3 weights, 48 training rows and 12 test rows/);
    const last = json.checkpoints.at(-1);
    expect(last.positions).toHaveLength(40);
    expect(last.positions[0]).toHaveLength(3);
    expect(Object.keys(last.metrics).sort()).toEqual(['finiteFraction', 'testAccuracy', 'testLogPredictive']);
    expect(last.metrics.testAccuracy).toBeGreaterThan(0.5);
    // The written config runs again with --config and gives the same particles.
    const cfg = join(dir, 'cfg.json');
    writeFileSync(cfg, JSON.stringify(json.config));
    const again = join(dir, 'again.json');
    expect(run('--config', cfg, '--out', again).code).toBe(0);
    expect(JSON.parse(readFileSync(again, 'utf8')).checkpoints.at(-1).positions).toEqual(last.positions);
  });

  it('--data ionosphere measures against the vendored reference posterior', { timeout: 60_000 }, () => {
    const out = join(dir, 'iono.json');
    const r = run('--target', 'blr', '--data', 'ionosphere', '--sampler', 'ula', '--n', '20', '--steps', '5', '--spread', '0.1', '--metrics', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: metrics against the reference posterior \(2000 draws; static HMC/);
    const last = JSON.parse(readFileSync(out, 'utf8')).checkpoints.at(-1);
    expect(Object.keys(last.metrics).sort()).toEqual([...POSTERIOR_METRIC_NAMES].sort());
    expect(last.positions[0]).toHaveLength(33);
  });

  it('a bad file or bad flags: one line on stderr and exit 2', { timeout: 60_000 }, () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b,label\n' + Array.from({ length: 12 }, (_, i) => `${i},${i === 4 ? 'x' : i},${i % 3}`).join('\n'));
    const cases: [string[], string][] = [
      [['--target', 'blr', '--data', bad], `error: ${bad}: line 6, column 'b' (column 2): 'x' is not a number`],
      [['--target', 'blr', '--data', join(dir, 'none.csv')], `error: cannot read data file '${join(dir, 'none.csv')}': no such file (vendored data sets: breast-cancer, sonar, ionosphere)`],
      [['--target', 'blr'], 'error: --target blr needs --data: a vendored data set (breast-cancer, sonar, ionosphere) or a CSV file'],
      [['--target', 'u1', '--data', 'sonar'], 'error: --data only applies to --target blr (got --target u1)'],
      [['--target', 'blr', '--data', 'sonar', '--dim', '4'], 'error: --dim does not apply to --target blr (the dimension is the number of feature columns)'],
    ];
    for (const [args, message] of cases) {
      const r = run(...args, '--steps', '1');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    }
    const labels = join(dir, 'three.csv');
    writeFileSync(labels, 'a,b,label\n' + Array.from({ length: 12 }, (_, i) => `${i},${i * i},${i % 3}`).join('\n'));
    expect(run('--target', 'blr', '--data', labels).stderr).toBe(`error: ${labels}: the labels (column 'label' (column 3)) must take exactly two values, found 3 ('0', '1', '2')`);
  });

  it('compare --target blr --data tables the posterior metrics', { timeout: 60_000 }, () => {
    const out = join(dir, 'compare.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/compare.ts', '--target', 'blr', '--data', 'sonar', '--n', '10', '--steps', '2', '--seeds', '1', '--samplers', 'ula', '--jobs', '1', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('blr sonar: N = 10, 2 steps');
    expect(r.stdout).toContain('| sampler | meanErrorSd | varRatioMean | varRatioMin | slicedW2 | energy | testAccuracy | testLogPredictive | msPerStep |');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs[0].metrics.varRatioMedian).toBeGreaterThan(0);
  });

  it('parses --target blr --data into the config target', () => {
    expect(parseCliArgs(['--target', 'blr', '--data', 'sonar']).config.target).toEqual({ kind: 'blr', data: 'sonar' });
  });
});
