import { requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { runFusedKernel } from '../kernels/fused-kernel.js';
import {
  KL_STANDARD_NORMAL,
  registerKlStandardNormalKernels,
} from '../kernels/kl-standard-normal-kernel.js';
import {
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { applyReduction, type ReductionOptions, resolveReduction } from './reduction.js';

/** Options of {@link klStandardNormal}. */
export type KlStandardNormalOptions = ReductionOptions;

function validate(mu: tf.Tensor, logVar: tf.Tensor): void {
  requireFloatTensor(mu, 'mu');
  requireFloatTensor(logVar, 'logVar');
  requireRank(mu, 'mu');
  requireSameShape(logVar, 'logVar', mu, 'mu');
}

/**
 * Per-dimension KL divergence `KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − log σ²)` of a diagonal
 * Gaussian to the standard normal, element-wise, in nats — unreduced, for free bits and
 * "KL per latent dimension" reports. Sum over the last axis to get the KL of the joint.
 *
 * @param mu - μ, float32, shape `[batch, D]` (any rank ≥ 1).
 * @param logVar - log σ², float32, same shape.
 * @returns KL per element, same shape as `mu` (each ≥ 0).
 * @throws {@link ShapeError} if the shapes differ or `mu` has rank 0.
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 *
 * @example
 * ```ts
 * import { klStandardNormalPerDim, tf } from '@latentkit/tensor';
 *
 * const kl = klStandardNormalPerDim(tf.ones([4, 20]), tf.zeros([4, 20])); // [4, 20], each ½ nat
 * const perDim = tf.mean(kl, 0); // [20]: which latent dimensions are active
 * ```
 */
export function klStandardNormalPerDim(mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  validate(mu, logVar);
  registerKlStandardNormalKernels();
  return runFusedKernel(KL_STANDARD_NORMAL, { mu, logVar });
}

/**
 * Closed-form KL divergence `KL(N(μ, diag σ²) ‖ N(0, I)) = ½ Σ_d (μ_d² + σ_d² − 1 − log σ_d²)` in
 * nats — the VAE's regularizer. Summed over all non-batch axes (the latent dimensions), then
 * reduced over the batch. For the per-dimension values use {@link klStandardNormalPerDim}.
 *
 * @param mu - μ, float32, shape `[batch, D]`.
 * @param logVar - log σ², float32, same shape.
 * @param options - `reduction`, default `'mean'` (see {@link Reduction}).
 * @returns Scalar, or `[batch]` for `reduction: 'none'`, in nats.
 * @throws {@link ShapeError} if the shapes differ or `mu` has rank 0.
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 * @throws {@link UnknownOptionError} for an unknown reduction or option key.
 *
 * @example
 * ```ts
 * import { klStandardNormal, tf } from '@latentkit/tensor';
 *
 * const mu = tf.ones([4, 20]); // encoder output, [batch, latentDim]
 * const logVar = tf.zeros([4, 20]);
 * klStandardNormal(mu, logVar); // scalar: 20 · ½ = 10 nats (mean over the batch)
 * klStandardNormal(mu, logVar, { reduction: 'none' }); // [4], nats
 * ```
 */
export function klStandardNormal(
  mu: tf.Tensor,
  logVar: tf.Tensor,
  options: KlStandardNormalOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['reduction']);
  const reduction = resolveReduction(options.reduction);
  validate(mu, logVar);
  return tf.tidy(() => applyReduction(klStandardNormalPerDim(mu, logVar), reduction));
}
