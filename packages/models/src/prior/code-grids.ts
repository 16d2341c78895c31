import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';

/**
 * A batch of code grids `[n, H, W]`: an int32 `tf.Tensor` of that shape (e.g. a quantizer's
 * `indices`), or an `Int32Array` holding `n·H·W` codes in row-major order (grid by grid, each in
 * raster order). Every code is an integer in `[0, K)`.
 */
export type CodeGrids = tf.Tensor | Int32Array;

/** The validated contents of a {@link CodeGrids}. @internal */
export interface CodeGridData {
  /** The codes, row-major `[n, H, W]` (a copy for a tensor, the array itself otherwise). */
  data: Int32Array;
  /** Number of grids. */
  n: number;
}

/**
 * Checks code grids against a grid shape and code count and returns their values.
 *
 * @throws {@link ShapeError} for a tensor that is not `[n, height, width]` or an array whose
 *   length is not a multiple of `height·width`.
 * @throws {@link InvalidArgumentError} for another type or dtype, no grid, or a code outside
 *   `[0, numCodes)` (named by its flat index).
 * @internal
 */
export function readCodeGrids(
  codes: CodeGrids,
  grid: { height: number; width: number; numCodes: number },
  name = 'codes',
): CodeGridData {
  const { height, width, numCodes } = grid;
  const size = height * width;
  let data: Int32Array;
  if (codes instanceof tf.Tensor) {
    if (codes.isDisposed) throw new InvalidArgumentError(name, 'is a disposed tensor');
    if (codes.dtype !== 'int32') {
      throw new InvalidArgumentError(name, `must be int32 codes, got dtype ${codes.dtype}`);
    }
    if (codes.rank !== 3 || codes.shape[1] !== height || codes.shape[2] !== width) {
      throw new ShapeError(
        `${name} has shape [${codes.shape.join(', ')}], expected [n, ${height}, ${width}]`,
        [null, height, width],
        codes.shape,
      );
    }
    data = codes.dataSync() as Int32Array;
  } else if (codes instanceof Int32Array) {
    if (codes.length % size !== 0) {
      throw new ShapeError(
        `${name} has ${codes.length} codes, not a multiple of ${height}×${width}`,
        [null, height, width],
        [codes.length],
      );
    }
    data = codes;
  } else {
    throw new InvalidArgumentError(name, 'must be an int32 tf.Tensor [n, H, W] or an Int32Array');
  }
  const n = data.length / size;
  if (n === 0) throw new InvalidArgumentError(name, 'holds no grid');
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c < 0 || c >= numCodes) {
      throw new InvalidArgumentError(
        name,
        `code ${c} at flat index ${i} is outside [0, ${numCodes})`,
      );
    }
  }
  return { data, n };
}
