import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function sample(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sample.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('npm run sample on several threads', () => {
  it('a large ETD panel runs its kernels on worker threads and writes the same particles as on one', { timeout: 120_000 }, () => {
    // N = 210, M = 25: 1.1 M entries per step, above the runner's threshold for starting threads.
    const run = (threads: string) => sample('--target', 'banana', '--sampler', 'etd-b', '--n', '210', '--steps', '2', '--seed', '5', '--threads', threads);
    const one = run('1'), two = run('2');
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(one.stderr).not.toMatch(/threads/);
    expect(two.stderr).toMatch(/ETD's kernels on 2 threads/);
    const positions = (out: string) => (JSON.parse(out) as { checkpoints: { positions: number[][] }[] }).checkpoints.at(-1)!.positions;
    expect(positions(two.stdout)).toEqual(positions(one.stdout));
  });

  it('refuses a bad --threads with one line and exit code 2', () => {
    for (const bad of ['0', '2.5', 'many', '1000']) {
      const r = sample('--n', '20', '--steps', '1', '--threads', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`invalid --threads: '${bad.replace('.', '\\.')}' \\(must be an integer from 1 to 256\\)`));
    }
  });
});
