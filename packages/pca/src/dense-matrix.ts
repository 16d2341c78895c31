import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, NonFiniteError, ShapeError, tf } from '@latentkit/tensor';

/**
 * A dense row-major matrix: `data[i * cols + j]` is row `i`, column `j`.
 * This is the typed-array form every `@latentkit/pca` function accepts and returns.
 */
export interface DenseMatrix {
  /** Row-major values, length `rows * cols`. */
  readonly data: Float32Array | Float64Array;
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
}

/**
 * Anything `@latentkit/pca` accepts as a data matrix of shape `[n, d]` (samples in rows):
 * a rank-2 tfjs tensor, an array of rows (`number[][]` or typed-array rows), or a
 * {@link DenseMatrix}.
 */
export type MatrixInput =
  | tf.Tensor2D
  | tf.Tensor
  | readonly (readonly number[] | Float32Array | Float64Array)[]
  | DenseMatrix;

function isDense(x: unknown): x is DenseMatrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    'data' in x &&
    'rows' in x &&
    'cols' in x &&
    (x.data instanceof Float32Array || x.data instanceof Float64Array)
  );
}

/** Options of {@link toDenseMatrix}. */
export interface ToDenseOptions {
  /** Name used in error messages. Default `'x'`. */
  name?: string;
  /** Whether zero rows are allowed. Default `false`. */
  allowEmpty?: boolean;
  /** Whether to scan for NaN/±Infinity. Default `true`. */
  checkFinite?: boolean;
}

/**
 * Converts a {@link MatrixInput} to a {@link DenseMatrix} without copying when it already is one
 * (a tensor is read with `dataSync`, an array of rows is copied to a `Float64Array`).
 *
 * @param x - The matrix, shape `[n, d]`.
 * @param options - See {@link ToDenseOptions}.
 * @returns The same values as a dense row-major matrix.
 * @throws {@link ShapeError} if `x` is not rank 2, has ragged rows, zero columns, or zero rows
 *   (unless `allowEmpty`), or if `data.length !== rows * cols`.
 * @throws {@link NonFiniteError} if any value is NaN or ±Infinity (when `checkFinite`).
 * @throws {@link InvalidArgumentError} if `x` is of an unsupported type or dtype.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { toDenseMatrix } from '@latentkit/pca';
 *
 * const m = toDenseMatrix([[1, 2, 3], [4, 5, 6]]); // → { data: Float64Array(6), rows: 2, cols: 3 }
 * toDenseMatrix([[1, 2], [3]]); // throws ShapeError (ragged rows)
 * ```
 */
export function toDenseMatrix(x: MatrixInput, options: ToDenseOptions = {}): DenseMatrix {
  requireKnownOptions(options, ['name', 'allowEmpty', 'checkFinite'], 'toDenseMatrix options');
  const name = options.name ?? 'x';
  let m: DenseMatrix;
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2) throw new ShapeError(`${name} must be rank 2 [n, d]`, [null, null], x.shape);
    if (x.dtype !== 'float32' && x.dtype !== 'int32')
      throw new InvalidArgumentError(name, `dtype must be float32 or int32, got ${x.dtype}`);
    const values = x.dataSync();
    const data = values instanceof Float32Array ? values : Float32Array.from(values as Int32Array);
    m = { data, rows: x.shape[0] as number, cols: x.shape[1] as number };
  } else if (isDense(x)) {
    if (!Number.isInteger(x.rows) || !Number.isInteger(x.cols) || x.rows < 0 || x.cols < 0)
      throw new ShapeError(`${name}: rows and cols must be non-negative integers`);
    if (x.data.length !== x.rows * x.cols)
      throw new ShapeError(
        `${name}: data has ${x.data.length} values, expected rows * cols = ${x.rows * x.cols}`,
        [x.rows, x.cols],
      );
    m = x;
  } else if (Array.isArray(x)) {
    const rows = x.length;
    const first = x[0];
    const cols = first === undefined ? 0 : first.length;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = x[i] as ArrayLike<number> | undefined;
      if (row === undefined || typeof row.length !== 'number')
        throw new ShapeError(`${name}: row ${i} is not an array`);
      if (row.length !== cols)
        throw new ShapeError(
          `${name}: ragged rows (row 0 has ${cols} values, row ${i} has ${row.length})`,
          [rows, cols],
          [i, row.length],
        );
      for (let j = 0; j < cols; j++) data[i * cols + j] = row[j] as number;
    }
    m = { data, rows, cols };
  } else {
    throw new InvalidArgumentError(
      name,
      'expected a rank-2 tensor, an array of rows, or { data, rows, cols }',
    );
  }
  if (m.rows === 0 && !options.allowEmpty)
    throw new ShapeError(`${name} is empty (0 rows)`, [null, m.cols], [0, m.cols]);
  if (m.cols === 0) throw new ShapeError(`${name} has 0 columns`, [m.rows, null], [m.rows, 0]);
  if (options.checkFinite !== false) assertFinite(m.data, name);
  return m;
}

/**
 * Throws if any value of `data` is NaN or ±Infinity.
 *
 * @param data - Values to scan.
 * @param name - Name used in the error message.
 * @throws {@link NonFiniteError} naming the first offending index.
 */
export function assertFinite(data: ArrayLike<number>, name: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    // v - v is NaN exactly for NaN and ±Infinity; cheaper than Number.isFinite in a hot loop.
    if (v - v !== 0) throw new NonFiniteError(name, `first at flat index ${i}: ${v}`);
  }
}
