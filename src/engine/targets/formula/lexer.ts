import { formulaError } from './errors';

export type TokenKind = 'num' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token ('' for end). */
  readonly text: string;
  /** 1-based column of the first character. */
  readonly start: number;
  readonly length: number;
}

const OPS = '+-*/^';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

/** Length of the number literal starting at i (digits, optional fraction, optional exponent), 0 if none. */
function numberLength(src: string, i: number): number {
  let j = i;
  while (j < src.length && isDigit(src[j])) j++;
  const intDigits = j - i;
  let fracDigits = 0;
  if (src[j] === '.') {
    j++;
    while (j < src.length && isDigit(src[j])) { j++; fracDigits++; }
  }
  if (intDigits === 0 && fracDigits === 0) return 0;
  // An exponent only counts when digits follow, so "2e" stays "2" then the constant e.
  if (src[j] === 'e' || src[j] === 'E') {
    let k = j + 1;
    if (src[k] === '+' || src[k] === '-') k++;
    if (isDigit(src[k] ?? '')) {
      while (k < src.length && isDigit(src[k])) k++;
      j = k;
    }
  }
  return j - i;
}

/** Splits a formula into tokens; always ends with an 'end' token placed one past the text. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, len: number): void => {
    tokens.push({ kind, text: src.slice(i, i + len), start: i + 1, length: len });
    i += len;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const numLen = numberLength(src, i);
    if (numLen > 0) { push('num', numLen); continue; }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < src.length && isIdentPart(src[j])) j++;
      push('ident', j - i);
      continue;
    }
    if (OPS.includes(c)) { push('op', 1); continue; }
    if (c === '(') { push('lparen', 1); continue; }
    if (c === ')') { push('rparen', 1); continue; }
    if (c === ',') { push('comma', 1); continue; }
    const cp = src.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    throw formulaError(`unexpected character '${ch}'`, i + 1, ch.length);
  }
  tokens.push({ kind: 'end', text: '', start: src.length + 1, length: 0 });
  return tokens;
}
