import { InvalidArgumentError, NonFiniteError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Throws if a tensor holds NaN or ±Infinity. Costs exactly one data sync (`dataSync()`) and
 * creates no tensors, so it is meant for places that sync anyway, e.g. a training loop checking
 * each step's loss. The losses themselves never call it (their validation does not sync).
 *
 * @param tensor - The tensor to check (any dtype; integer and bool tensors always pass).
 * @param name - What the tensor is (`'loss'`, `'logits'`…), used in the error message.
 * @throws {@link NonFiniteError} naming `name`, the number of bad values and the first one's flat
 *   index and value.
 * @throws {@link InvalidArgumentError} if `tensor` is not a live tf.Tensor.
 *
 * @example
 * ```ts
 * import { assertFinite, bernoulliNllFromLogits } from '@latentkit/tensor';
 *
 * const loss = bernoulliNllFromLogits(logits, x);
 * assertFinite(loss, 'loss'); // throws NonFiniteError('loss contains NaN or Infinity (...)')
 * ```
 */
export function assertFinite(tensor: tf.Tensor, name: string): void {
  if (!(tensor instanceof tf.Tensor) || tensor.isDisposed) {
    throw new InvalidArgumentError(name, 'must be a live tf.Tensor');
  }
  if (tensor.dtype !== 'float32') return;
  const data = tensor.dataSync() as Float32Array;
  let first = -1;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (count > 0) {
    throw new NonFiniteError(
      name,
      `${count} of ${data.length} values; first at flat index ${first}: ${data[first]}`,
    );
  }
}
