import { describe, it, expect } from 'vitest';
import {
  FormulaError,
  checkFormulaOnBox,
  compileBatch,
  compileScalar,
  createFormulaTarget,
  parseFormula,
} from '../../src/engine/targets/formula';

const scalarU = (src: string, x = 0, y = 0): number => compileScalar(parseFormula(src))(x, y);

function batchU(src: string, xs: number[], ys: number[]): Float64Array {
  const out = new Float64Array(xs.length);
  compileBatch(parseFormula(src))(Float64Array.from(xs), Float64Array.from(ys), out);
  return out;
}

/** The error a formula raises (fails the test if it parses). */
function errorOf(src: string): FormulaError {
  try {
    parseFormula(src);
  } catch (e) {
    expect(e).toBeInstanceOf(FormulaError);
    return e as FormulaError;
  }
  throw new Error(`expected '${src}' to fail`);
}

/** Deterministic points (rounded to float32, so they print short). */
function randomPoints(n: number, seed: number, half = 3): { xs: number[]; ys: number[] } {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const xs = Array.from({ length: n }, () => Math.fround((2 * rand() - 1) * half));
  const ys = Array.from({ length: n }, () => Math.fround((2 * rand() - 1) * half));
  return { xs, ys };
}

const closeTo = (a: number, b: number, rel: number, abs = rel): boolean => Math.abs(a - b) <= abs + rel * Math.abs(b);

const FORMULAS: Record<string, string> = {
  rezendeU1: '0.5*((sqrt(x^2 + y^2) - 2)/0.4)^2 - logsumexp(-0.5*((x - 2)/0.6)^2, -0.5*((x + 2)/0.6)^2)',
  rezendeU3:
    '-logsumexp(-0.5*((y - sin(2*pi*x/4))/0.35)^2, -0.5*((y - sin(2*pi*x/4) + 3*exp(-0.5*((x - 1)/0.6)^2))/0.35)^2)',
  donut: '(sqrt(x^2 + y^2) - 2.6)^2 / 0.033',
  smooth: 'softplus(x*y) + sigmoid(x)*tanh(y) + exp(-x^2/2)*cos(y) + log(1 + y^2)',
  kinks: 'max(x, y)^2 + min(x, -y) + abs(x - 0.3) + pow(x^2 + 1, 0.5)',
  trig: 'tan(x/4) + sin(x)^2 + y^2/2 - 1e-3*e^(x/3)',
  onlyX: '(x - 1)^2 / 2',
};

describe('parser precedence', () => {
  const cases: [string, number][] = [
    ['2^3^2', 512], ['-2^2', -4], ['1-2-3', -4], ['8/4/2', 1], ['2+3*4', 14], ['(2+3)*4', 20],
    ['2^-1', 0.5], ['-2^-2', -0.25], ['2*-3', -6], ['--2', 2], ['+2', 2], ['2^3*2', 16],
    ['1e-3', 0.001], ['.5', 0.5], ['2.5E2', 250], ['pi', Math.PI], ['e', Math.E],
    ['  1 +\t2 ', 3],
  ];
  it.each(cases)('%s = %d', (src, expected) => {
    expect(scalarU(src)).toBeCloseTo(expected, 12);
  });
  it('binds unary minus looser than ^ on variables', () => {
    expect(scalarU('-x^2', 3)).toBe(-9);
    expect(scalarU('x^y', 2, 3)).toBe(8);
    expect(scalarU('x - -y', 1, 2)).toBe(3);
  });
});

