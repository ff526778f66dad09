/** The normalised cost row C_ij / scale = coef ||y_j - z_i||^2 / scale of one cost anchor z_i. y: (P, 2). */
export function costRow(y: ArrayLike<number>, anchor: readonly [number, number], coef: number, scale: number): Float32Array {
  const p = y.length >> 1;
  const row = new Float32Array(p);
  const k = coef / scale;
  for (let j = 0; j < p; j++) row[j] = k * ((y[2 * j] - anchor[0]) ** 2 + (y[2 * j + 1] - anchor[1]) ** 2);
  return row;
}
