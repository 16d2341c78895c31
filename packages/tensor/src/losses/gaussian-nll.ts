import { InvalidArgumentError, requireFiniteNumber, requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  requireBroadcastableTo,
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { applyReduction, type ReductionOptions, resolveReduction } from './reduction.js';

/** ½·log(2π), the normalizing constant of a unit Gaussian per dimension, in nats. */
export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Options of {@link gaussianNll}: give exactly one of `logVar` or `std`, each either a number
 * (fixed variance) or a float32 tensor broadcastable to `mean` (learned variance, e.g. `[batch, 1]`
 * per example, `[D]` per dimension or `[batch, D]` per element).
 */
export interface GaussianNllOptions extends ReductionOptions {
  /** log σ² (natural log of the variance). */
  logVar?: number | tf.Tensor;
  /** σ, the standard deviation (> 0). */
  std?: number | tf.Tensor;
}

/**
 * Full negative log-likelihood of `target` under a diagonal Gaussian `N(mean, σ²)`, in nats,
 * including the constant: per element `½·log(2π) + ½·log σ² + (x − μ)²/(2σ²)`, summed over all
 * non-batch axes of each example, then reduced over the batch. (PyTorch's `GaussianNLLLoss`
 * with `full=True, reduction='none'`, summed per example — without its variance clamping.)
 *
 * @param mean - μ, float32, shape `[batch, ...]`.
 * @param target - x, float32, same shape as `mean`.
 * @param options - Exactly one of `logVar` / `std` (see {@link GaussianNllOptions}) and
 *   `reduction` (default `'mean'`, see {@link Reduction}).
 * @returns Scalar, or `[batch]` for `reduction: 'none'`, in nats.
 * @throws {@link ShapeError} if `target` differs from `mean` in shape or the variance does not
 *   broadcast to it.
 * @throws {@link InvalidArgumentError} for non-float32 tensors, neither or both of `logVar` /
 *   `std`, a non-finite `logVar` number or a `std` number ≤ 0.
 * @throws {@link UnknownOptionError} for an unknown reduction or option key.
 *
 * @example
 * ```ts
 * import { gaussianNll } from '@latentkit/tensor';
 *
 * // Fixed unit variance:
 * const nll = gaussianNll(decoded, x, { std: 1 });
 * // Learned per-element variance from the decoder:
 * const nll2 = gaussianNll(decodedMean, x, { logVar: decodedLogVar, reduction: 'none' });
 * ```
 */
export function gaussianNll(
  mean: tf.Tensor,
  target: tf.Tensor,
  options: GaussianNllOptions,
): tf.Tensor {
  requireKnownOptions(options, ['reduction', 'logVar', 'std']);
  const reduction = resolveReduction(options?.reduction);
  requireFloatTensor(mean, 'mean');
  requireFloatTensor(target, 'target');
  requireRank(mean, 'mean');
  requireSameShape(target, 'target', mean, 'mean');
  const { logVar, std } = options ?? {};
  if ((logVar === undefined) === (std === undefined)) {
    throw new InvalidArgumentError('options', 'give exactly one of logVar or std');
  }
  const spread = (logVar ?? std) as number | tf.Tensor;
  const spreadName = logVar !== undefined ? 'logVar' : 'std';
  if (typeof spread === 'number') {
    requireFiniteNumber(spread, spreadName, spreadName === 'std' ? 'positive' : 'any');
  } else {
    requireFloatTensor(spread, spreadName);
    requireBroadcastableTo(spread, spreadName, mean.shape, 'mean');
  }
  return tf.tidy(() => {
    const sq = tf.squaredDifference(target, mean);
    let perElement: tf.Tensor;
    if (logVar !== undefined) {
      // ½·(log σ² + (x−μ)²·exp(−log σ²)) + ½·log 2π
      const lv = typeof logVar === 'number' ? tf.scalar(logVar) : logVar;
      perElement = tf.mul(tf.add(lv, tf.mul(sq, tf.exp(tf.neg(lv)))), 0.5);
    } else {
      // log σ + ½·(x−μ)²/σ² + ½·log 2π
      const s = typeof std === 'number' ? tf.scalar(std) : (std as tf.Tensor);
      perElement = tf.add(tf.log(s), tf.mul(tf.div(sq, tf.square(s)), 0.5));
    }
    // perElement has mean's full shape (it contains sq), so a per-example σ counts once per element.
    perElement = tf.add(perElement, HALF_LOG_2PI);
    return applyReduction(perElement, reduction);
  });
}
