import { FUNCTIONS, usesVariables, type BinaryFn, type Node, type UnaryFn } from './ast';
import { compileScalar, UNARY } from './compileBatch';
import { maxShare, minShare, mul0, powSlopeBase, powSlopeExponent, UNARY_SLOPE } from './dual';

/**
 * U and its gradient at n = u.length points (xs[i], ys[i]), all in float64:
 * u[i] = U, gx[i] = dU/dx, gy[i] = dU/dy.
 */
export type GradientEvaluator = (xs: Float64Array, ys: Float64Array, u: Float64Array, gx: Float64Array, gy: Float64Array) => void;

/*
 * Forward-mode differentiation over typed arrays. Like compileBatch, a flat list of steps in
 * post-order over a stack of registers, but every register is a dual number: its value v and its
 * tangents dx = d/dx and dy = d/dy. Register 0 is (xs, 1, 0), register 1 is (ys, 0, 1).
 */
interface Registers {
  v: Float64Array[];
  dx: Float64Array[];
  dy: Float64Array[];
}
type Step = (r: Registers, n: number) => void;

/** One node's register and its operands' registers, in evaluation order (for tracing). */
export interface TraceEntry {
  readonly node: Node;
  readonly reg: number;
  readonly args: readonly number[];
}

interface Program {
  steps: Step[];
  registers: number;
  /** When set, every node gets its own register and is listed here (post-order). */
  trace?: TraceEntry[];
}

function emit(node: Node, depth: number, p: Program): number {
  if (node.kind === 'var') return node.name === 'x' ? 0 : 1;
  const d = p.trace ? p.registers : 2 + depth;
  p.registers = Math.max(p.registers, d + 1);
  if (!usesVariables(node)) {
    const c = compileScalar(node)(0, 0);
    p.steps.push((r, n) => {
      r.v[d].fill(c, 0, n);
      r.dx[d].fill(0, 0, n);
      r.dy[d].fill(0, 0, n);
    });
    p.trace?.push({ node, reg: d, args: [] });
    return d;
  }
  let args: number[];
  switch (node.kind) {
    case 'unary': {
      const a = emit(node.arg, depth, p);
      args = [a];
      p.steps.push(node.op === '-' ? negate(a, d) : copy(a, d));
      break;
    }
    case 'binary': {
      const a = emit(node.left, depth, p), b = emit(node.right, depth + 1, p);
      args = [a, b];
      p.steps.push(binaryStep(node.op === '^' ? 'pow' : node.op, a, b, d));
      break;
    }
    case 'call': {
      args = node.args.map((arg, k) => emit(arg, depth + k, p));
      const arity = FUNCTIONS[node.fn].arity;
      if (arity === 1) p.steps.push(unaryStep(node.fn as UnaryFn, args[0], d));
      else if (arity === 2) p.steps.push(binaryStep(node.fn as BinaryFn, args[0], args[1], d));
      else p.steps.push(logSumExpStep(args, d));
      break;
    }
    case 'num': throw new Error('unreachable: constants are folded above');
  }
  p.trace?.push({ node, reg: d, args });
  return d;
}

const copy = (a: number, d: number): Step => (r, n) => {
  r.v[d].set(r.v[a].subarray(0, n));
  r.dx[d].set(r.dx[a].subarray(0, n));
  r.dy[d].set(r.dy[a].subarray(0, n));
};

const negate = (a: number, d: number): Step => (r, n) => {
  const av = r.v[a], ax = r.dx[a], ay = r.dy[a], v = r.v[d], dx = r.dx[d], dy = r.dy[d];
  for (let i = 0; i < n; i++) { v[i] = -av[i]; dx[i] = -ax[i]; dy[i] = -ay[i]; }
};

/** f(a) with tangents f'(a) a'. */
function unaryStep(fn: UnaryFn, a: number, d: number): Step {
  const f = UNARY[fn], slope = UNARY_SLOPE[fn];
  return (r, n) => {
    const av = r.v[a], ax = r.dx[a], ay = r.dy[a], v = r.v[d], dx = r.dx[d], dy = r.dy[d];
    for (let i = 0; i < n; i++) {
      const x = av[i], y = f(x), s = slope(x, y);
      v[i] = y;
      dx[i] = mul0(s, ax[i]);
      dy[i] = mul0(s, ay[i]);
    }
  };
}

