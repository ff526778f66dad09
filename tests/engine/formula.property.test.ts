import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScalar, FormulaError, parseFormula, type FormulaTarget } from '../../src/engine/targets/formula';
import { targetFromSpec } from '../../src/engine/targets/fromSpec';
import { fdGradient, formulaText, pointsIn } from './formulaGen';

const BOX = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };
const POINTS = pointsIn(BOX, 16, 7); // (16, 2): the same points for every formula
const WALL = '12.5*(max(0, abs(x) - 4)^2 + max(0, abs(y) - 4)^2)';

/** The refusals a formula may get; those about a point must name the column at fault. */
const REFUSALS = [/^U is not finite at .* at column \d+/, /^the gradient of U is not finite at .* at column \d+/, /^U is constant/, /^U is unbounded below/, /^exp\(-U\) does not fall away from the box fast enough/];

describe('random formulas (fast-check, fixed seed)', () => {
  it('every accepted formula has a finite float64 score wherever U and its FD gradient are finite; the others are refused with a reason', () => {
    const stats = { runs: 0, accepted: 0, pointsChecked: 0, gradientRefusals: 0 };
    fc.assert(
      fc.property(formulaText, (random) => {
        stats.runs++;
        // Most random formulas have no finite mass in the plane (U in x alone, periodic, ...) and are
        // refused for that; the soft wall outside the box keeps the compilers under test on them.
        const src = `${random} + ${WALL}`;
        let target: FormulaTarget;
        try {
          target = targetFromSpec({ kind: 'formula', formula: src, box: BOX }) as FormulaTarget;
        } catch (e) {
          const message = (e as Error).message;
          if (!REFUSALS.some((r) => r.test(message))) throw new Error(`'${src}' refused with an unexpected message: ${message}`);
          if (/not finite/.test(message)) expect(e).toBeInstanceOf(FormulaError); // carries the column to underline
          if (message.startsWith('the gradient')) stats.gradientRefusals++;
          return;
        }
        stats.accepted++;
        const u = compileScalar(parseFormula(src)); // the formula as written, without the rewrites
        const s = target.score(POINTS);
        for (let i = 0; i < 16; i++) {
          const x = POINTS[2 * i], y = POINTS[2 * i + 1];
          if (!Number.isFinite(u(x, y)) || !fdGradient(u, x, y)) continue;
          stats.pointsChecked++;
          if (!Number.isFinite(s[2 * i]) || !Number.isFinite(s[2 * i + 1]))
            throw new Error(`'${src}' at (${x}, ${y}): score (${s[2 * i]}, ${s[2 * i + 1]}), U = ${u(x, y)}`);
        }
      }),
      { seed: 20260610, numRuns: 10_000 },
    );
    expect(stats.runs).toBe(10_000);
    // About 40% run (the rest: log / sqrt / powers of negative numbers on the box, constants,
    // U unbounded below); a property that accepted none would prove nothing.
    expect(stats.accepted).toBeGreaterThan(3_500);
    expect(stats.pointsChecked).toBeGreaterThan(50_000);
    // A finite U with an infinite slope on the grid is rare (0^y at y = 0, |y|^y at 0): refusing
    // the gradient far more often would mean the derivative rules lost their 0 * Infinity care.
    expect(stats.gradientRefusals).toBeLessThan(40);
  }, 240_000); // a hang guard: ~30 s alone, 130 s beside four other busy processes on 2 cores
});
