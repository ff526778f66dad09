import { CONSTANTS, FUNCTIONS, isConstantName, isFnName, type BinaryOp, type Node } from './ast';
import { FormulaError, formulaError } from './errors';
import { tokenize, type Token } from './lexer';

export const MAX_FORMULA_LENGTH = 2000;
export const MAX_NESTING_DEPTH = 200;

const spanOf = (a: { start: number }, b: { start: number; length: number }) => ({
  start: a.start,
  length: b.start + b.length - a.start,
});

/** Can this token begin an operand? Used to explain "2x" as a missing operator. */
const startsOperand = (t: Token): boolean => t.kind === 'num' || t.kind === 'ident' || t.kind === 'lparen';

/**
 * Parses U(x, y) into an AST. Precedence, loosest first: + -, then * /, then unary - +,
 * then ^ (right-associative, so -x^2 = -(x^2) and 2^3^2 = 2^9). Throws FormulaError.
 */
export function parseFormula(src: string): Node {
  if (src.length > MAX_FORMULA_LENGTH) {
    throw formulaError(
      `formula is too long (${src.length} characters, limit ${MAX_FORMULA_LENGTH})`,
      MAX_FORMULA_LENGTH + 1,
      src.length - MAX_FORMULA_LENGTH,
    );
  }
  const tokens = tokenize(src);
  if (tokens.length === 1) throw new FormulaError('empty formula', 1, 0);
  let pos = 0;
  let depth = 0;

  const peek = (): Token => tokens[pos];
  const next = (): Token => tokens[pos++];
  const isOp = (t: Token, ops: string): boolean => t.kind === 'op' && ops.includes(t.text);

  /** The error for a token that cannot appear here; `wanted` says what could. */
  function unexpected(t: Token, wanted: string): FormulaError {
    if (t.kind === 'end') return formulaError('unexpected end of formula', t.start, 0, `(${wanted})`);
    const prev = pos > 0 ? tokens[pos - 1] : undefined;
    if (isOp(t, '*') && prev && isOp(prev, '*')) {
      return formulaError(`unexpected '*'`, t.start, t.length, '(use ^ for powers)');
    }
    return formulaError(`unexpected '${t.text}'`, t.start, t.length, `(${wanted})`);
  }

  /** The error for a token right after a complete operand: "2x" means a missing operator. */
  function afterOperand(t: Token, wanted: string): FormulaError {
    const prev = tokens[pos - 1];
    if (startsOperand(t)) return formulaError(`missing operator between '${prev.text}' and '${t.text}'`, t.start, t.length);
    return unexpected(t, wanted);
  }

  function parseAdditive(): Node {
    let left = parseMultiplicative();
    while (isOp(peek(), '+-')) {
      const op = next().text as BinaryOp;
      const right = parseMultiplicative();
      left = { kind: 'binary', op, left, right, ...spanOf(left, right) };
    }
    return left;
  }

  function parseMultiplicative(): Node {
    let left = parseUnary();
    while (isOp(peek(), '*/')) {
      const op = next().text as BinaryOp;
      const right = parseUnary();
      left = { kind: 'binary', op, left, right, ...spanOf(left, right) };
    }
    return left;
  }

  // Every recursive path (parentheses, unary chains, ^ chains, calls) passes through here,
  // so counting depth here bounds the stack of the parser and of the compilers.
  function parseUnary(): Node {
    const t = peek();
    if (++depth > MAX_NESTING_DEPTH) {
      throw formulaError(`formula nests too deeply (limit ${MAX_NESTING_DEPTH} levels)`, t.start, t.length);
    }
    let node: Node;
    if (isOp(t, '+-')) {
      next();
      const arg = parseUnary();
      node = { kind: 'unary', op: t.text as '+' | '-', arg, ...spanOf(t, arg) };
    } else {
      node = parsePower();
    }
    depth--;
    return node;
  }

  function parsePower(): Node {
    const base = parsePrimary();
    if (!isOp(peek(), '^')) return base;
    next();
    const exponent = parseUnary(); // right-associative; also allows 2^-1
    return { kind: 'binary', op: '^', left: base, right: exponent, ...spanOf(base, exponent) };
  }

  function expectClose(open: Token): Token {
    const t = peek();
    if (t.kind === 'rparen') return next();
    if (t.kind === 'end') {
      throw formulaError('unexpected end of formula', t.start, 0, "(missing ')'?)");
    }
    throw afterOperand(t, `expected ')' to close '(' at column ${open.start}`);
  }

  function parsePrimary(): Node {
    const t = next();
    if (t.kind === 'num') {
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw formulaError(`number '${t.text}' is too large`, t.start, t.length);
      return { kind: 'num', value, start: t.start, length: t.length };
    }
    if (t.kind === 'lparen') {
      const inner = parseAdditive();
      const close = expectClose(t);
      return { ...inner, ...spanOf(t, close) };
    }
    if (t.kind === 'ident') return parseIdentifier(t);
    pos--; // report the offending token without consuming it
    const after = pos > 0 ? ` after '${tokens[pos - 1].text}'` : '';
    throw unexpected(t, `expected a number, x, y, a function or '('${after}`);
  }

  function parseIdentifier(t: Token): Node {
    const name = t.text;
    if (name === 'x' || name === 'y') return { kind: 'var', name, start: t.start, length: t.length };
    if (isConstantName(name)) return { kind: 'num', value: CONSTANTS[name], start: t.start, length: t.length };
    if (peek().kind !== 'lparen') {
      if (isFnName(name)) throw formulaError(`'${name}' is a function: write ${name}(...)`, t.start, t.length);
      throw formulaError(`unknown variable '${name}'`, t.start, t.length, '(use x and y)');
    }
    if (!isFnName(name)) throw formulaError(`unknown function '${name}'`, t.start, t.length);
    const open = next();
    const args: Node[] = [];
    if (peek().kind !== 'rparen') {
      for (;;) {
        args.push(parseAdditive());
        if (peek().kind !== 'comma') break;
        next();
      }
    }
    const close = expectClose(open);
    const span = spanOf(t, close);
    const arity = FUNCTIONS[name].arity;
    if (arity === 'variadic' ? args.length < 1 : args.length !== arity) {
      const want = arity === 'variadic' ? 'at least 1 argument' : `${arity} argument${arity === 1 ? '' : 's'}`;
      throw formulaError(`'${name}' takes ${want}, got ${args.length}`, span.start, span.length);
    }
    return { kind: 'call', fn: name, args, ...span };
  }

  const root = parseAdditive();
  const t = peek();
  if (t.kind !== 'end') {
    if (t.kind === 'rparen') throw formulaError(`unexpected ')'`, t.start, 1, "(no matching '(')");
    throw afterOperand(t, 'expected an operator or the end of the formula');
  }
  return root;
}
