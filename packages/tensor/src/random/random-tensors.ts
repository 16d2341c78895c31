import { type SeedLike, toRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Standard-normal (or scaled) samples as a tensor, drawn deterministically from a seed.
 * The numbers are generated in JavaScript, so they are the same on every backend.
 *
 * @param shape - Output shape.
 * @param seed - Seed or generator (a generator advances by one step).
 * @param mean - Mean of the normal distribution. Default 0.
 * @param std - Standard deviation. Default 1.
 *
 * @example
 * ```ts
 * import { randomNormal } from '@latentkit/tensor';
 *
 * const eps = randomNormal([32, 20], 7); // [32, 20] from N(0, 1), the same for seed 7 every time
 * const noise = randomNormal([32, 784], 8, 0, 0.1); // N(0, 0.1²)
 * ```
 */
export function randomNormal(shape: number[], seed: SeedLike, mean = 0, std = 1): tf.Tensor {
  return tf.randomNormal(shape, mean, std, 'float32', toRng(seed).seedForOp());
}

/**
 * Uniform samples in `[min, max)` as a tensor, drawn deterministically from a seed.
 *
 * @param shape - Output shape.
 * @param seed - Seed or generator.
 * @param min - Lower bound (inclusive). Default 0.
 * @param max - Upper bound (exclusive). Default 1.
 *
 * @example
 * ```ts
 * import { randomUniform } from '@latentkit/tensor';
 *
 * const u = randomUniform([32, 784], 7); // [32, 784] in [0, 1), seeded
 * const v = randomUniform([10], 8, -1, 1); // [10] in [−1, 1)
 * ```
 */
export function randomUniform(shape: number[], seed: SeedLike, min = 0, max = 1): tf.Tensor {
  return tf.randomUniform(shape, min, max, 'float32', toRng(seed).seedForOp());
}
