import * as tf from '@tensorflow/tfjs-core';
import {
  requireFloatTensor,
  requireKnownOptions,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { applyReduction, type ReductionOptions, resolveReduction } from './reduction.js';

/** Options of {@link bernoulliNllFromLogits}. */
export type BernoulliNllOptions = ReductionOptions;

/**
 * Negative log-likelihood of targets under independent Bernoulli distributions given by logits
 * (binary cross-entropy with logits), in nats:
 * `ℓ = max(l, 0) − l·x + log1p(exp(−|l|))` per element, which equals `−x·log σ(l) − (1−x)·log(1−σ(l))`
 * without overflow: it stays finite (no NaN/Inf in value or gradient) for logits of any finite size,
 * e.g. ±1e4. Targets may be soft (any value in [0, 1], e.g. grey-level pixels); then it is the
 * cross-entropy, which is not 0 at its minimum.
 *
 * The gradient w.r.t. the logits is `σ(l) − x` everywhere, including at `l = 0` (`max(l, 0)` is
 * written as `(l + |l|)/2`, whose gradient at 0 is ½ — with `relu` and `|·|` both having zero
 * subgradient at 0 the result would be `−x`, off by ½). Gradient w.r.t. the targets: `−l`.
 *
 * @param logits - Logits, float32, shape `[batch, ...]`.
 * @param targets - Targets in [0, 1], float32, same shape as `logits`. Not range-checked (no
 *   data sync).
 * @param options - `reduction` (see {@link Reduction}), default `'mean'`: summed over all
 *   non-batch axes, averaged over the batch.
 * @returns Scalar, or `[batch]` for `reduction: 'none'`, in nats.
 * @throws {@link ShapeError} if the shapes differ or `logits` has rank 0.
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 * @throws {@link UnknownOptionError} for an unknown reduction or option key.
 */
export function bernoulliNllFromLogits(
  logits: tf.Tensor,
  targets: tf.Tensor,
  options: BernoulliNllOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['reduction']);
  const reduction = resolveReduction(options.reduction);
  requireFloatTensor(logits, 'logits');
  requireFloatTensor(targets, 'targets');
  requireRank(logits, 'logits');
  requireSameShape(targets, 'targets', logits, 'logits');
  return tf.tidy(() => {
    const relu = tf.mul(tf.add(logits, tf.abs(logits)), 0.5);
    const softplusNegAbs = tf.log1p(tf.exp(tf.neg(tf.abs(logits))));
    const perElement = tf.add(tf.sub(relu, tf.mul(logits, targets)), softplusNegAbs);
    return applyReduction(perElement, reduction);
  });
}
