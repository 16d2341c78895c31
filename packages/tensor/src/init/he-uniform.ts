import type { SeedLike } from '@latentkit/core';
import { requireKnownOptions } from '@latentkit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { type InitializerOptions, type ScaleRule, varianceScaling } from './initializer.js';

const HE_UNIFORM: ScaleRule = {
  distribution: 'uniform',
  need: 'fanIn',
  defaultGain: Math.SQRT2,
  scale: ({ fanIn }, gain) => gain * Math.sqrt(3 / fanIn),
};

/**
 * He (Kaiming) uniform initializer for ReLU layers: U(−b, b) with b = gain·√(3 / fanIn) and
 * gain √2 by default, so b = √(6 / fanIn) and variance 2 / fanIn. Same as PyTorch's
 * `kaiming_uniform_(mode='fan_in', nonlinearity='relu')` and Keras's `HeUniform`.
 *
 * @param shape - Weight shape; fan-in from {@link computeFans} unless given in `options`.
 * @param seed - Seed or generator (a generator advances by one step).
 * @param options - `gain` (default √2), `fanIn` override.
 * @returns A new float32 tensor.
 * @throws {@link InvalidArgumentError} for a bad shape, fan or gain.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { heUniform } from '@latentkit/tensor';
 *
 * const w = heUniform([784, 400], 1); // Tensor [784, 400] in ±√(6 / 784) ≈ ±0.087
 * ```
 */
export function heUniform(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['fanIn', 'fanOut', 'gain'], 'heUniform options');
  return varianceScaling(shape, seed, options, HE_UNIFORM);
}
