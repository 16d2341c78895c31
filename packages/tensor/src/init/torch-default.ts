import type { SeedLike } from '@latentkit/core';
import { requireKnownOptions } from '@latentkit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { type InitializerOptions, type ScaleRule, varianceScaling } from './initializer.js';

const TORCH_DEFAULT: ScaleRule = {
  distribution: 'uniform',
  need: 'fanIn',
  scale: ({ fanIn }, gain) => gain / Math.sqrt(fanIn),
};

/**
 * PyTorch's default initializer of `nn.Linear` and `nn.Conv2d`: U(−b, b) with
 * b = gain / √fanIn (gain 1), for weights and biases alike. For weights this is PyTorch's
 * `kaiming_uniform_(a=√5)` (gain √(2 / (1 + 5)) = √(1/3), bound gain·√(3 / fanIn) = 1 / √fanIn);
 * for biases PyTorch uses the same bound with the weight's fan-in, so pass it:
 * `torchDefault([out], seed, { fanIn })`.
 *
 * @param shape - Weight shape (fan-in from {@link computeFans}), or a bias shape with
 *   `options.fanIn` set to its weight's fan-in.
 * @param seed - Seed or generator (a generator advances by one step).
 * @param options - `fanIn` (required for rank < 2), `gain` (default 1).
 * @returns A new float32 tensor.
 * @throws {@link InvalidArgumentError} for a bad shape or gain, or a rank-1 shape without fanIn.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { torchDefault } from '@latentkit/tensor';
 *
 * const w = torchDefault([784, 400], 1); // like nn.Linear(784, 400): U(±1/√784) = U(±0.0357)
 * const b = torchDefault([400], 2, { fanIn: 784 }); // its bias (a bias has no fans of its own)
 * ```
 */
export function torchDefault(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['fanIn', 'fanOut', 'gain'], 'torchDefault options');
  return varianceScaling(shape, seed, options, TORCH_DEFAULT);
}
