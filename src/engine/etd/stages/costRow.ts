/**
 * The normalised cost row C_ij / scale = coef ||y_j - z_i||^2 / scale of one cost anchor z_i.
 * y: (P, d), anchor: (d); d = anchor.length.
 */
export function costRow(y: ArrayLike<number>, anchor: ArrayLike<number>, coef: number, scale: number): Float32Array {
  const d = anchor.length;
  const p = y.length / d;
  const row = new Float32Array(p);
  const k = coef / scale;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (y[d * j + t] - anchor[t]) ** 2;
    row[j] = k * s;
  }
  return row;
}
