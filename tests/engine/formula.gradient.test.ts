import { describe, expect, it } from 'vitest';
import {
  checkFormulaOnBox,
  compileGradient,
  compileScalar,
  createFormulaTarget,
  explainNonFinite,
  parseFormula,
  stabilize,
  type Node,
} from '../../src/engine/targets/formula';
import { checkFormulaText } from '../../src/engine/targets/formula/checkText';
import { targetFromSpec } from '../../src/engine/targets/fromSpec';
import { firstNonFinite } from '../../src/engine/targets/nonFinite';
import { fdGradient, pointsIn } from './formulaGen';

const BOX = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };
const THREE_LOBES = '-log(exp(-((x-2)^2+y^2)/0.3)+exp(-((x+1)^2+(y-1.7)^2)/0.3)+exp(-((x+1)^2+(y+1.7)^2)/0.3))';

/** U and grad U at n points through the float64 forward-mode evaluator. */
function grad(node: Node, p: Float64Array): { u: Float64Array; gx: Float64Array; gy: Float64Array } {
  const n = p.length / 2;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) { xs[i] = p[2 * i]; ys[i] = p[2 * i + 1]; }
  const u = new Float64Array(n), gx = new Float64Array(n), gy = new Float64Array(n);
  compileGradient(node)(xs, ys, u, gx, gy);
  return { u, gx, gy };
}

