import { InvalidArgumentError, tf } from '@latentkit/tensor';
import { checkInteger } from '../internal/check-options.js';

/**
 * One-hot encodes integer class labels.
 *
 * @param labels - Class indices, each an integer in `[0, numClasses)`.
 * @param numClasses - Number of classes (integer ≥ 1).
 * @returns A new `Float32Array` `[labels.length, numClasses]` row-major, with a single 1 per row.
 * @throws {@link InvalidArgumentError} for a bad `numClasses` or a label out of range.
 *
 * @example
 * ```ts
 * import { oneHot } from '@latentkit/datasets';
 *
 * oneHot([2, 0], 3); // → Float32Array [0, 0, 1,  1, 0, 0] (row-major [2, 3])
 * ```
 */
export function oneHot(labels: ArrayLike<number>, numClasses: number): Float32Array {
  checkInteger(numClasses, 'numClasses', 1, 2 ** 24);
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new InvalidArgumentError('labels', 'must be an array or typed array of class indices');
  }
  const out = new Float32Array(labels.length * numClasses);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new InvalidArgumentError(
        'labels',
        `label ${c} at position ${i} is outside [0, ${numClasses})`,
      );
    }
    out[i * numClasses + c] = 1;
  }
  return out;
}

/**
 * One-hot encodes labels into a float32 tensor of shape `[labels.length, numClasses]`.
 * The caller owns (and disposes) the tensor.
 *
 * @param labels - Class indices, each an integer in `[0, numClasses)`.
 * @param numClasses - Number of classes.
 * @throws {@link InvalidArgumentError} as {@link oneHot}.
 *
 * @example
 * ```ts
 * import { oneHotTensor } from '@latentkit/datasets';
 *
 * const y = oneHotTensor(new Uint8Array([7, 2, 1]), 10); // float32 Tensor2D [3, 10]
 * ```
 */
export function oneHotTensor(labels: ArrayLike<number>, numClasses: number): tf.Tensor2D {
  return tf.tensor2d(oneHot(labels, numClasses), [labels.length, numClasses], 'float32');
}