describe('functions', () => {
  const x = 0.7, y = -1.3;
  const cases: [string, number][] = [
    ['exp(x)', Math.exp(x)], ['log(x)', Math.log(x)], ['sqrt(x)', Math.sqrt(x)], ['abs(y)', Math.abs(y)],
    ['sin(y)', Math.sin(y)], ['cos(y)', Math.cos(y)], ['tan(x)', Math.tan(x)], ['tanh(y)', Math.tanh(y)],
    ['sigmoid(y)', 1 / (1 + Math.exp(-y))], ['softplus(y)', Math.log(1 + Math.exp(y))],
    ['min(x, y)', Math.min(x, y)], ['max(x, y)', Math.max(x, y)], ['pow(x, y)', Math.pow(x, y)],
    ['logsumexp(x)', x], ['logsumexp(x, y)', Math.log(Math.exp(x) + Math.exp(y))],
    ['logsumexp(x, y, 1)', Math.log(Math.exp(x) + Math.exp(y) + Math.E)],
  ];
  it.each(cases)('%s matches Math in both compilations', (src, expected) => {
    expect(scalarU(src, x, y)).toBeCloseTo(expected, 12);
    expect(batchU(src, [x], [y])[0]).toBeCloseTo(expected, 12);
  });

  it('logsumexp, softplus and sigmoid are stable at extreme arguments', () => {
    const cases2: [string, number][] = [
      ['logsumexp(1000 + x, 1000 + y)', 1000 + Math.LN2],
      ['logsumexp(-1000 + x, -1000 + y)', -1000 + Math.LN2],
      ['logsumexp(1000, 1000)', 1000 + Math.LN2],
      ['softplus(1000 + x)', 1000], ['softplus(-1000 + x)', 0], ['sigmoid(-1000 + x)', 0],
    ];
    for (const [src, expected] of cases2) {
      expect(scalarU(src)).toBeCloseTo(expected, 9);
      expect(batchU(src, [0], [0])[0]).toBeCloseTo(expected, 9);
    }
    const s = createFormulaTarget('logsumexp(1000 + x, 1000 + y)').score(new Float64Array([0, 0]));
    expect(Array.from(s)).toEqual([-0.5, -0.5]);
  });
});

describe('errors name their column', () => {
  const cases: [string, string, number][] = [
    ['x + sinn(y)', "unknown function 'sinn' at column 5", 5],
    ['x+z', "unknown variable 'z' at column 3 (use x and y)", 3],
    ['pow(x)', "'pow' takes 2 arguments, got 1 at column 1", 1],
    ['1 + sin(x, y)', "'sin' takes 1 argument, got 2 at column 5", 5],
    ['logsumexp()', "'logsumexp' takes at least 1 argument, got 0 at column 1", 1],
    ['(x + y', "unexpected end of formula at column 7 (missing ')'?)", 7],
    ['sin(x', "unexpected end of formula at column 6 (missing ')'?)", 6],
    ['x + y)', "unexpected ')' at column 6 (no matching '(')", 6],
    ['x +', "unexpected end of formula at column 4 (expected a number, x, y, a function or '(' after '+')", 4],
    ['2x', "missing operator between '2' and 'x' at column 2", 2],
    ['2e', "missing operator between '2' and 'e' at column 2", 2], // not an exponent, not 2*e
    ['(x)(y)', "missing operator between ')' and '(' at column 4", 4],
    ['x**2', "unexpected '*' at column 3 (use ^ for powers)", 3],
    ['sin x', "'sin' is a function: write sin(...) at column 1", 1],
    ['x # y', "unexpected character '#' at column 3", 3],
    ['max(1,)', "unexpected ')' at column 7 (expected a number, x, y, a function or '(' after ',')", 7],
    ['1e999', "number '1e999' is too large at column 1", 1],
  ];
  it.each(cases)('%s', (src, message, column) => {
    const err = errorOf(src);
    expect(err.message).toBe(message);
    expect(err.column).toBe(column);
  });

  it('rejects empty formulas', () => {
    for (const src of ['', '   ']) expect(errorOf(src).message).toBe('empty formula');
  });

  it('never executes text: JavaScript names are unknown functions or variables', () => {
    expect(errorOf('alert(1)').message).toBe("unknown function 'alert' at column 1");
    expect(errorOf('constructor').message).toBe("unknown variable 'constructor' at column 1 (use x and y)");
    expect(errorOf('toString(x)').message).toBe("unknown function 'toString' at column 1");
    expect(errorOf('__proto__').message).toMatch(/^unknown variable '__proto__'/);
    expect(errorOf('x.constructor').message).toBe("unexpected character '.' at column 2");
  });

  it('limits length and nesting depth', () => {
    expect(errorOf('x+'.repeat(1000) + 'x').message).toMatch(/too long .* at column 2001/);
    expect(errorOf('('.repeat(250) + 'x' + ')'.repeat(250)).message).toMatch(/nests too deeply/);
    expect(errorOf('-'.repeat(250) + 'x').message).toMatch(/nests too deeply/);
    expect(scalarU('('.repeat(150) + 'x' + ')'.repeat(150), 2)).toBe(2);
    expect(scalarU('1+'.repeat(999) + 'x', 1)).toBe(1000); // long flat chains are fine
  });
});