/** Infix text of a tree, to read what a rewrite produced. */
function show(n: Node): string {
  switch (n.kind) {
    case 'num': return String(Number(n.value.toPrecision(6)));
    case 'var': return n.name;
    case 'unary': return `-${show(n.arg)}`;
    case 'binary': return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'call': return `${n.fn}(${n.args.map(show).join(', ')})`;
  }
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * (1 + Math.abs(b));

// Every function and operator of the language, and every form the rewrites change.
const GRADIENT_CASES: string[] = [
  'exp(0.3*x*y)', 'log(x^2 + y^2 + 0.5)', 'sqrt(x^2 + 2*y^2 + 0.1)', 'abs(x - 0.3) + abs(y)', 'sin(x*y)', 'cos(x + 2*y)',
  'tan(x/4) + y', 'tanh(3*x - y)', 'sigmoid(2*x + y)', 'softplus(x - y)', 'min(x, y^2)', 'max(x*y, -y)',
  'pow(x^2 + 1, y/3)', 'x^3 - 2*y^2', '(x^2 + 1)^(y/2)', '2^x + e^y', 'pi*x/y^2', '-x^2/(1 + y^2)', 'logsumexp(x, y, x*y)',
  'logsumexp(-x^2)', THREE_LOBES, 'log(1 + exp(3*x))', '-log(sigmoid(x - y))', 'log(exp(x*y))', 'exp(x)*exp(-y^2)',
  'x/exp(y)', 'exp(x)/exp(y)/exp(x*y)', '(exp(x/2))^3', 'sqrt(exp(x + y))', 'pow(exp(x), 2)', 'y^2/(1 + exp(-x))',
  'exp(x)/(1 + exp(x)) + y^2', '1 - sigmoid(x*y)', 'log((exp(x) + exp(y))/2)', 'log(0.5*exp(-x^2) + exp(-y^2)/0.6 + 1e-3 + x^2)',
  '-log(2*exp(-x) + sqrt(y^2 + 1))', 'log(exp(x)*exp(y)*(1 + y^2))',
];

describe('float64 gradients (forward mode)', () => {
  const pts = pointsIn({ xmin: -2.5, xmax: 2.5, ymin: -2.5, ymax: 2.5 }, 40, 2024);
  it.each(GRADIENT_CASES)('%s: gradient of the rewritten formula = central differences of the original', (src) => {
    const raw = parseFormula(src);
    const u0 = compileScalar(raw);
    let checked = 0;
    for (const node of [raw, stabilize(raw)]) {
      const { u, gx, gy } = grad(node, pts);
      for (let i = 0; i < 40; i++) {
        const [x, y] = [pts[2 * i], pts[2 * i + 1]];
        const fd = fdGradient(u0, x, y);
        if (!fd || !Number.isFinite(u0(x, y))) continue;
        expect(close(u[i], u0(x, y), 1e-12)).toBe(true);
        checked++;
        if (!close(gx[i], fd[0], 1e-6) || !close(gy[i], fd[1], 1e-6))
          throw new Error(`${src} (${show(node)}) at (${x}, ${y}): grad (${gx[i]}, ${gy[i]}) vs FD (${fd[0]}, ${fd[1]})`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(60); // most of the 2 x 40 points are inside the domain
  });

  it('the score is -grad U with +0 for an unread variable, and NaN where U is not finite', () => {
    const t = createFormulaTarget('x^2 + log(x)');
    expect(Array.from(t.score(Float64Array.of(1, 5)))).toEqual([-3, 0]);
    expect(Array.from(t.score(Float64Array.of(-1, 5))).every(Number.isNaN)).toBe(true);
  });

  it('is finite where float32 autodiff was not: exps that underflow, kinks at 0, overflowed tangents', () => {
    const far = Float64Array.of(30, 40, -200, 7, 1e3, -1e3);
    const s = createFormulaTarget(THREE_LOBES).score(far);
    expect(s.every(Number.isFinite)).toBe(true);
    // Far away only the nearest lobe counts: score = -(z - c)/0.15 for the nearest centre c.
    expect(s[0]).toBeCloseTo(-(30 - 2) / 0.15, 9);
    expect(s[1]).toBeCloseTo(-40 / 0.15, 9);
    const cases: [string, number, number, number, number][] = [
      ['sqrt(x^2 + y^2)', 0, 0, 0, 0], // the cone's tip: zero tangent beats the infinite slope
      ['0.5*((x^2+y^2)^0.5 - 2)^2/0.1', 0, 0, 0, 0],
      ['abs(x) + max(y, -y)', 0, 0, 0, 0], // ties split evenly, as central differences see them
      ['tanh(exp(100*x)) + y^2', 8, 1, 0, -2], // exp overflows, but tanh' underflowed to 0 first
      ['1/(1 + exp(-1000*x)) + y^2', -2, 1, 0, -2], // written-out sigmoid -> sigmoid(1000 x)
      ['x^2 + 1/exp(x^2)', 40, 0, -80, 0], // 1/exp -> exp(-...)
      ['log(exp(800*x) + exp(-800*x))', 2, 0, -800, 0],
      ['-log(sigmoid(-900*x))', 1, 0, -900, 0],
    ];
    for (const [src, x, y, sx, sy] of cases) {
      const got = createFormulaTarget(src).score(Float64Array.of(x, y));
      expect([src, got[0], got[1]]).toEqual([src, expect.closeTo(sx, 9), expect.closeTo(sy, 9)]);
    }
  });
});

describe('stable rewrites', () => {
  const cases: [string, string][] = [
    [THREE_LOBES, '-logsumexp((-(((x - 2) ^ 2) + (y ^ 2)) / 0.3), (-(((x + 1) ^ 2) + ((y - 1.7) ^ 2)) / 0.3), (-(((x + 1) ^ 2) + ((y + 1.7) ^ 2)) / 0.3))'],
    ['log(1 + exp(x))', 'logsumexp(0, x)'],
    ['log(exp(x*y))', '(x * y)'],
    ['-log(sigmoid(x))', 'softplus(-x)'],
    ['log(sigmoid(x))', '-softplus(-x)'],
    ['exp(x)*exp(y)/exp(x*y)', 'exp(((x + y) - (x * y)))'],
    ['y/exp(x)', '(y * exp(-x))'],
    ['1/(1 + exp(-x))', 'sigmoid(x)'],
    ['y/(exp(x) + 1)', '(y * sigmoid(-x))'],
    ['exp(x)/(1 + exp(x))', 'sigmoid(x)'],
    ['1 - sigmoid(x)', 'sigmoid(-x)'],
    ['sqrt(exp(x))', 'exp((0.5 * x))'],
    ['exp(x)^2', 'exp((x * 2))'],
    ['log((exp(x) + exp(y))/2)', '(logsumexp(x, y) - 0.693147)'],
    ['log(0.5*exp(-x^2) + exp(-y^2)/0.6 + 1e-3 + x^2)', 'logsumexp((-0.693147 + -(x ^ 2)), (-(y ^ 2) - -0.510826), -6.90776, log((x ^ 2)))'],
    // not rewritten: a term that may be negative, no exp at all, constants
    ['log(exp(x) - 1)', 'log((exp(x) - 1))'],
    ['log(exp(x) + y)', 'log((exp(x) + y))'],
    ['log(x^2 + y^2)', 'log(((x ^ 2) + (y ^ 2)))'],
    ['x*exp(-x^2)', '(x * exp(-(x ^ 2)))'],
  ];
  it.each(cases)('%s -> %s', (src, want) => {
    expect(show(stabilize(parseFormula(src)))).toBe(want);
  });

  it('keep the value (to rounding) where the original is finite, and stay finite where it overflowed', () => {
    const pts = pointsIn(BOX, 200, 99);
    for (const src of [THREE_LOBES, ...cases.map((c) => c[0])]) {
      const a = compileScalar(parseFormula(src)), b = compileScalar(stabilize(parseFormula(src)));
      for (let i = 0; i < 200; i++) {
        const [x, y] = [pts[2 * i], pts[2 * i + 1]];
        if (Number.isFinite(a(x, y))) expect(close(b(x, y), a(x, y), 1e-12)).toBe(true);
      }
    }
    expect(compileScalar(parseFormula(THREE_LOBES))(30, 40)).toBe(Infinity); // log(0)
    expect(createFormulaTarget(THREE_LOBES).logDensityAt(30, 40)).toBeCloseTo(-(28 ** 2 + 40 ** 2) / 0.3, 6);
  });

  it('keep the spans of the text they replace, so messages point at what the user wrote', () => {
    const node = stabilize(parseFormula('y + log(1 + exp(x))'));
    expect(node.kind === 'binary' && node.right).toMatchObject({ kind: 'call', fn: 'logsumexp', start: 5, length: 15 });
  });
});

describe('non-finite values and gradients are explained with their column', () => {
  const cases: [string, number, number, string | null][] = [
    ['x^2 + 1/x', 0, 1, "division by 0 in '1/x' at column 7"],
    ['y + log(x)', -2, 0, "log of a negative number (-2) in 'log(x)' at column 5"],
    ['-log(sqrt(x^2+y^2))', 0, 0, "log of 0 in 'log(sqrt(x^2+y^2))' at column 2"],
    ['sqrt(1 - x^2 - y^2)', 1, 1, "sqrt of a negative number (-1) in 'sqrt(1 - x^2 - y^2)' at column 1"],
    ['exp(x^3)', 10, 0, "exp(1000) overflows in 'exp(x^3)' at column 1"],
    ['x^y', -2, 0.5, "a negative number (-2) to a non-integer power (0.5) in 'x^y' at column 1"],
    ['max(x, 0)^0.5 + y^2', 0, 1, "^ has no finite slope at (0, 0.5) in 'max(x, 0)^0.5' at column 1"],
    ['sqrt(x^2 + y^2)', 0, 0, null],
  ];
  it.each(cases)('%s at (%d, %d)', (src, x, y, message) => {
    const t = createFormulaTarget(src);
    const e = t.explainNonFinite(x, y);
    expect(e?.message ?? null).toBe(message);
    if (e) expect(src.slice(e.column - 1, e.column - 1 + e.length)).toBe(message!.match(/'(.*)'/)![1]);
  });

  it('firstNonFinite names the target, the particle and the cause', () => {
    const t = createFormulaTarget('x^2 + log(y)');
    const p = Float64Array.of(1, 1, 0.5, -3);
    expect(firstNonFinite(t, p, t.logDensity(p), t.score(p))?.message).toBe(
      "U(x, y) = x^2 + log(y): log pi is not finite at (x, y) = (0.5, -3): log of a negative number (-3) in 'log(y)' at column 7",
    );
    expect(firstNonFinite(t, Float64Array.of(1, 1), t.logDensity(Float64Array.of(1, 1)))).toBeNull();
  });
});

describe('the box check', () => {
  const refuse = (src: string) => {
    const c = checkFormulaOnBox(createFormulaTarget(src), BOX);
    return c.ok ? 'ok' : c.message;
  };

  it('samples the axes, the integer lines and the middle: poles and kinks at 0 are found', () => {
    expect(refuse('1/x')).toBe("U is not finite at (x, y) = (0.00, -4.00): division by 0 in '1/x' at column 1");
    expect(refuse('-log(sqrt(x^2+y^2))')).toBe("U is not finite at (x, y) = (0.00, 0.00): log of 0 in 'log(sqrt(x^2+y^2))' at column 2");
    expect(refuse('1/(x^2 + y^2)')).toMatch(/^U is not finite at \(x, y\) = \(0.00, 0.00\): division by 0/);
    expect(refuse('x^2 + y^2 + 1/(x - 1)')).toMatch(/^U is not finite at \(x, y\) = \(1.00, -4.00\)/);
    expect(refuse('max(x, 0)^0.5 + y^2')).toMatch(/^the gradient of U is not finite at \(x, y\) = \(0.00, -4.00\): \^ has no finite slope/);
    expect(refuse('sqrt(x^2 + y^2)')).toBe('ok');
    expect(refuse(THREE_LOBES)).toBe('ok');
  });

  it('refuses U unbounded below away from the box (U = x), and suggests the soft wall that makes it proper', () => {
    const msg = refuse('x');
    expect(msg).toMatch(/^U is unbounded below away from the box \(U = -3.71e\+5 at \(x, y\) = \(-3.71e\+5, 0\), below its minimum -4 on the box\)/);
    const wall = msg.slice(msg.indexOf('+ ') + 2);
    expect(wall).toBe('12.5*(max(0, abs(x) - 4)^2 + max(0, abs(y) - 4)^2)');
    expect(refuse(`x + ${wall}`)).toBe('ok');
    expect(refuse('x^2 - y^2')).toMatch(/^U is unbounded below/);
    expect(refuse('-log(1 + x^2 + y^2)')).toMatch(/^U is unbounded below/);
    // Proper: accepted, also with heavy tails that still have finite mass (decay like r^-3).
    for (const src of ['(x - 10)^2 + y^2', '1.5*log(1 + x^2 + y^2)', '1e39*(x^2 + y^2)', `0.5*((y - sin(pi*x/2))/0.4)^2 + ${wall}`]) expect(refuse(src)).toBe('ok');
  });

  it('refuses U bounded below that does not rise fast enough away from the box (no finite mass), with the same soft wall', () => {
    const wall = '12.5*(max(0, abs(x) - 4)^2 + max(0, abs(y) - 4)^2)';
    // exp(-U) ~ 1/r^2, a constant far away, and U2 (free along x): none has finite mass in the plane.
    for (const src of ['log(1 + x^2 + y^2)', 'exp(-(x^2 + y^2))', '0.5*((y - sin(pi*x/2))/0.4)^2', 'x^2']) {
      const msg = refuse(src);
      expect(msg).toMatch(/^exp\(-U\) does not fall away from the box fast enough to have finite mass: its lowest U rises only from \S+ at radius \S+ to \S+ at radius \S+/);
      expect(msg.endsWith(`add the presets' soft wall: + ${wall}`)).toBe(true);
      expect(refuse(`${src} + ${wall}`)).toBe('ok');
    }
    const box = { xmin: 0, xmax: 10, ymin: -1, ymax: 3 };
    const c = checkFormulaOnBox(createFormulaTarget('-y'), box);
    expect(c.ok ? '' : c.message).toMatch(/\+ 12.5\*\(max\(0, abs\(x - 5\) - 5\)\^2 \+ max\(0, abs\(y - 1\) - 2\)\^2\)$/);
  });

  it('the editor check and targetFromSpec give the same answer, with the column to underline', () => {
    expect(checkFormulaText('y^2 + log(x)', BOX)).toMatchObject({ ok: false, column: 7, length: 6 });
    expect(() => targetFromSpec({ kind: 'formula', formula: 'y^2 + log(x)' })).toThrow(
      expect.objectContaining({ name: 'FormulaError', column: 7, length: 6 }),
    );
    expect(() => targetFromSpec({ kind: 'formula', formula: 'x' })).toThrow(/unbounded below/);
    const ok = checkFormulaText(THREE_LOBES, BOX);
    expect(ok.ok && ok.evaluate(30, 40)).toBeCloseTo((28 ** 2 + 40 ** 2) / 0.3, 6);
  });
});
