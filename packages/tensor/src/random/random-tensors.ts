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
 */
export function randomUniform(shape: number[], seed: SeedLike, min = 0, max = 1): tf.Tensor {
  return tf.randomUniform(shape, min, max, 'float32', toRng(seed).seedForOp());
}
