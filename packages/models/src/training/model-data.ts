import { InvalidArgumentError, NonFiniteError, ShapeError, tf } from '@latentkit/tensor';
import { sizeOf } from '../internal/check.js';
import type { Labels, Model } from '../model/model.js';

/**
 * A data set as flat typed arrays, the input of `train` and the evaluation functions.
 *
 * `x` holds `n` examples of `model.inputShape`, row-major. A `Float32Array` is used as is (scale
 * it yourself, e.g. pixels / 255); a `Uint8Array` holds grey levels 0–255 and is divided by 255
 * (so a 0/1 binarized `Uint8Array` must be given as `Float32Array`, or scaled by 255).
 */
export interface ModelData {
  /** Examples, `[n, ...inputShape]` row-major. */
  x: Float32Array | Uint8Array;
  /** Number of examples. Default: `x.length / prod(inputShape)`; must match when given. */
  n?: number;
  /** Class labels in `[0, numClasses)`, one per example (required for a CVAE). */
  labels?: Labels;
}

/** The checked size of a {@link ModelData}. */
export interface DataInfo {
  /** Number of examples. */
  n: number;
  /** Elements per example. */
  rowSize: number;
}

/**
 * Validates a {@link ModelData} for a model: length a multiple of the example size, `n`
 * consistent, labels present (CVAE) with one integer in range per example, values finite.
 *
 * @param data - The data.
 * @param model - The model it is for.
 * @param name - The argument's name in error messages (`'data'`, `'validation'`).
 * @throws {@link ShapeError} for a length that does not fit the model's input shape or labels of
 *   the wrong length; {@link InvalidArgumentError} for a wrong type, missing or out-of-range
 *   labels, or no examples; {@link NonFiniteError} for NaN or ±∞ in a `Float32Array`.
 *
 * @example
 * ```ts
 * import { checkModelData } from '@latentkit/models';
 *
 * checkModelData({ x: new Float32Array(10 * 784) }, model); // → { n: 10, rowSize: 784 }
 * checkModelData({ x: new Float32Array(100) }, model); // throws ShapeError (not a multiple of 784)
 * ```
 */
export function checkModelData(data: ModelData, model: Model, name = 'data'): DataInfo {
  if (data === null || typeof data !== 'object') {
    throw new InvalidArgumentError(name, 'must be { x, n?, labels? }');
  }
  const { x } = data;
  if (!(x instanceof Float32Array || x instanceof Uint8Array)) {
    throw new InvalidArgumentError(`${name}.x`, 'must be a Float32Array or Uint8Array');
  }
  const rowSize = sizeOf(model.inputShape);
  const n = data.n ?? x.length / rowSize;
  if (!Number.isInteger(n) || n * rowSize !== x.length) {
    throw new ShapeError(
      `${name}.x has ${x.length} values, not ${data.n === undefined ? 'a multiple of' : `${data.n} ×`} ${rowSize} (inputShape [${model.inputShape.join(', ')}])`,
      [data.n ?? null, ...model.inputShape],
      [x.length],
    );
  }
  if (n === 0) throw new InvalidArgumentError(name, 'has no examples');
  if (x instanceof Float32Array) {
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i]!)) {
        throw new NonFiniteError(`${name}.x`, `value ${x[i]} at flat index ${i}`);
      }
    }
  }
  const k = model.config.numClasses;
  const { labels } = data;
  if (k > 0) {
    if (labels === undefined) {
      throw new InvalidArgumentError(`${name}.labels`, 'are required to train or evaluate a CVAE');
    }
    if (labels.length !== n) {
      throw new ShapeError(
        `${name}.labels: ${labels.length} labels for ${n} examples`,
        [n],
        [labels.length],
      );
    }
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      if (!Number.isInteger(c) || c < 0 || c >= k) {
        throw new InvalidArgumentError(`${name}.labels`, `label ${c} at ${i} is outside [0, ${k})`);
      }
    }
  }
  return { n, rowSize };
}

/** Each byte value v as float32(v / 255): a lookup gives the division's float32 result exactly. */
const BYTE_SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * Copies the rows `indices` of `x` into `out` (bytes scaled by 1/255: the float32 nearest to
 * v / 255, by table lookup).
 *
 * @internal
 */
export function gatherRowsInto(
  x: Float32Array | Uint8Array,
  rowSize: number,
  indices: ArrayLike<number>,
  out: Float32Array,
): Float32Array {
  if (x instanceof Float32Array) {
    for (let r = 0; r < indices.length; r++) {
      const start = indices[r]! * rowSize;
      out.set(x.subarray(start, start + rowSize), r * rowSize);
    }
  } else {
    for (let r = 0; r < indices.length; r++) {
      const src = indices[r]! * rowSize;
      const dst = r * rowSize;
      for (let j = 0; j < rowSize; j++) out[dst + j] = BYTE_SCALE[x[src + j]!]!;
    }
  }
  return out;
}

/**
 * Copies the rows `indices` of `x` into a new `Float32Array` (bytes scaled by 1/255).
 *
 * @internal
 */
export function gatherRows(
  x: Float32Array | Uint8Array,
  rowSize: number,
  indices: ArrayLike<number>,
): Float32Array {
  return gatherRowsInto(x, rowSize, indices, new Float32Array(indices.length * rowSize));
}

/** Labels of the rows `indices` (or `undefined`). @internal */
export function gatherLabels(
  labels: Labels | undefined,
  indices: ArrayLike<number>,
): Int32Array | undefined {
  if (labels === undefined) return undefined;
  return Int32Array.from({ length: indices.length }, (_, i) => labels[indices[i]!]!);
}

/**
 * Calls `fn` for consecutive batches of a (checked) data set in order, with the batch as a
 * float32 tensor `[b, ...inputShape]` (disposed after `fn` returns) and its labels.
 *
 * @internal
 */
export function forEachBatch(
  data: ModelData,
  model: Model,
  info: DataInfo,
  batchSize: number,
  fn: (x: tf.Tensor, labels: Int32Array | undefined, start: number) => void,
): void {
  for (let start = 0; start < info.n; start += batchSize) {
    const count = Math.min(batchSize, info.n - start);
    const idx = Int32Array.from({ length: count }, (_, i) => start + i);
    const labels = model.config.numClasses > 0 ? gatherLabels(data.labels, idx) : undefined;
    const x = tf.tensor(gatherRows(data.x, info.rowSize, idx), [count, ...model.inputShape]);
    try {
      fn(x, labels, start);
    } finally {
      x.dispose();
    }
  }
}
