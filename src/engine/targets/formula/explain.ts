import type { Node } from './ast';
import { compileGradientTrace, type TraceEntry } from './compileGradient';

/** Where and why U or its gradient stops being finite at one point. */
export interface NonFiniteCause {
  /** e.g. "log of 0 in 'log(x^2 + y^2)' at column 2". */
  readonly message: string;
  /** 1-based column and length of the part of the formula to underline. */
  readonly column: number;
  readonly length: number;
  /** Whether U itself is not finite there, or only its gradient. */
  readonly what: 'value' | 'gradient';
}

const fmt = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  const s = v.toPrecision(4);
  return s.includes('e') ? s : String(Number(s));
};

/** Why `node` gives the non-finite value v from the finite operand values a. */
function valueReason(node: Node, a: number[], v: number): string {
  const [p, q] = a;
  const op = node.kind === 'call' ? node.fn : node.kind === 'binary' ? node.op : node.kind === 'unary' ? 'neg' : node.kind;
  switch (op) {
    case 'log': return p === 0 ? 'log of 0' : `log of a negative number (${fmt(p)})`;
    case 'sqrt': return `sqrt of a negative number (${fmt(p)})`;
    case 'exp': return `exp(${fmt(p)}) overflows`;
    case '/': return q === 0 ? 'division by 0' : `${fmt(p)} / ${fmt(q)} overflows`;
    case '^': case 'pow':
      if (p === 0 && q < 0) return `0 to a negative power (${fmt(q)})`;
      if (p < 0 && !Number.isInteger(q)) return `a negative number (${fmt(p)}) to a non-integer power (${fmt(q)})`;
      return `${fmt(p)}^${fmt(q)} overflows`;
    case '*': case '+': case '-': return `${fmt(p)} ${op} ${fmt(q)} overflows`;
    case 'tan': return `tan(${fmt(p)}) is infinite`;
    case 'num': return `the constant is ${fmt(v)}`;
    default: return `the result is ${fmt(v)}`;
  }
}

/** Why `node` has a non-finite derivative although its operands and value are finite. */
function slopeReason(node: Node, a: number[]): string {
  const name = node.kind === 'call' ? node.fn : node.kind === 'binary' ? node.op : 'the operation';
  if (a.length === 1) return `${name} has no finite slope at ${fmt(a[0])}`;
  return `${name} has no finite slope at (${a.map(fmt).join(', ')})`;
}

/**
 * The operation at which U or its float64 gradient at (x, y) stops being finite, with its column
 * in `src`: from the whole formula down through a non-finite operand until every operand is
 * finite. Null when U and its gradient are finite. `ast` is the tree the target evaluates (after
 * stabilize); its spans point into `src`.
 */
export function explainNonFinite(ast: Node, src: string, x: number, y: number): NonFiniteCause | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    return { message: `the point (${fmt(x)}, ${fmt(y)}) is not finite`, column: 1, length: src.length, what: 'value' };
  }
  const { evaluate, registers: r, trace } = compileGradientTrace(ast);
  const u = new Float64Array(1), gx = new Float64Array(1), gy = new Float64Array(1);
  evaluate(Float64Array.of(x), Float64Array.of(y), u, gx, gy);
  const finite = (reg: number) => Number.isFinite(r.v[reg][0]);
  const smooth = (reg: number) => Number.isFinite(r.dx[reg][0]) && Number.isFinite(r.dy[reg][0]);
  const byReg = new Map(trace.map((e) => [e.reg, e]));
  const root = trace.at(-1);
  if (!root || (finite(root.reg) && smooth(root.reg))) return null;
  let at: TraceEntry = root;
  for (;;) {
    const { node, reg, args } = at;
    const next: number | undefined = (!finite(reg) && args.find((k) => !finite(k))) || args.find((k) => !finite(k) || !smooth(k));
    const entry = next === undefined ? undefined : byReg.get(next);
    if (entry) {
      at = entry;
      continue;
    }
    const quote = `'${src.slice(node.start - 1, node.start - 1 + node.length)}' at column ${node.start}`;
    const values = args.map((k) => r.v[k][0]);
    const value = !finite(reg);
    const why = value ? valueReason(node, values, r.v[reg][0]) : slopeReason(node, values);
    return { message: `${why} in ${quote}`, column: node.start, length: node.length, what: value ? 'value' : 'gradient' };
  }
}
