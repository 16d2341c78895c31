import type { SeedLike } from '@latentkit/core';
import { requireKnownOptions } from '@latentkit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { type InitializerOptions, type ScaleRule, varianceScaling } from './initializer.js';

const GLOROT_UNIFORM: ScaleRule = {
  distribution: 'uniform',
  need: 'both',
  scale: ({ fanIn, fanOut }, gain) => gain * Math.sqrt(6 / (fanIn + fanOut)),
};

/**
 * Glorot (Xavier) uniform initializer: U(−b, b) with b = gain·√(6 / (fanIn + fanOut)),
 * i.e. variance gain²·2 / (fanIn + fanOut). Same as PyTorch's `xavier_uniform_` and Keras's
 * `GlorotUniform` (gain 1).
 *
 * @param shape - Weight shape; fans from {@link computeFans} (dense `[in, out]`, conv
 *   `[kh, kw, cin, cout]`) unless given in `options`.
 * @param seed - Seed or generator (a generator advances by one step).
 * @param options - `gain` (default 1), `fanIn`/`fanOut` overrides.
 * @returns A new float32 tensor.
 * @throws {@link InvalidArgumentError} for a bad shape, fan or gain.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { glorotUniform } from '@latentkit/tensor';
 *
 * const w = glorotUniform([784, 400], 1); // Tensor [784, 400] in ±√(6 / 1184) ≈ ±0.071
 * ```
 */
export function glorotUniform(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['fanIn', 'fanOut', 'gain'], 'glorotUniform options');
  return varianceScaling(shape, seed, options, GLOROT_UNIFORM);
}
