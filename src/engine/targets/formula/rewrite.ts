import { usesVariables, type BinaryOp, type CallNode, type FnName, type Node, type Span } from './ast';
import { compileScalar } from './compileBatch';

/*
 * Stable rewrites of the forms people write, applied to the parsed formula before it is compiled
 * for values and gradients. Each rewrite is an identity of real numbers; it only changes where
 * floating point overflows or underflows:
 *   log(c1*exp(a1) + exp(a2)/c3 + t + ...)  ->  logsumexp(log(c1) + a1, a2 - log(c3), log(t), ...)
 *       for sums of nonnegative terms with at least one exp (any number of terms; a term t that
 *       is no exp enters as exp(log(t)), a zero t as a weightless -Infinity)
 *   log(exp(a)) -> a,  log(sigmoid(a)) -> -softplus(-a),  log(1 + exp(a)) -> logsumexp(0, a)
 *   exp(a) * exp(b) / exp(c) -> exp(a + b - c),  c / exp(a) -> c * exp(-a),  exp(a)^b -> exp(a*b)
 *   c / (1 + exp(a)) -> c * sigmoid(-a),  exp(a) / (1 + exp(a)) -> sigmoid(a),  1 - sigmoid(a) -> sigmoid(-a)
 * New nodes carry the span of the node they replace, so messages still point at the user's text.
 */

const at = (s: Span): Span => ({ start: s.start, length: s.length });
const num = (value: number, s: Span): Node => ({ kind: 'num', value, ...at(s) });
const neg = (arg: Node, s: Span): Node => (arg.kind === 'unary' && arg.op === '-' ? arg.arg : { kind: 'unary', op: '-', arg, ...at(s) });
const bin = (op: BinaryOp, left: Node, right: Node, s: Span): Node => ({ kind: 'binary', op, left, right, ...at(s) });
const call = (fn: FnName, args: Node[], s: Span): Node => ({ kind: 'call', fn, args, ...at(s) });
const isCall = <F extends FnName>(n: Node, fn: F): n is CallNode & { readonly fn: F } => n.kind === 'call' && n.fn === fn;
const constValue = (n: Node): number => compileScalar(n)(0, 0);
const isConst = (n: Node, v: number): boolean => !usesVariables(n) && constValue(n) === v;

/** Structural equality, ignoring spans. */
export function sameTree(a: Node, b: Node): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'num': return a.value === (b as typeof a).value;
    case 'var': return a.name === (b as typeof a).name;
    case 'unary': return a.op === (b as typeof a).op && sameTree(a.arg, (b as typeof a).arg);
    case 'binary': {
      const c = b as typeof a;
      return a.op === c.op && sameTree(a.left, c.left) && sameTree(a.right, c.right);
    }
    case 'call': {
      const c = b as typeof a;
      return a.fn === c.fn && a.args.length === c.args.length && a.args.every((x, k) => sameTree(x, c.args[k]));
    }
  }
}

const isEvenInteger = (n: Node): boolean => {
  if (usesVariables(n)) return false;
  const v = constValue(n);
  return Number.isInteger(v) && v % 2 === 0;
};

/** True when the node is >= 0 (or NaN) wherever it is defined, by its form alone. */
export function nonNegative(n: Node): boolean {
  if (!usesVariables(n)) return constValue(n) >= 0;
  switch (n.kind) {
    case 'num': return n.value >= 0;
    case 'var': return false;
    case 'unary': return n.op === '+' && nonNegative(n.arg);
    case 'binary':
      if (n.op === '^') return nonNegative(n.left) || isEvenInteger(n.right);
      if (n.op === '-') return false;
      return nonNegative(n.left) && nonNegative(n.right);
    case 'call':
      switch (n.fn) {
        case 'exp': case 'sqrt': case 'abs': case 'sigmoid': case 'softplus': return true;
        case 'min': return nonNegative(n.args[0]) && nonNegative(n.args[1]);
        case 'max': return nonNegative(n.args[0]) || nonNegative(n.args[1]);
        case 'pow': return nonNegative(n.args[0]) || isEvenInteger(n.args[1]);
        default: return false;
      }
  }
}

/** The additive terms of a '+' chain (through unary plus). */
function terms(n: Node, out: Node[] = []): Node[] {
  if (n.kind === 'binary' && n.op === '+') {
    terms(n.left, out);
    terms(n.right, out);
  } else if (n.kind === 'unary' && n.op === '+') terms(n.arg, out);
  else out.push(n);
  return out;
}

interface LogForm {
  readonly node: Node;
  /** True when the form removed an exp, a sigmoid or a sum: worth using instead of log(t). */
  readonly gain: boolean;
}

