import type { SeedLike } from '@latentkit/core';
import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { randomNormal } from '../random/random-tensors.js';
import {
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { reparameterizeWithNoise } from './reparameterize-with-noise.js';

/** Options of {@link reparameterize}. */
export interface ReparameterizeOptions {
  /**
   * Draw this many samples per distribution and stack them on a new leading axis: the result has
   * shape `[samples, ...mu.shape]` (e.g. `[k, batch, D]` for IWAE). Default: one sample, result
   * shape `mu.shape`.
   */
  samples?: number;
}

/**
 * The reparameterization trick: a sample `z = μ + exp(½·log σ²) · ε` with `ε ~ N(0, I)` drawn from
 * `seed`, so that `z` is a differentiable function of `mu` and `logVar` (gradients flow to both;
 * ε is a constant). The same seed gives the same ε on every backend (it is generated in JS).
 *
 * @param mu - μ, float32, shape `[batch, D]` (any rank ≥ 1).
 * @param logVar - log σ², float32, same shape.
 * @param seed - Seed or generator for ε (a generator advances by one step).
 * @param options - `samples` (see {@link ReparameterizeOptions}).
 * @returns z, shape `mu.shape` or `[samples, ...mu.shape]`.
 * @throws {@link ShapeError} if the shapes differ or `mu` has rank 0.
 * @throws {@link InvalidArgumentError} for non-float32 inputs, an invalid seed or `samples` that
 *   is not a positive integer.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { reparameterize } from '@latentkit/tensor';
 *
 * const z = reparameterize(mu, logVar, rng.fork('eps')); // [batch, D]
 * ```
 */
export function reparameterize(
  mu: tf.Tensor,
  logVar: tf.Tensor,
  seed: SeedLike,
  options: ReparameterizeOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['samples']);
  requireFloatTensor(mu, 'mu');
  requireFloatTensor(logVar, 'logVar');
  requireRank(mu, 'mu');
  requireSameShape(logVar, 'logVar', mu, 'mu');
  const { samples } = options;
  if (samples !== undefined && !(Number.isInteger(samples) && samples >= 1)) {
    throw new InvalidArgumentError('samples', `must be a positive integer, got ${samples}`);
  }
  const shape = samples === undefined ? mu.shape : [samples, ...mu.shape];
  return tf.tidy(() => reparameterizeWithNoise(mu, logVar, randomNormal(shape, seed)));
}
