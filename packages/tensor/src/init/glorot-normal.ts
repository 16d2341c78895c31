import type { SeedLike } from '@latentkit/core';
import { requireKnownOptions } from '@latentkit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { type InitializerOptions, type ScaleRule, varianceScaling } from './initializer.js';

const GLOROT_NORMAL: ScaleRule = {
  distribution: 'normal',
  need: 'both',
  scale: ({ fanIn, fanOut }, gain) => gain * Math.sqrt(2 / (fanIn + fanOut)),
};

/**
 * Glorot (Xavier) normal initializer: N(0, σ²) with σ = gain·√(2 / (fanIn + fanOut)).
 * Same as PyTorch's `xavier_normal_` (an untruncated normal; Keras's `GlorotNormal` truncates
 * at 2σ and rescales, which this does not).
 *
 * @param shape - Weight shape; fans from {@link computeFans} unless given in `options`.
 * @param seed - Seed or generator (a generator advances by one step).
 * @param options - `gain` (default 1), `fanIn`/`fanOut` overrides.
 * @returns A new float32 tensor.
 * @throws {@link InvalidArgumentError} for a bad shape, fan or gain.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { glorotNormal } from '@latentkit/tensor';
 *
 * const w = glorotNormal([784, 400], 1); // Tensor [784, 400], σ = √(2 / (784 + 400)) ≈ 0.041
 * ```
 */
export function glorotNormal(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['fanIn', 'fanOut', 'gain'], 'glorotNormal options');
  return varianceScaling(shape, seed, options, GLOROT_NORMAL);
}
