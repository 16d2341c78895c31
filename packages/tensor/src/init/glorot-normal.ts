import type * as tf from '@tensorflow/tfjs-core';
import { randomNormal } from '../random/random-tensors.js';
import type { SeedLike } from '../random/rng.js';
import { checkShape, type InitializerOptions, resolveFans, resolveGain } from './initializer.js';

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
 */
export function glorotNormal(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  const s = checkShape(shape);
  const { fanIn, fanOut } = resolveFans(s, options, 'both');
  const gain = resolveGain(options);
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  return randomNormal(s, seed, 0, std);
}
