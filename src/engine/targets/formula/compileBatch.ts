import { FUNCTIONS, usesVariables, type BinaryFn, type BinaryOp, type Node, type UnaryFn } from './ast';

/** Evaluates U at n = out.length points (xs[i], ys[i]). */
export type BatchEvaluator = (xs: Float64Array, ys: Float64Array, out: Float64Array) => void;
export type ScalarEvaluator = (x: number, y: number) => number;

// Stable scalar forms, shared by the scalar and batch evaluators so both agree exactly.
export const sigmoid = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));
export const softplus = (a: number): number => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));

export const UNARY: Readonly<Record<UnaryFn, (a: number) => number>> = {
  exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs,
  sin: Math.sin, cos: Math.cos, tan: Math.tan, tanh: Math.tanh, sigmoid, softplus,
};
export const BINARY: Readonly<Record<BinaryFn, (a: number, b: number) => number>> = {
  min: Math.min, max: Math.max, pow: Math.pow,
};
const OPS: Readonly<Record<BinaryOp, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '^': Math.pow,
};

/** m + log(sum exp(a_k - m)) with m = max a_k; all -inf gives -inf, any +inf gives +inf. */
export function logSumExp(a: ArrayLike<number>): number {
  let m = -Infinity;
  for (let k = 0; k < a.length; k++) if (a[k] > m || Number.isNaN(a[k])) m = a[k];
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let k = 0; k < a.length; k++) s += Math.exp(a[k] - m);
  return m + Math.log(s);
}

/** Closure tree for one point at a time: fine for heatmaps, where simplicity beats speed. */
export function compileScalar(node: Node): ScalarEvaluator {
  switch (node.kind) {
    case 'num': { const v = node.value; return () => v; }
    case 'var': return node.name === 'x' ? (x) => x : (_x, y) => y;
    case 'unary': {
      const a = compileScalar(node.arg);
      return node.op === '-' ? (x, y) => -a(x, y) : a;
    }
    case 'binary': {
      const l = compileScalar(node.left), r = compileScalar(node.right), f = OPS[node.op];
      return (x, y) => f(l(x, y), r(x, y));
    }
    case 'call': {
      const args = node.args.map(compileScalar);
      const arity = FUNCTIONS[node.fn].arity;
      if (arity === 1) { const f = UNARY[node.fn as UnaryFn], a = args[0]; return (x, y) => f(a(x, y)); }
      if (arity === 2) { const f = BINARY[node.fn as BinaryFn], a = args[0], b = args[1]; return (x, y) => f(a(x, y), b(x, y)); }
      const vals = new Float64Array(args.length); // logsumexp
      return (x, y) => {
        for (let k = 0; k < args.length; k++) vals[k] = args[k](x, y);
        return logSumExp(vals);
      };
    }
  }
}

/*
 * The batch evaluator is a flat list of steps over whole arrays, in post-order. Registers form a
 * stack: slot 0 holds xs, slot 1 holds ys, slots 2.. are scratch buffers; a node's value lands at
 * its stack depth, so the number of buffers is the expression's stack depth, not its size.
 */
type Step = (reg: Float64Array[], n: number) => void;

interface Program { steps: Step[]; result: number; registers: number }

function emit(node: Node, depth: number, p: Program): number {
  if (node.kind === 'var') return node.name === 'x' ? 0 : 1; // read the inputs in place
  const dst = 2 + depth;
  p.registers = Math.max(p.registers, dst + 1);
  if (!usesVariables(node)) { // fold constant subtrees once, at compile time
    const v = compileScalar(node)(0, 0);
    p.steps.push((reg, n) => reg[dst].fill(v, 0, n));
    return dst;
  }
  switch (node.kind) {
    case 'unary': {
      const a = emit(node.arg, depth, p);
      if (node.op === '+') return a;
      p.steps.push((reg, n) => { const s = reg[a], o = reg[dst]; for (let i = 0; i < n; i++) o[i] = -s[i]; });
      return dst;
    }
    case 'binary': {
      const a = emit(node.left, depth, p), b = emit(node.right, depth + 1, p);
      p.steps.push(binaryStep(node.op, a, b, dst));
      return dst;
    }
    case 'call': {
      const regs = node.args.map((arg, k) => emit(arg, depth + k, p));
      const arity = FUNCTIONS[node.fn].arity;
      if (arity === 1) {
        const f = UNARY[node.fn as UnaryFn], a = regs[0];
        p.steps.push((reg, n) => { const s = reg[a], o = reg[dst]; for (let i = 0; i < n; i++) o[i] = f(s[i]); });
      } else if (arity === 2) {
        const f = BINARY[node.fn as BinaryFn], a = regs[0], b = regs[1];
        p.steps.push((reg, n) => { const s = reg[a], t = reg[b], o = reg[dst]; for (let i = 0; i < n; i++) o[i] = f(s[i], t[i]); });
      } else {
        const vals = new Float64Array(regs.length);
        p.steps.push((reg, n) => {
          const o = reg[dst];
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < regs.length; k++) vals[k] = reg[regs[k]][i];
            o[i] = logSumExp(vals);
          }
        });
      }
      return dst;
    }
    case 'num': throw new Error('unreachable: constants are folded above');
  }
}

/** One literal loop per operator so each stays monomorphic and cheap. */
function binaryStep(op: BinaryOp, a: number, b: number, d: number): Step {
  switch (op) {
    case '+': return (r, n) => { const s = r[a], t = r[b], o = r[d]; for (let i = 0; i < n; i++) o[i] = s[i] + t[i]; };
    case '-': return (r, n) => { const s = r[a], t = r[b], o = r[d]; for (let i = 0; i < n; i++) o[i] = s[i] - t[i]; };
    case '*': return (r, n) => { const s = r[a], t = r[b], o = r[d]; for (let i = 0; i < n; i++) o[i] = s[i] * t[i]; };
    case '/': return (r, n) => { const s = r[a], t = r[b], o = r[d]; for (let i = 0; i < n; i++) o[i] = s[i] / t[i]; };
    case '^': return (r, n) => { const s = r[a], t = r[b], o = r[d]; for (let i = 0; i < n; i++) o[i] = Math.pow(s[i], t[i]); };
  }
}

/** Compiles U to an evaluator over typed arrays; scratch buffers are reused and grow on demand. */
export function compileBatch(node: Node): BatchEvaluator {
  const p: Program = { steps: [], result: 0, registers: 2 };
  p.result = emit(node, 0, p);
  const reg: Float64Array[] = Array.from({ length: p.registers }, () => new Float64Array(0));
  return (xs, ys, out) => {
    const n = out.length;
    if (xs.length < n || ys.length < n) throw new Error(`compileBatch: need ${n} coordinates, got ${xs.length} and ${ys.length}`);
    if (reg.length > 2 && reg[2].length < n) for (let k = 2; k < reg.length; k++) reg[k] = new Float64Array(n);
    reg[0] = xs;
    reg[1] = ys;
    for (const step of p.steps) step(reg, n);
    out.set(reg[p.result].subarray(0, n));
  };
}
