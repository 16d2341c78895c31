/**
 * Class means of labelled rows: `k` centroids of `rowSize` values, row-major (float64). Rows may
 * be grey levels 0–255 (`Uint8Array`) or floats; `scale` multiplies every value (1/255 to compare
 * grey levels with intensities in [0, 1]).
 *
 * @throws {RangeError} if labels and rows disagree in count, a label is outside [0, k), or a
 *   class has no rows.
 */
export function classCentroids(
  x: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  rowSize: number,
  scale = 1,
): Float64Array {
  const n = labels.length;
  if (n * rowSize !== x.length) {
    throw new RangeError(`${x.length} values are not ${n} rows of ${rowSize}`);
  }
  const sums = new Float64Array(k * rowSize);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= k)
      throw new RangeError(`label ${c} outside [0, ${k})`);
    counts[c]! += 1;
    for (let j = 0; j < rowSize; j++) sums[c * rowSize + j]! += x[i * rowSize + j]! * scale;
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) throw new RangeError(`class ${c} has no rows`);
    for (let j = 0; j < rowSize; j++) sums[c * rowSize + j]! /= counts[c]!;
  }
  return sums;
}

/**
 * The index of the nearest centroid (squared Euclidean distance; ties go to the lower index) of
 * each row of `x`.
 */
export function nearestCentroid(
  x: ArrayLike<number>,
  centroids: Float64Array,
  rowSize: number,
  scale = 1,
): Int32Array {
  const n = Math.floor(x.length / rowSize);
  const k = centroids.length / rowSize;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      let d = 0;
      for (let j = 0; j < rowSize; j++) {
        const diff = x[i * rowSize + j]! * scale - centroids[c * rowSize + j]!;
        d += diff * diff;
      }
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}
