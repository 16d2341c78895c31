import type * as tf from '@tensorflow/tfjs-core';
import { randomNormal } from '../random/random-tensors.js';
import type { SeedLike } from '../random/rng.js';
import { checkShape, type InitializerOptions, resolveFans, resolveGain } from './initializer.js';

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
 */
export function heNormal(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  const s = checkShape(shape);
  const { fanIn } = resolveFans(s, options, 'fanIn');
  const gain = resolveGain(options, Math.SQRT2);
  const std = gain / Math.sqrt(fanIn);
  return randomNormal(s, seed, 0, std);
}
