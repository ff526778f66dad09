import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run sample on a long run', () => {
  it('prints progress, and Ctrl-C stops it after the current step with the steps so far written (exit 130)', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'etd-sample-')), 'run.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sample.ts', '--target', 'banana', '--sampler', 'etd-b', '--n', '200', '--steps', '1000000', '--out', out], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += String(b)));
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      const poll = setInterval(() => {
        if (/step \d+\/1000000, [\d.]+ steps\/s, about/.test(stderr)) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 100);
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted at step \d+ of 1000000/);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.interruptedAt).toBeGreaterThan(0);
    const last = result.checkpoints.at(-1);
    expect(last.step).toBe(result.interruptedAt);
    expect(last.positions).toHaveLength(200);
  }, 60_000);
});
