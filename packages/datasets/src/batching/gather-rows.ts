import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { checkInteger } from '../internal/check-options.js';
import { isNumericArray, type NumericArray, sameKind } from '../internal/typed-array.js';

/**
 * Maps a typed array type to the plain typed array {@link gatherRows} returns for it (e.g. Node's
 * `Buffer` becomes `Uint8Array`).
 */
export type PlainArrayOf<T extends NumericArray> = T extends Uint8Array
  ? Uint8Array
  : T extends Uint8ClampedArray
    ? Uint8ClampedArray
    : T extends Int8Array
      ? Int8Array
      : T extends Int16Array
        ? Int16Array
        : T extends Uint16Array
          ? Uint16Array
          : T extends Int32Array
            ? Int32Array
            : T extends Uint32Array
              ? Uint32Array
              : T extends Float32Array
                ? Float32Array
                : Float64Array;

/**
 * Copies the selected rows of a row-major matrix stored flat in a typed array, e.g. a batch of
 * images: `gatherRows(split.images, 784, [3, 1, 4])` returns a `[3, 784]` `Uint8Array`.
 *
 * @param data - `[numRows, rowSize]` row-major (`data.length` must be a multiple of `rowSize`).
 * @param rowSize - Elements per row (integer ≥ 1).
 * @param indices - Row indices, in the order wanted (repeats allowed).
 * @returns A new array of the same element type, `[indices.length, rowSize]` row-major.
 * @throws {@link ShapeError} if `data.length` is not a multiple of `rowSize`.
 * @throws {@link InvalidArgumentError} for a non-typed-array `data` or an index out of range.
 *
 * @example
 * ```ts
 * import { gatherRows } from '@latentkit/datasets';
 *
 * const images = new Uint8Array(1000 * 784); // 1000 images of 28 × 28, row-major
 * const batch = gatherRows(images, 784, [3, 1, 4]); // Uint8Array(3 · 784): rows 3, 1 and 4
 * ```
 */
export function gatherRows<T extends NumericArray>(
  data: T,
  rowSize: number,
  indices: ArrayLike<number>,
): PlainArrayOf<T> {
  if (!isNumericArray(data))
    throw new InvalidArgumentError('data', 'must be a numeric typed array');
  checkInteger(rowSize, 'rowSize', 1, Number.MAX_SAFE_INTEGER);
  if (data.length % rowSize !== 0) {
    throw new ShapeError(
      `gatherRows: data length ${data.length} is not a multiple of rowSize ${rowSize}`,
      [null, rowSize],
      [data.length],
    );
  }
  const numRows = data.length / rowSize;
  const out = sameKind(data, indices.length * rowSize);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= numRows) {
      throw new InvalidArgumentError(
        'indices',
        `index ${i} at position ${r} is outside [0, ${numRows})`,
      );
    }
    out.set(data.subarray(i * rowSize, (i + 1) * rowSize), r * rowSize);
  }
  return out as unknown as PlainArrayOf<T>;
}