/** log(t) for a nonnegative t, in the most stable form found; s is the span of the log call. */
function logOf(t: Node, s: Span): LogForm {
  const plain: LogForm = { node: call('log', [t], s), gain: false };
  if (!usesVariables(t)) {
    const v = constValue(t);
    return { node: num(Math.log(v), s), gain: false };
  }
  if (isCall(t, 'exp')) return { node: t.args[0], gain: true };
  if (isCall(t, 'sigmoid')) return { node: neg(call('softplus', [neg(t.args[0], t)], t), s), gain: true };
  if (isCall(t, 'sqrt') && nonNegative(t.args[0])) {
    const inner = logOf(t.args[0], s);
    return inner.gain ? { node: bin('*', num(0.5, t), inner.node, t), gain: true } : plain;
  }
  if (t.kind === 'binary' && (t.op === '*' || t.op === '/') && nonNegative(t.left) && nonNegative(t.right)) {
    const l = logOf(t.left, s), r = logOf(t.right, s);
    if (l.gain || r.gain) return { node: bin(t.op === '*' ? '+' : '-', l.node, r.node, t), gain: true };
    return plain;
  }
  const [base, power] = t.kind === 'binary' && t.op === '^' ? [t.left, t.right] : isCall(t, 'pow') ? t.args : [null, null];
  if (base && power && isCall(base, 'exp')) return { node: bin('*', power, base.args[0], t), gain: true };
  const parts = terms(t);
  if (parts.length > 1 && parts.every(nonNegative)) {
    const logs = parts.filter((p) => !isConst(p, 0)).map((p) => logOf(p, p));
    if (!logs.some((l) => l.gain)) return plain;
    if (logs.length === 1) return logs[0];
    return { node: call('logsumexp', logs.map((l) => l.node), s), gain: true };
  }
  return plain;
}

/** A factor of a '*' / '/' chain: the node and whether it divides. */
interface Factor {
  node: Node;
  divides: boolean;
}

function factors(n: Node, divides: boolean, out: Factor[]): Factor[] {
  if (n.kind === 'binary' && (n.op === '*' || n.op === '/')) {
    factors(n.left, divides, out);
    factors(n.right, n.op === '/' ? !divides : divides, out);
  } else out.push({ node: n, divides });
  return out;
}

/** The a of 1 + exp(a) or exp(a) + 1, else null. */
function onePlusExpArg(n: Node): Node | null {
  if (n.kind !== 'binary' || n.op !== '+') return null;
  if (isConst(n.left, 1) && isCall(n.right, 'exp')) return n.right.args[0];
  if (isConst(n.right, 1) && isCall(n.left, 'exp')) return n.left.args[0];
  return null;
}

/** Products and quotients: merge exps into one, turn dividing exps and 1 + exp into stable forms. */
function product(n: Node & { kind: 'binary' }): Node {
  const fs = factors(n, false, []);
  let changed = false;
  // c / (1 + exp(a)) -> c * sigmoid(-a), or sigmoid(a) when the numerator has exp(a) itself.
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i];
    const a = f.divides ? onePlusExpArg(f.node) : null;
    if (!a) continue;
    const k = fs.findIndex((g) => !g.divides && isCall(g.node, 'exp') && sameTree(g.node.args[0], a));
    if (k >= 0) {
      fs.splice(k, 1);
      if (k < i) i--;
      f.node = call('sigmoid', [a], f.node);
    } else f.node = call('sigmoid', [neg(a, f.node)], f.node);
    f.divides = false;
    changed = true;
  }
  const exps = fs.filter((f) => isCall(f.node, 'exp'));
  if (!changed && exps.length < 2 && !exps.some((f) => f.divides)) return n;
  let rest: Node | null = null;
  let over: Node | null = null;
  for (const f of fs) {
    if (isCall(f.node, 'exp') || isConst(f.node, 1)) continue;
    if (f.divides) over = over ? bin('*', over, f.node, n) : f.node;
    else rest = rest ? bin('*', rest, f.node, n) : f.node;
  }
  let exponent: Node | null = null;
  for (const f of exps) {
    const a = (f.node as CallNode).args[0];
    exponent = exponent ? bin(f.divides ? '-' : '+', exponent, a, n) : f.divides ? neg(a, f.node) : a;
  }
  let out: Node | null = rest;
  if (exponent) {
    const e = call('exp', [exponent], n);
    out = out ? bin('*', out, e, n) : e;
  }
  out ??= num(1, n);
  return over ? bin('/', out, over, n) : out;
}

/** The formula rewritten into stable forms (see the list above); subtrees without x or y stay. */
export function stabilize(node: Node): Node {
  if (!usesVariables(node)) return node;
  switch (node.kind) {
    case 'num': case 'var': return node;
    case 'unary': {
      const arg = stabilize(node.arg);
      return node.op === '+' ? arg : neg(arg, node);
    }
    case 'binary': {
      const left = stabilize(node.left), right = stabilize(node.right);
      const n = { ...node, left, right };
      if (n.op === '*' || n.op === '/') return product(n);
      if (n.op === '-' && isConst(left, 1) && isCall(right, 'sigmoid')) return call('sigmoid', [neg(right.args[0], right)], n);
      if (n.op === '^' && isCall(left, 'exp')) return call('exp', [bin('*', left.args[0], right, n)], n);
      return n;
    }
    case 'call': {
      const args = node.args.map(stabilize);
      const n = { ...node, args };
      if (n.fn === 'log' && nonNegative(args[0])) {
        const form = logOf(args[0], n);
        if (form.gain) return form.node;
      }
      if (n.fn === 'sqrt' && isCall(args[0], 'exp')) return call('exp', [bin('*', num(0.5, n), args[0].args[0], n)], n);
      if (n.fn === 'pow' && isCall(args[0], 'exp')) return call('exp', [bin('*', args[0].args[0], args[1], n)], n);
      return n;
    }
  }
}
