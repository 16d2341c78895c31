import { ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { runFusedKernel } from '../kernels/fused-kernel.js';
import { REPARAMETERIZE, registerReparameterizeKernels } from '../kernels/reparameterize-kernel.js';
import {
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';

/**
 * The reparameterization with the noise given: `z = μ + exp(½·log σ²)·ε`, differentiable in `mu`,
 * `logVar` (and `eps`). Use it when ε comes from elsewhere — a shard of a larger draw, antithetic
 * samples, a fixed ε for a test; {@link reparameterize} draws ε from a seed and calls it.
 *
 * One fused kernel forward (float64 inside, rounded once) and one for the `logVar` gradient
 * (`Σ_s ½·dz·ε·σ`), instead of four element-wise kernels forward and about six backward.
 *
 * @param mu - μ, float32, shape `[batch, D]` (any rank ≥ 1).
 * @param logVar - log σ², float32, same shape.
 * @param eps - ε, float32, shape `mu.shape` or `[samples, ...mu.shape]`.
 * @returns z, the shape of `eps`.
 * @throws {@link ShapeError} if the shapes do not match or `mu` has rank 0.
 * @throws {@link InvalidArgumentError} for a non-float32 input.
 *
 * @example
 * ```ts
 * import { randomNormal, reparameterizeWithNoise } from '@latentkit/tensor';
 *
 * const eps = randomNormal([batch, latentDim], rng.fork('eps'));
 * const z = reparameterizeWithNoise(mu, logVar, eps);
 * ```
 */
export function reparameterizeWithNoise(
  mu: tf.Tensor,
  logVar: tf.Tensor,
  eps: tf.Tensor,
): tf.Tensor {
  requireFloatTensor(mu, 'mu');
  requireFloatTensor(logVar, 'logVar');
  requireFloatTensor(eps, 'eps');
  requireRank(mu, 'mu');
  requireSameShape(logVar, 'logVar', mu, 'mu');
  const tail = eps.shape.slice(eps.rank - mu.rank);
  const stacked = eps.rank === mu.rank + 1;
  if (!(eps.rank === mu.rank || stacked) || !tf.util.arraysEqual(tail, mu.shape)) {
    throw new ShapeError(
      `eps has shape [${eps.shape.join(', ')}], expected [${mu.shape.join(', ')}] or [samples, ${mu.shape.join(', ')}]`,
      mu.shape,
      eps.shape,
    );
  }
  registerReparameterizeKernels();
  return runFusedKernel(REPARAMETERIZE, { mu, logVar, eps });
}
