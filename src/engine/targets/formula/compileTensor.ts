import * as tf from '@tensorflow/tfjs';
import { FUNCTIONS, usesVariables, type BinaryFn, type BinaryOp, type Node, type UnaryFn } from './ast';
import { compileScalar } from './compileBatch';

/** U at n points as TensorFlow.js ops, so tf.grads can differentiate it. Call inside tf.tidy. */
export type TensorEvaluator = (x: tf.Tensor1D, y: tf.Tensor1D) => tf.Tensor1D;
type Op = (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;

const UNARY: Readonly<Record<UnaryFn, (a: tf.Tensor) => tf.Tensor>> = {
  exp: tf.exp, log: tf.log, sqrt: tf.sqrt, abs: tf.abs, sin: tf.sin, cos: tf.cos, tan: tf.tan,
  tanh: tf.tanh,
  sigmoid: tf.sigmoid, // stable for large |a|, unlike 1 / (1 + exp(-a)) written out
  softplus: tf.softplus, // stable, unlike log(1 + exp(a)) which overflows
};
const BINARY: Readonly<Record<BinaryFn, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor>> = {
  min: tf.minimum, max: tf.maximum, pow: tf.pow,
};
const OPS: Readonly<Record<BinaryOp, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor>> = {
  '+': tf.add, '-': tf.sub, '*': tf.mul, '/': tf.div, '^': tf.pow,
};

/** m + log(sum exp(a_k - m)), m = max a_k: no exp overflows and the largest term is exp(0) = 1. */
function logSumExp(args: tf.Tensor[]): tf.Tensor {
  const m = args.reduce((acc, a) => tf.maximum(acc, a));
  const s = args.map((a) => tf.exp(tf.sub(a, m))).reduce((acc, e) => tf.add(acc, e));
  return tf.add(m, tf.log(s));
}

function build(node: Node): Op {
  if (!usesVariables(node)) {
    // Fold constant subtrees in float64 and enter the graph once, as a float32 scalar.
    const v = compileScalar(node)(0, 0);
    return () => tf.scalar(v, 'float32');
  }
  switch (node.kind) {
    case 'num': { const v = node.value; return () => tf.scalar(v, 'float32'); }
    case 'var': return node.name === 'x' ? (x) => x : (_x, y) => y;
    case 'unary': {
      const a = build(node.arg);
      return node.op === '-' ? (x, y) => tf.neg(a(x, y)) : a;
    }
    case 'binary': {
      const l = build(node.left), r = build(node.right), f = OPS[node.op];
      return (x, y) => f(l(x, y), r(x, y));
    }
    case 'call': {
      const args = node.args.map(build);
      const arity = FUNCTIONS[node.fn].arity;
      if (arity === 1) { const f = UNARY[node.fn as UnaryFn], a = args[0]; return (x, y) => f(a(x, y)); }
      if (arity === 2) { const f = BINARY[node.fn as BinaryFn], a = args[0], b = args[1]; return (x, y) => f(a(x, y), b(x, y)); }
      return (x, y) => logSumExp(args.map((a) => a(x, y)));
    }
  }
}

/** Compiles U to tensor ops; the result always has shape [n], even for constant formulas. */
export function compileTensor(node: Node): TensorEvaluator {
  const op = build(node);
  return (x, y) => {
    const u = op(x, y);
    return (u.rank === 0 ? tf.add(u, tf.zerosLike(x)) : u) as tf.Tensor1D;
  };
}
