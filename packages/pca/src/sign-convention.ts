/**
 * Flips the sign of each row of a `[k, d]` row-major matrix so that the entry of largest
 * magnitude in each row is positive (ties: the first such entry). This is the convention of the
 * project's reference files; it makes components comparable across methods and runs. Modifies
 * `rows` in place and returns it.
 *
 * @param rows - Row-major `[k, d]` values, e.g. principal components.
 * @param k - Number of rows.
 * @param d - Number of columns.
 */
export function applySignConvention<T extends Float32Array | Float64Array>(
  rows: T,
  k: number,
  d: number,
): T {
  for (let i = 0; i < k; i++) {
    const o = i * d;
    let best = 0;
    let bestAbs = -1;
    for (let j = 0; j < d; j++) {
      const a = Math.abs(rows[o + j] as number);
      if (a > bestAbs) {
        bestAbs = a;
        best = j;
      }
    }
    if ((rows[o + best] as number) < 0)
      for (let j = 0; j < d; j++) rows[o + j] = -(rows[o + j] as number);
  }
  return rows;
}
