import type { SeedLike } from '@latentkit/core';
import { requireKnownOptions } from '@latentkit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { type InitializerOptions, type ScaleRule, varianceScaling } from './initializer.js';

const HE_NORMAL: ScaleRule = {
  distribution: 'normal',
  need: 'fanIn',
  defaultGain: Math.SQRT2,
  scale: ({ fanIn }, gain) => gain / Math.sqrt(fanIn),
};

/**
 * He (Kaiming) normal initializer for ReLU layers: N(0, σ²) with σ = gain / √fanIn and gain √2
 * by default (variance 2 / fanIn). Same as PyTorch's `kaiming_normal_(mode='fan_in',
 * nonlinearity='relu')` (untruncated; Keras's `HeNormal` truncates at 2σ).
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
 * import { heNormal } from '@latentkit/tensor';
 *
 * const w = heNormal([3, 3, 1, 32], 1); // conv filter, σ = √2 / √(3·3·1) ≈ 0.47
 * ```
 */
export function heNormal(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['fanIn', 'fanOut', 'gain'], 'heNormal options');
  return varianceScaling(shape, seed, options, HE_NORMAL);
}
