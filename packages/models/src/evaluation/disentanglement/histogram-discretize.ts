import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { checkInt } from '../../internal/check.js';

/**
 * Discretizes each column of a matrix into `numBins` equal-width bins over that column's range —
 * disentanglement_lib's `_histogram_discretize` (`np.digitize(x, np.histogram(x, numBins)[1][:-1])`),
 * written here because it is a dozen lines and must match NumPy's edge arithmetic exactly.
 *
 * For a column with minimum `lo` and maximum `hi` (`lo − ½`, `hi + ½` when they are equal, as
 * NumPy does), the edges are `eₖ = lo + k·(hi − lo)/numBins`, k = 0 … numBins − 1, computed in
 * float64 and, for a Float32Array, rounded to float32 — NumPy 1.x's arithmetic, which
 * disentanglement_lib ran on (NumPy ≥ 2 rounds each step of float32 edges, which can move a value
 * lying within float32 rounding of an edge into the neighbouring bin); a
 * value's bin is the largest k with `eₖ ≤ x`. Bins are numbered 0 … numBins − 1 (NumPy's are 1 …
 * numBins; the labels do not matter for mutual information). The maximum falls in the last bin.
 *
 * @param values - Matrix `[n × columns]`, row-major, finite.
 * @param n - Number of rows (≥ 1).
 * @param numBins - Bins per column. Default 20 (disentanglement_lib's MIG setting).
 * @returns Bin indices, `Int32Array [n × columns]`, row-major.
 * @throws {@link ShapeError} when `values.length` is not a positive multiple of `n`;
 *   {@link InvalidArgumentError} for a bad `n` or `numBins` or a non-finite value.
 *
 * @example
 * ```ts
 * import { histogramDiscretize } from '@latentkit/models';
 *
 * const codes = new Float32Array([0, 10, 0.5, 20, 1, 30]); // 3 rows × 2 latent dimensions
 * histogramDiscretize(codes, 3, 2); // → Int32Array [0, 0, 1, 1, 1, 1] (bins per column)
 * ```
 */
export function histogramDiscretize(
  values: Float32Array | Float64Array,
  n: number,
  numBins = 20,
): Int32Array {
  if (!(values instanceof Float32Array || values instanceof Float64Array)) {
    throw new InvalidArgumentError('values', 'must be a Float32Array or Float64Array');
  }
  checkInt(n, 'n');
  checkInt(numBins, 'numBins', 1, 2 ** 24);
  const columns = values.length / n;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new ShapeError(
      `values has ${values.length} elements, not a positive multiple of n = ${n}`,
      [n, null],
      [values.length],
    );
  }
  const single = values instanceof Float32Array;
  const out = new Int32Array(values.length);
  const edges = new Float64Array(numBins);
  for (let c = 0; c < columns; c++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = c; i < values.length; i += columns) {
      const v = values[i]!;
      if (!Number.isFinite(v)) {
        throw new InvalidArgumentError('values', `row ${(i - c) / columns}, column ${c} is ${v}`);
      }
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    const step = (hi - lo) / numBins;
    for (let k = 0; k < numBins; k++) {
      const e = k * step + lo;
      edges[k] = single ? Math.fround(e) : e;
    }
    for (let i = c; i < values.length; i += columns) {
      const v = values[i]!;
      // Estimate, then correct against the actual edges (rounding can move a value by one bin).
      let k = Math.min(numBins - 1, Math.max(0, Math.floor((v - lo) / step)));
      while (k > 0 && edges[k]! > v) k--;
      while (k < numBins - 1 && edges[k + 1]! <= v) k++;
      out[i] = k;
    }
  }
  return out;
}
