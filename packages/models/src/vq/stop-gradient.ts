import { tf } from '@latentkit/tensor';

// tfjs has no stop-gradient op; a custom gradient that returns zeros is one (written here because
// no tfjs package offers it).
const stop = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/**
 * The stop-gradient operator sg[x]: returns a copy of `x` whose gradient is zero, so nothing
 * upstream of `x` is trained through this path (the `sg[·]` of the VQ-VAE losses).
 *
 * @param x - Any float tensor.
 * @returns A new tensor with `x`'s values and shape (the caller owns it).
 *
 * @example
 * ```ts
 * import { stopGradient } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, stopGradient(x))));
 * g(tf.tensor([3])); // → [3]: d/dx (x · sg[x]) = sg[x]
 * ```
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
