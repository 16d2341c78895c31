import { InvalidArgumentError, ShapeError, type TensorRecord } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

export type { TensorRecord };

/**
 * Copies a tensor's values into a {@link TensorRecord} (a synchronous download).
 *
 * @param t - A float32 tensor.
 * @param name - Name used in error messages.
 * @throws {@link InvalidArgumentError} if `t` is not float32.
 *
 * @example
 * ```ts
 * import { tensorToRecord, tf } from '@latentkit/tensor';
 *
 * const record = tensorToRecord(tf.ones([2, 3]));
 * // → { shape: [2, 3], dtype: 'float32', data: Float32Array(6) }, JSON- and worker-friendly
 * ```
 */
export function tensorToRecord(t: tf.Tensor, name = 'tensor'): TensorRecord {
  if (t.dtype !== 'float32') {
    throw new InvalidArgumentError(name, `expected dtype float32, got ${t.dtype}`);
  }
  // dataSync may return the backend's own buffer: copy so the record is independent.
  const data = Float32Array.from(t.dataSync() as Float32Array);
  return { shape: [...t.shape], dtype: 'float32', data };
}

/**
 * Checks a {@link TensorRecord} against an expected shape and makes a new tensor from it.
 *
 * @param record - The record to read.
 * @param expectedShape - The shape the tensor must have.
 * @param name - Name used in error messages (e.g. the parameter's name).
 * @returns A new float32 tensor the caller owns.
 * @throws {@link ShapeError} if `record.shape` differs from `expectedShape` or `data.length`
 *   does not match the shape's size.
 * @throws {@link InvalidArgumentError} if `record.dtype` is not `'float32'`.
 *
 * @example
 * ```ts
 * import { recordToTensor } from '@latentkit/tensor';
 *
 * const record = { shape: [2, 3], dtype: 'float32' as const, data: new Float32Array(6) };
 * const t = recordToTensor(record, [2, 3], 'fc1.weight'); // Tensor [2, 3]
 * recordToTensor(record, [3, 2], 'fc1.weight'); // throws ShapeError
 * ```
 */
export function recordToTensor(
  record: TensorRecord,
  expectedShape: readonly number[],
  name: string,
): tf.Tensor {
  if (record.dtype !== 'float32') {
    throw new InvalidArgumentError(name, `expected dtype float32, got ${String(record.dtype)}`);
  }
  if (!tf.util.arraysEqual(record.shape, expectedShape as number[])) {
    throw new ShapeError(
      `${name}: record has shape [${record.shape.join(', ')}], expected [${expectedShape.join(', ')}]`,
      expectedShape,
      record.shape,
    );
  }
  const size = tf.util.sizeFromShape(record.shape);
  if (record.data.length !== size) {
    throw new ShapeError(
      `${name}: record data has ${record.data.length} values, shape [${record.shape.join(', ')}] needs ${size}`,
      expectedShape,
      record.shape,
    );
  }
  // Copy: some backends keep a reference to the array they are given.
  return tf.tensor(Float32Array.from(record.data), record.shape, 'float32');
}
