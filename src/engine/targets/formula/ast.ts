/** Where a node came from in the source: 1-based column and character count. */
export interface Span {
  readonly start: number;
  readonly length: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export interface NumNode extends Span {
  readonly kind: 'num';
  readonly value: number;
}
export interface VarNode extends Span {
  readonly kind: 'var';
  readonly name: 'x' | 'y';
}
export interface UnaryNode extends Span {
  readonly kind: 'unary';
  readonly op: '-' | '+';
  readonly arg: Node;
}
export interface BinaryNode extends Span {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Node;
  readonly right: Node;
}
export interface CallNode extends Span {
  readonly kind: 'call';
  readonly fn: FnName;
  readonly args: readonly Node[];
}

export type Node = NumNode | VarNode | UnaryNode | BinaryNode | CallNode;

/**
 * The one table of functions a formula may call. The parser checks names and arity against it;
 * each compiler keys its implementations by FnName, so adding a row here without implementing it
 * everywhere is a type error.
 */
export const FUNCTIONS = {
  exp: { arity: 1, doc: 'e to the power a' },
  log: { arity: 1, doc: 'natural logarithm' },
  sqrt: { arity: 1, doc: 'square root' },
  abs: { arity: 1, doc: 'absolute value' },
  sin: { arity: 1, doc: 'sine (radians)' },
  cos: { arity: 1, doc: 'cosine (radians)' },
  tan: { arity: 1, doc: 'tangent (radians)' },
  tanh: { arity: 1, doc: 'hyperbolic tangent' },
  sigmoid: { arity: 1, doc: '1 / (1 + exp(-a))' },
  softplus: { arity: 1, doc: 'log(1 + exp(a)), computed stably' },
  min: { arity: 2, doc: 'smaller of a and b' },
  max: { arity: 2, doc: 'larger of a and b' },
  pow: { arity: 2, doc: 'a to the power b' },
  logsumexp: { arity: 'variadic', doc: 'log(exp(a1) + ... + exp(ak)), computed stably' },
} as const;

export type FnName = keyof typeof FUNCTIONS;
type FnWithArity<A> = { [K in FnName]: (typeof FUNCTIONS)[K]['arity'] extends A ? K : never }[FnName];
export type UnaryFn = FnWithArity<1>;
export type BinaryFn = FnWithArity<2>;
export type VariadicFn = FnWithArity<'variadic'>;

/** Own-property check, so names like 'constructor' or '__proto__' are never mistaken for functions. */
export function isFnName(name: string): name is FnName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/** Named constants a formula may use. */
export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

export function isConstantName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONSTANTS, name);
}

/**
 * True when the subtree reads `name` (either variable when omitted). Variable-free subtrees are
 * folded to numbers; variables U ignores get a zero gradient instead of a tf.grads error.
 */
export function usesVariables(node: Node, name?: 'x' | 'y'): boolean {
  switch (node.kind) {
    case 'num': return false;
    case 'var': return name === undefined || node.name === name;
    case 'unary': return usesVariables(node.arg, name);
    case 'binary': return usesVariables(node.left, name) || usesVariables(node.right, name);
    case 'call': return node.args.some((a) => usesVariables(a, name));
  }
}
