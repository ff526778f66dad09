/**
 * A named set of interchangeable functions (one algorithm axis). Looking up an unknown
 * name fails with the list of valid names.
 */
export function lookup<T>(axis: string, table: Readonly<Record<string, T>>, name: string): T {
  const hit = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (hit === undefined) throw new Error(`unknown ${axis} '${name}' (valid: ${Object.keys(table).join(', ')})`);
  return hit;
}

/** A registry's names, typed as its keys (for choice declarations). */
export const keysOf = <T extends object>(table: T): (keyof T & string)[] => Object.keys(table) as (keyof T & string)[];