/** One literal loop per operator so each stays monomorphic. */
function binaryStep(op: '+' | '-' | '*' | '/' | BinaryFn, a: number, b: number, d: number): Step {
  return (r, n) => {
    const av = r.v[a], ax = r.dx[a], ay = r.dy[a], bv = r.v[b], bx = r.dx[b], by = r.dy[b];
    const v = r.v[d], dx = r.dx[d], dy = r.dy[d];
    switch (op) {
      case '+':
        for (let i = 0; i < n; i++) { v[i] = av[i] + bv[i]; dx[i] = ax[i] + bx[i]; dy[i] = ay[i] + by[i]; }
        return;
      case '-':
        for (let i = 0; i < n; i++) { v[i] = av[i] - bv[i]; dx[i] = ax[i] - bx[i]; dy[i] = ay[i] - by[i]; }
        return;
      case '*':
        for (let i = 0; i < n; i++) {
          const p = av[i], q = bv[i];
          v[i] = p * q;
          dx[i] = mul0(ax[i], q) + mul0(p, bx[i]);
          dy[i] = mul0(ay[i], q) + mul0(p, by[i]);
        }
        return;
      case '/':
        // (a/b)' = (a' - (a/b) b') / b: no b^2 to overflow.
        for (let i = 0; i < n; i++) {
          const q = av[i] / bv[i];
          v[i] = q;
          dx[i] = (ax[i] - mul0(q, bx[i])) / bv[i];
          dy[i] = (ay[i] - mul0(q, by[i])) / bv[i];
        }
        return;
      case 'pow':
        for (let i = 0; i < n; i++) {
          const p = av[i], q = bv[i], y = Math.pow(p, q);
          v[i] = y;
          const sa = ax[i] === 0 && ay[i] === 0 ? 0 : powSlopeBase(p, q);
          const sb = bx[i] === 0 && by[i] === 0 ? 0 : powSlopeExponent(p, y);
          dx[i] = mul0(sa, ax[i]) + mul0(sb, bx[i]);
          dy[i] = mul0(sa, ay[i]) + mul0(sb, by[i]);
        }
        return;
      case 'min':
      case 'max': {
        const share = op === 'min' ? minShare : maxShare;
        for (let i = 0; i < n; i++) {
          const p = av[i], q = bv[i], w = share(p, q);
          v[i] = op === 'min' ? Math.min(p, q) : Math.max(p, q);
          dx[i] = mul0(w, ax[i]) + mul0(1 - w, bx[i]);
          dy[i] = mul0(w, ay[i]) + mul0(1 - w, by[i]);
        }
        return;
      }
    }
  };
}

/**
 * logsumexp(a_k) = m + log s with m = max a_k and s = sum exp(a_k - m), and tangents
 * sum_k w_k a_k' with the softmax weights w_k = exp(a_k - m) / s (zero-weight terms skipped).
 * Agrees with logSumExp of compileBatch exactly; all -Infinity gives -Infinity with NaN tangents.
 */
function logSumExpStep(args: number[], d: number): Step {
  const vals = new Float64Array(args.length);
  return (r, n) => {
    const v = r.v[d], dx = r.dx[d], dy = r.dy[d];
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let k = 0; k < args.length; k++) {
        const a = (vals[k] = r.v[args[k]][i]);
        if (a > m || Number.isNaN(a)) m = a;
      }
      if (!Number.isFinite(m)) {
        v[i] = m;
        dx[i] = dy[i] = NaN;
        continue;
      }
      let s = 0;
      for (let k = 0; k < args.length; k++) s += Math.exp(vals[k] - m);
      let sx = 0, sy = 0;
      for (let k = 0; k < args.length; k++) {
        const w = Math.exp(vals[k] - m) / s;
        sx += mul0(w, r.dx[args[k]][i]);
        sy += mul0(w, r.dy[args[k]][i]);
      }
      v[i] = m + Math.log(s);
      dx[i] = sx;
      dy[i] = sy;
    }
  };
}

/** A compiled program and the registers it runs on, grown to the batch size on demand. */
function runner(p: Program, result: number): GradientEvaluator & { registers: Registers } {
  const alloc = () => Array.from({ length: p.registers }, () => new Float64Array(0));
  const r: Registers = { v: alloc(), dx: alloc(), dy: alloc() };
  let size = 0;
  const run = (xs: Float64Array, ys: Float64Array, u: Float64Array, gx: Float64Array, gy: Float64Array): void => {
    const n = u.length;
    if (xs.length < n || ys.length < n || gx.length < n || gy.length < n)
      throw new Error(`compileGradient: need ${n} coordinates and gradient slots`);
    if (size < n) {
      size = n;
      for (let k = 0; k < p.registers; k++) {
        r.v[k] = new Float64Array(n);
        r.dx[k] = new Float64Array(n);
        r.dy[k] = new Float64Array(n);
      }
      r.dx[0].fill(1); // d x / d x
      r.dy[1].fill(1); // d y / d y
    }
    r.v[0] = xs;
    r.v[1] = ys;
    for (const step of p.steps) step(r, n);
    u.set(r.v[result].subarray(0, n));
    gx.set(r.dx[result].subarray(0, n));
    gy.set(r.dy[result].subarray(0, n));
  };
  return Object.assign(run, { registers: r });
}

/** Compiles U to a float64 evaluator of U and grad U over typed arrays (forward mode, see ./dual). */
export function compileGradient(node: Node): GradientEvaluator {
  const p: Program = { steps: [], registers: 2 };
  return runner(p, emit(node, 0, p));
}

/**
 * The same program with one register per node, for explaining a point: after a call, the
 * registers hold every node's value and tangents and the trace lists the nodes in post-order.
 */
export function compileGradientTrace(node: Node): { evaluate: GradientEvaluator; registers: Registers; trace: TraceEntry[] } {
  const p: Program = { steps: [], registers: 2, trace: [] };
  const evaluate = runner(p, emit(node, 0, p));
  return { evaluate, registers: evaluate.registers, trace: p.trace! };
}
