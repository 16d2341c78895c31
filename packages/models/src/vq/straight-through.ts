import { tf } from '@latentkit/tensor';
import { stopGradient } from './stop-gradient.js';

/**
 * The straight-through estimator `z + sg[q − z]`: its value is `q`, its gradient with respect to
 * `z` is the upstream gradient unchanged (identity), and `q` receives no gradient through it.
 *
 * @param z - The continuous input (e.g. the encoder output z_e), any shape.
 * @param q - Its quantized value, same shape as `z`.
 * @returns A new tensor equal to `q` (up to float rounding of `z + (q − z)`).
 *
 * @example
 * ```ts
 * import { nearestCode, straightThrough } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * // z: encoder output [N, D]; codebook: [K, D]
 * const { oneHot } = nearestCode(z, codebook);
 * const q = tf.matMul(oneHot, codebook); // the nearest codes
 * const zq = straightThrough(z, q); // value q, gradient passed to z unchanged
 * ```
 */
export function straightThrough<T extends tf.Tensor>(z: T, q: tf.Tensor): T {
  return tf.tidy(() => tf.add(z, stopGradient(tf.sub(q, z)))) as T;
}
