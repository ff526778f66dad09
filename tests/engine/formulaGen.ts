import fc from 'fast-check';

/**
 * Random formulas U(x, y) as text, for property tests of the formula compilers. Besides
 * arbitrary trees over every operator, function and constant of the language, it mixes in the
 * forms people write for mixtures and logistic terms (log of sums of exps, log(sigmoid),
 * log(1 + exp), products and quotients of exps), so the stable rewrites get exercised.
 */
const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('x', 'y') },
  { weight: 2, arbitrary: fc.constantFrom('0', '0.5', '1', '2', '3', '0.3', '1e-3', '10', '100', 'pi', 'e') },
  { weight: 1, arbitrary: fc.integer({ min: -40, max: 40 }).map((k) => String(k / 10)) },
);

const UNARY = ['exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'softplus'] as const;
const BINARY = ['min', 'max', 'pow'] as const;
const OPS = ['+', '-', '*', '/', '^'] as const;

const quadratic: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 }), fc.constantFrom('0.05', '0.3', '1', '0.5*0.6^2', '2'))
  .map(([a, b, s]) => `((x - ${a / 10})^2 + (y - ${b / 10})^2)/(${s})`);

const tree = fc.letrec<{ expr: string; pattern: string; top: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: tie('expr').map((a) => `-${wrap(a)}`) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...OPS), tie('expr'), tie('expr')).map(([op, a, b]) => `(${a} ${op} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), fc.constantFrom('2', '0.5', '3', '-1', '-0.5', '4')).map(([a, p]) => `${wrap(a)}^${p.startsWith('-') ? `(${p})` : p}`) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...UNARY), tie('expr')).map(([f, a]) => `${f}(${a})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BINARY), tie('expr'), tie('expr')).map(([f, a, b]) => `${f}(${a}, ${b})`) },
    { weight: 1, arbitrary: fc.array(tie('expr'), { minLength: 1, maxLength: 4 }).map((args) => `logsumexp(${args.join(', ')})`) },
    { weight: 2, arbitrary: tie('pattern') },
  ),
  pattern: fc.oneof(
    { depthSize: 'small' },
    quadratic,
    // -log of a weighted sum of exps, possibly with a constant or a nonnegative non-exp term
    fc
      .tuple(
        fc.array(fc.tuple(fc.constantFrom('', '0.5*', '2*', '0.3*'), fc.oneof(quadratic, tie('expr'))), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', ' + 1', ' + 1e-3', ' + x^2', ' + sqrt(y^2)', ' + sigmoid(x)'),
        fc.constantFrom('-', '', '0.5*-'),
      )
      .map(([terms, extra, sign]) => `${sign}log(${terms.map(([c, q]) => `${c}exp(-${wrap(q)})`).join(' + ')}${extra})`),
    tie('expr').map((a) => `-log(sigmoid(${a}))`),
    tie('expr').map((a) => `log(1 + exp(${a}))`),
    tie('expr').map((a) => `log(exp(${a}))`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `exp(${a})*exp(${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${wrap(a)}/exp(${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${wrap(a)}/(1 + exp(${b}))`),
    tie('expr').map((a) => `(exp(${a}))^2`),
  ),
  // The whole formula: never a bare leaf, so most formulas read x or y through a few operations.
  top: fc.oneof(
    tie('pattern'),
    fc.tuple(fc.constantFrom(...OPS), tie('expr'), tie('expr')).map(([op, a, b]) => `${a} ${op} ${wrap(b)}`),
    fc.tuple(fc.constantFrom(...UNARY), tie('expr')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('pattern'), tie('expr')).map(([a, b]) => `${a} + ${wrap(b)}`),
  ),
}));

export const formulaText: fc.Arbitrary<string> = tree.top.filter((s) => /[xy]/.test(s));

/** Parenthesises anything that is not a bare name or unsigned number, so text keeps the tree's shape. */
function wrap(s: string): string {
  return /^[a-z0-9.]+$/i.test(s) ? s : `(${s})`;
}

/** Deterministic points in a box: a 32-bit LCG, so every run sees the same points. */
export function pointsIn(box: { xmin: number; xmax: number; ymin: number; ymax: number }, n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const p = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    p[2 * i] = box.xmin + (box.xmax - box.xmin) * rand();
    p[2 * i + 1] = box.ymin + (box.ymax - box.ymin) * rand();
  }
  return p;
}

/**
 * Central finite differences of U in float64 at (x, y), with a step relative to the point;
 * null when any of the four evaluations is not finite.
 */
export function fdGradient(u: (x: number, y: number) => number, x: number, y: number): [number, number] | null {
  const hx = 1e-6 * Math.max(1, Math.abs(x)), hy = 1e-6 * Math.max(1, Math.abs(y));
  const a = u(x + hx, y), b = u(x - hx, y), c = u(x, y + hy), d = u(x, y - hy);
  if (![a, b, c, d].every(Number.isFinite)) return null;
  const gx = (a - b) / (2 * hx), gy = (c - d) / (2 * hy);
  return Number.isFinite(gx) && Number.isFinite(gy) ? [gx, gy] : null;
}
