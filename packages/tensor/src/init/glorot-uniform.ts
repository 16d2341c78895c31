import type * as tf from '@tensorflow/tfjs-core';
import { randomUniform } from '../random/random-tensors.js';
import type { SeedLike } from '../random/rng.js';
import { checkShape, type InitializerOptions, resolveFans, resolveGain } from './initializer.js';

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
 */
export function glorotUniform(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  const s = checkShape(shape);
  const { fanIn, fanOut } = resolveFans(s, options, 'both');
  const gain = resolveGain(options);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return randomUniform(s, seed, -bound, bound);
}
