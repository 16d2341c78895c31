import { InvalidArgumentError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { requireFloatTensor, requireRank } from '../validation/validate-inputs.js';

// Largest finite float32: the max is clamped to ±this so that a slice of all −∞ (or a +∞) does not
// produce ∞ − ∞ = NaN.
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * `log(mean(exp(x)))` along an axis, computed stably as `m + log(mean(exp(x − m)))` with `m` the
 * maximum along the axis, so inputs of any magnitude (e.g. ±1e4) neither overflow nor underflow.
 * The gradient is `softmax(x)` along the axis: the path through `m` contributes
 * `(1 − Σ softmax) · ∂m = 0`, so the maximum's (sub)gradient never changes the result, ties
 * included. A slice of all −∞ gives −∞.
 *
 * Written here rather than using `tf.logSumExp` because that returns NaN for an all −∞ slice
 * (e.g. importance weights that all underflowed) and we need the mean, not the sum.
 *
 * @param x - Values, float32, rank ≥ 1.
 * @param axis - The axis to reduce (negative counts from the end). Default 0 (the sample axis of
 *   `[k, batch]` importance weights).
 * @param keepDims - Keep the reduced axis with size 1. Default false.
 * @returns The reduced tensor.
 * @throws {@link InvalidArgumentError} if `x` is not float32 or `axis` is out of range.
 * @throws {@link ShapeError} if `x` has rank 0.
 *
 * @example
 * ```ts
 * import { logMeanExp, tf } from '@latentkit/tensor';
 *
 * const logW = tf.tensor2d([[-1000, -1000], [-1001, -999]]); // [k = 2, batch = 2]
 * logMeanExp(logW, 0); // [2]: [−1000.38, −999.38] — no underflow to −Infinity
 * ```
 */
export function logMeanExp(x: tf.Tensor, axis = 0, keepDims = false): tf.Tensor {
  requireFloatTensor(x, 'x');
  requireRank(x, 'x');
  if (!Number.isInteger(axis) || axis < -x.rank || axis >= x.rank) {
    throw new InvalidArgumentError(
      'axis',
      `must be an integer in [${-x.rank}, ${x.rank}), got ${axis}`,
    );
  }
  const ax = axis < 0 ? axis + x.rank : axis;
  return tf.tidy(() => {
    const m = tf.clipByValue(tf.max(x, ax, true), -FLOAT32_MAX, FLOAT32_MAX);
    const lme = tf.add(m, tf.log(tf.mean(tf.exp(tf.sub(x, m)), ax, true)));
    return keepDims ? lme : tf.squeeze(lme, [ax]);
  });
}
