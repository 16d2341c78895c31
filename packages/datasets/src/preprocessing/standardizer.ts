import { NonFiniteError, ShapeError } from '@latentkit/core';
import { gatherRows } from '../batching/gather-rows.js';
import { checkInteger } from '../internal/check-options.js';
import type { NumericArray } from '../internal/typed-array.js';

/** Per-column statistics for z-scoring: `(x − mean) / std`. */
export interface Standardizer {
  /** Column means. */
  mean: Float64Array;
  /**
   * Column standard deviations (population, i.e. divided by the row count, like scikit-learn's
   * `StandardScaler`); a column with zero spread gets std 1 so it maps to 0 instead of NaN.
   */
  std: Float64Array;
}

/**
 * Computes column means and standard deviations of a row-major matrix, optionally on a subset of
 * rows — pass the training rows so that no statistic leaks from validation or test data.
 *
 * @param data - `[numRows, rowSize]` row-major.
 * @param rowSize - Columns per row.
 * @param rows - Rows to use (default: all). Must not be empty.
 * @throws {@link ShapeError} if `data.length` is not a multiple of `rowSize` or no rows are used.
 * @throws {@link NonFiniteError} if a used value is NaN or infinite.
 *
 * @example
 * ```ts
 * import { fitStandardizer } from '@latentkit/datasets';
 *
 * const data = new Float32Array([1, 10, 3, 30, 100, 100]); // 3 rows × 2 columns
 * fitStandardizer(data, 2, [0, 1]); // rows 0 and 1 only → { mean: [2, 20], std: [1, 10] }
 * ```
 */
export function fitStandardizer(
  data: NumericArray,
  rowSize: number,
  rows?: ArrayLike<number>,
): Standardizer {
  checkInteger(rowSize, 'rowSize', 1, Number.MAX_SAFE_INTEGER);
  const used = rows === undefined ? data : gatherRows(data, rowSize, rows);
  if (used.length % rowSize !== 0 || used.length === 0) {
    throw new ShapeError(
      `fitStandardizer: need a non-empty [rows, ${rowSize}] matrix, got ${used.length} elements`,
      [null, rowSize],
      [used.length],
    );
  }
  const n = used.length / rowSize;
  const mean = new Float64Array(rowSize);
  const std = new Float64Array(rowSize);
  for (let i = 0; i < used.length; i++) {
    const x = used[i]!;
    if (!Number.isFinite(x)) throw new NonFiniteError('data', `element ${i} is ${x}`);
    mean[i % rowSize]! += x;
  }
  for (let j = 0; j < rowSize; j++) mean[j]! /= n;
  for (let i = 0; i < used.length; i++) {
    const d = used[i]! - mean[i % rowSize]!;
    std[i % rowSize]! += d * d;
  }
  for (let j = 0; j < rowSize; j++) {
    const s = Math.sqrt(std[j]! / n);
    std[j] = s > 0 ? s : 1;
  }
  return { mean, std };
}

/**
 * Applies `(x − mean) / std` column-wise.
 *
 * @param data - `[numRows, rowSize]` row-major, `rowSize = standardizer.mean.length`.
 * @param standardizer - From {@link fitStandardizer}.
 * @returns A new `Float32Array` of the same shape.
 * @throws {@link ShapeError} if `data.length` is not a multiple of the column count.
 *
 * @example
 * ```ts
 * import { applyStandardizer, fitStandardizer } from '@latentkit/datasets';
 *
 * const train = new Float32Array([1, 10, 3, 30]); // 2 rows × 2 columns
 * const s = fitStandardizer(train, 2);
 * applyStandardizer(train, s); // → Float32Array [−1, −1, 1, 1]
 * ```
 */
export function applyStandardizer(data: NumericArray, standardizer: Standardizer): Float32Array {
  const { mean, std } = standardizer;
  const cols = mean.length;
  if (cols === 0 || std.length !== cols || data.length % cols !== 0) {
    throw new ShapeError(
      `applyStandardizer: data length ${data.length} is not a multiple of ${cols} columns`,
      [null, cols],
      [data.length],
    );
  }
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    out[i] = (data[i]! - mean[i % cols]!) / std[i % cols]!;
  }
  return out;
}
