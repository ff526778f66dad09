/**
 * Between particles and plan-image rows. The worker orders particles by angle (rowOrder: the
 * particle of each rank) and bins ranks into `height` rows: row v holds ranks
 * [floor(v n / height), floor((v + 1) n / height)), so with n <= 256 row v is rank v.
 */

/** First rank of row v. */
export const rowStart = (n: number, height: number, v: number): number => Math.floor((v * n) / height);

/** (n) image row of every particle. rowOrder: (n) particle index by rank. */
export function rowOfParticle(rowOrder: Int32Array, height: number): Int32Array {
  const n = rowOrder.length;
  const row = new Int32Array(n).fill(-1);
  for (let v = 0; v < height; v++) {
    const end = rowStart(n, height, v + 1);
    for (let r = rowStart(n, height, v); r < end; r++) row[rowOrder[r]] = v;
  }
  return row;
}

/** The particle shown by image row v (the middle rank of its bin), or -1 outside the image. */
export function particleOfRow(rowOrder: Int32Array, height: number, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v >= height) return -1;
  const n = rowOrder.length;
  const a = rowStart(n, height, v);
  const b = rowStart(n, height, v + 1);
  if (b <= a) return -1;
  return rowOrder[(a + b - 1) >> 1];
}
