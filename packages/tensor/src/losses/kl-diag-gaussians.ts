import { requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  requireBroadcastableTo,
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { applyReduction, type ReductionOptions, resolveReduction } from './reduction.js';

/** Options of {@link klDiagGaussians}. */
export type KlDiagGaussiansOptions = ReductionOptions;

function validate(mu1: tf.Tensor, logVar1: tf.Tensor, mu2: tf.Tensor, logVar2: tf.Tensor): void {
  requireFloatTensor(mu1, 'mu1');
  requireFloatTensor(logVar1, 'logVar1');
  requireFloatTensor(mu2, 'mu2');
  requireFloatTensor(logVar2, 'logVar2');
  requireRank(mu1, 'mu1');
  requireSameShape(logVar1, 'logVar1', mu1, 'mu1');
  requireBroadcastableTo(mu2, 'mu2', mu1.shape, 'mu1');
  requireBroadcastableTo(logVar2, 'logVar2', mu1.shape, 'mu1');
}

/**
 * Per-dimension KL divergence between diagonal Gaussians, element-wise, in nats:
 * `KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = ½(log σ₂² − log σ₁² + (σ₁² + (μ₁ − μ₂)²)/σ₂² − 1)`.
 *
 * @param mu1 - μ₁ of q, float32, shape `[batch, D]` (any rank ≥ 1).
 * @param logVar1 - log σ₁² of q, same shape as `mu1`.
 * @param mu2 - μ₂ of p, float32, broadcastable to `mu1` (e.g. `[D]` for a learned prior).
 * @param logVar2 - log σ₂² of p, float32, broadcastable to `mu1`.
 * @returns KL per element, shape of `mu1` (each ≥ 0).
 * @throws {@link ShapeError} if `logVar1` differs from `mu1` or p's tensors do not broadcast to it.
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 *
 * @example
 * ```ts
 * import { klDiagGaussiansPerDim, tf } from '@latentkit/tensor';
 *
 * const zero = tf.zeros([4, 20]);
 * klDiagGaussiansPerDim(zero, zero, tf.ones([4, 20]), zero); // [4, 20], each ½ nat
 * ```
 */
export function klDiagGaussiansPerDim(
  mu1: tf.Tensor,
  logVar1: tf.Tensor,
  mu2: tf.Tensor,
  logVar2: tf.Tensor,
): tf.Tensor {
  validate(mu1, logVar1, mu2, logVar2);
  return tf.tidy(() => {
    const varRatio = tf.exp(tf.sub(logVar1, logVar2));
    const meanTerm = tf.mul(tf.squaredDifference(mu1, mu2), tf.exp(tf.neg(logVar2)));
    const logTerm = tf.sub(logVar2, logVar1);
    return tf.mul(tf.sub(tf.add(tf.add(logTerm, varRatio), meanTerm), 1), 0.5);
  });
}

/**
 * Closed-form KL divergence `KL(q ‖ p)` between diagonal Gaussians `q = N(μ₁, diag σ₁²)` and
 * `p = N(μ₂, diag σ₂²)`, in nats, summed over all non-batch axes, then reduced over the batch.
 * With `μ₂ = 0, log σ₂² = 0` it equals {@link klStandardNormal}. Not symmetric: the first pair is
 * the distribution the expectation is taken under. Per-dimension values:
 * {@link klDiagGaussiansPerDim}.
 *
 * @param mu1 - μ₁ of q, float32, shape `[batch, D]`.
 * @param logVar1 - log σ₁² of q, same shape.
 * @param mu2 - μ₂ of p, float32, broadcastable to `mu1`.
 * @param logVar2 - log σ₂² of p, float32, broadcastable to `mu1`.
 * @param options - `reduction`, default `'mean'` (see {@link Reduction}).
 * @returns Scalar, or `[batch]` for `reduction: 'none'`, in nats.
 * @throws {@link ShapeError} for shapes that do not fit (see {@link klDiagGaussiansPerDim}).
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 * @throws {@link UnknownOptionError} for an unknown reduction or option key.
 *
 * @example
 * ```ts
 * import { klDiagGaussians, tf } from '@latentkit/tensor';
 *
 * const mu1 = tf.zeros([4, 20]); // q: N(0, 1)
 * const logVar1 = tf.zeros([4, 20]);
 * const mu2 = tf.ones([4, 20]); // p: N(1, 1)
 * const logVar2 = tf.zeros([4, 20]);
 * klDiagGaussians(mu1, logVar1, mu2, logVar2); // scalar: 20 · ½ = 10 nats, batch mean
 * ```
 */
export function klDiagGaussians(
  mu1: tf.Tensor,
  logVar1: tf.Tensor,
  mu2: tf.Tensor,
  logVar2: tf.Tensor,
  options: KlDiagGaussiansOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['reduction']);
  const reduction = resolveReduction(options.reduction);
  validate(mu1, logVar1, mu2, logVar2);
  return tf.tidy(() =>
    applyReduction(klDiagGaussiansPerDim(mu1, logVar1, mu2, logVar2), reduction),
  );
}
