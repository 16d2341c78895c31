import type { SeedLike } from '@latentkit/core';
import { requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkShape, type InitializerOptions } from './initializer.js';

/**
 * All-zeros initializer (biases). Takes the same arguments as the random initializers so it
 * can be used wherever an {@link Initializer} is expected; `seed` and `options` are ignored and
 * a generator passed as `seed` is not advanced.
 *
 * @param shape - Tensor shape.
 * @returns A new float32 tensor of zeros.
 * @throws {@link InvalidArgumentError} for a bad shape.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { zeros } from '@latentkit/tensor';
 *
 * const b = zeros([400]); // Tensor [400] of 0
 * ```
 */
export function zeros(
  shape: readonly number[],
  _seed?: SeedLike,
  options?: InitializerOptions,
): tf.Tensor {
  requireKnownOptions(options, ['fanIn', 'fanOut', 'gain'], 'zeros options');
  return tf.zeros(checkShape(shape), 'float32');
}
