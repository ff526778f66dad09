// Golden-image checks: a screenshot (PNG bytes) against a committed image in tests/browser/golden/,
// compared pixel by pixel with a tolerance (pixelmatch). `UPDATE_GOLDEN=1` writes the images
// instead (look at them before committing). On a mismatch the actual image and a diff image land
// in test-artifacts/ (or $BROWSER_ARTIFACTS) so a person can see what changed.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
export const goldenDir = path.join(root, 'tests/browser/golden');
const artifactsDir = () => (process.env.BROWSER_ARTIFACTS ? path.resolve(process.env.BROWSER_ARTIFACTS) : path.join(root, 'test-artifacts'));

/**
 * Compare `png` with tests/browser/golden/<name>.png. Fails when the sizes differ or more than
 * `maxDiffRatio` of the pixels differ by more than `threshold` (pixelmatch's YIQ distance, 0..1;
 * anti-aliased edges are not counted). Returns the ratio of differing pixels.
 */
export async function expectGolden(png, name, { threshold = 0.1, maxDiffRatio = 0.01 } = {}) {
  const file = path.join(goldenDir, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`no golden image ${path.relative(root, file)}: run with UPDATE_GOLDEN=1, look at it, commit it`);
    await mkdir(goldenDir, { recursive: true });
    await writeFile(file, png);
    return 0;
  }
  const actual = PNG.sync.read(png);
  const expected = PNG.sync.read(await readFile(file));
  const out = artifactsDir();
  if (actual.width !== expected.width || actual.height !== expected.height) {
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, `golden-${name}.actual.png`), png);
    throw new Error(`golden ${name}: size ${actual.width}x${actual.height}, expected ${expected.width}x${expected.height}`);
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const bad = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold });
  const ratio = bad / (actual.width * actual.height);
  if (ratio > maxDiffRatio) {
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, `golden-${name}.actual.png`), png);
    await writeFile(path.join(out, `golden-${name}.diff.png`), PNG.sync.write(diff));
    throw new Error(`golden ${name}: ${(100 * ratio).toFixed(2)}% of pixels differ (allowed ${(100 * maxDiffRatio).toFixed(2)}%); see ${path.relative(root, out)}/golden-${name}.*.png`);
  }
  return ratio;
}
