import { requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  BERNOULLI_NLL_ROWS,
  registerBernoulliNllKernels,
} from '../kernels/bernoulli-nll-kernel.js';
import { runFusedKernel } from '../kernels/fused-kernel.js';
import {
  requireFloatTensor,
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
 * One fused kernel computes the per-example sums (float64 inside, rounded once) and one the
 * gradient: w.r.t. the logits `(σ(l) − x)·dy` (exact at `l = 0`, where `max(l, 0)` and `|l|` have
 * kinks), w.r.t. the targets `−l·dy` (only computed when the targets are differentiated), instead
 * of ~10 element-wise kernels forward and ~6 backward for the formula.
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
 *
 * @example
 * ```ts
 * import { bernoulliNllFromLogits, tf } from '@latentkit/tensor';
 *
 * const logits = tf.zeros([2, 784]); // decoder output, before the sigmoid
 * const x = tf.ones([2, 784]); // binarized targets
 * bernoulliNllFromLogits(logits, x); // scalar: 784 · ln 2 ≈ 543.4 nats per image
 * bernoulliNllFromLogits(logits, x, { reduction: 'none' }); // [2], nats
 * ```
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
  registerBernoulliNllKernels();
  return tf.tidy(() =>
    applyReduction(runFusedKernel(BERNOULLI_NLL_ROWS, { logits, targets }), reduction),
  );
}