describe('compilations agree', () => {
  const { xs, ys } = randomPoints(64, 12345);
  it.each(Object.entries(FORMULAS))('%s: batch = scalar exactly', (_name, src) => {
    const b = batchU(src, xs, ys);
    const s = compileScalar(parseFormula(src));
    for (let i = 0; i < xs.length; i++) expect(b[i]).toBe(s(xs[i], ys[i]));
  });
});

describe('formula target', () => {
  const { xs, ys } = randomPoints(40, 777);
  const points = new Float64Array(2 * xs.length);
  xs.forEach((x, i) => { points[2 * i] = x; points[2 * i + 1] = ys[i]; });

  it.each(Object.entries(FORMULAS))('%s: score matches finite differences of logDensityAt', (_name, src) => {
    const target = createFormulaTarget(src);
    const score = target.score(points);
    const h = 1e-5;
    for (let i = 0; i < xs.length; i++) {
      const [x, y] = [xs[i], ys[i]];
      const fdX = (target.logDensityAt(x + h, y) - target.logDensityAt(x - h, y)) / (2 * h);
      const fdY = (target.logDensityAt(x, y + h) - target.logDensityAt(x, y - h)) / (2 * h);
      if (!closeTo(score[2 * i], fdX, 1e-6) || !closeTo(score[2 * i + 1], fdY, 1e-6)) {
        throw new Error(`${src} at (${x}, ${y}): score (${score[2 * i]}, ${score[2 * i + 1]}) vs FD (${fdX}, ${fdY})`);
      }
    }
  });

  it('logDensity is -U from the batch path and matches logDensityAt', () => {
    const target = createFormulaTarget(FORMULAS.rezendeU1, { name: 'U1' });
    expect(target.name).toBe('U1');
    expect(target.box).toEqual({ xmin: -4, xmax: 4, ymin: -4, ymax: 4 });
    const out = new Float64Array(xs.length);
    expect(target.logDensity(points, out)).toBe(out);
    xs.forEach((x, i) => expect(out[i]).toBe(target.logDensityAt(x, ys[i])));
    expect(target.logDensityAt(1, 2)).toBe(-scalarU(FORMULAS.rezendeU1, 1, 2));
  });

  it('gives zero score for variables U ignores, and handles constants and empty batches', () => {
    expect(Array.from(createFormulaTarget('x^2').score(new Float64Array([1, 2])))).toEqual([-2, 0]);
    const c = createFormulaTarget('3');
    expect(Array.from(c.score(new Float64Array([1, 2, 3, 4])))).toEqual([0, 0, 0, 0]);
    expect(Array.from(c.logDensity(new Float64Array([1, 2])))).toEqual([-3]);
    expect(c.score(new Float64Array(0)).length).toBe(0);
  });

  it('checkFormulaOnBox reports non-finite and constant U with the cause and its column', () => {
    const box = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };
    expect(checkFormulaOnBox(createFormulaTarget('x^2 + y^2'), box)).toEqual({ ok: true });
    expect(checkFormulaOnBox(createFormulaTarget('log(x)'), box)).toEqual({
      ok: false,
      message: "U is not finite at (x, y) = (-4.00, -4.00): log of a negative number (-4) in 'log(x)' at column 1",
      column: 1,
      length: 6,
    });
    expect(checkFormulaOnBox(createFormulaTarget('2*pi'), box)).toEqual({ ok: false, message: 'U is constant: nothing to sample' });
  });
});
