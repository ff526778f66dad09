/**
 * The fixed train/test split of a BLR data set: stratified (each class split on its own, so
 * both parts keep the class proportions) and seeded. The generator is mulberry32 (32-bit
 * integer arithmetic only), small enough that scripts/reference/blr_reference.py transcribes it
 * exactly: the reference posterior and the engine see the same training rows (its fixture
 * stores the test rows, and a test compares them).
 */

/** The split the BLR targets use: 20% of each class held out, seed 0. */
export const BLR_SPLIT = { testFraction: 0.2, seed: 0 } as const;

/** mulberry32: uniform 32-bit integers from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export interface Split {
  /** Row indices of the training part, ascending. */
  readonly train: Int32Array;
  /** Row indices of the test part, ascending. */
  readonly test: Int32Array;
}

/**
 * Stratified split of rows with labels y: for class 0 then class 1, the class's row indices (in
 * file order) are shuffled by Fisher-Yates with one generator for the whole split (j = u mod
 * (i + 1), i from the end down), and the first round(testFraction * count) go to the test part.
 * Every class keeps at least one row on each side when it has two or more.
 */
export function stratifiedSplit(y: ArrayLike<number>, testFraction: number = BLR_SPLIT.testFraction, seed: number = BLR_SPLIT.seed): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`invalid test fraction: ${testFraction} (must be in (0, 1))`);
  const next = mulberry32(seed);
  const isTest = new Uint8Array(y.length);
  for (const c of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === c) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      const t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    let k = Math.round(testFraction * rows.length);
    if (rows.length >= 2) k = Math.min(Math.max(k, 1), rows.length - 1);
    for (let i = 0; i < k; i++) isTest[rows[i]] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < y.length; i++) (isTest[i] ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
