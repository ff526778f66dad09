/**
 * A mistake in a typed formula, located so the editor can underline it.
 * column is 1-based (what a user counts); length is how many characters to mark.
 */
export class FormulaError extends Error {
  readonly column: number;
  readonly length: number;

  constructor(message: string, column: number, length = 1) {
    super(message);
    this.name = 'FormulaError';
    this.column = column;
    this.length = Math.max(0, length);
  }
}

/** Builds "<what> at column N[ hint]" so every message names its column the same way. */
export function formulaError(what: string, column: number, length = 1, hint?: string): FormulaError {
  return new FormulaError(`${what} at column ${column}${hint ? ` ${hint}` : ''}`, column, length);
}
