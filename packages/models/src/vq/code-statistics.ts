import { InvalidArgumentError, tf } from '@latentkit/tensor';

/** What {@link codeStatistics} returns; the caller owns (and disposes) every tensor. */
export interface CodeStatistics {
  /** float32 `[K]`: how many vectors of the batch use each code. */
  counts: tf.Tensor1D;
  /**
   * float32 scalar: exp(−Σₖ pₖ ln pₖ) with pₖ = countₖ / N (0·ln 0 = 0): K for a uniform
   * assignment, 1 when every vector uses one code. Entropy in nats, exponentiated.
   */
  perplexity: tf.Scalar;
  /** float32 scalar: the fraction of the K codes used at least once in the batch, in [0, 1]. */
  usage: tf.Scalar;
}

/**
 * Batch code-usage statistics from code indices (a histogram with `tf.bincount`, O(N), no sync).
 *
 * @param indices - int32 code indices, any shape (flattened), values in [0, numCodes).
 *   Out-of-range values are not counted.
 * @param numCodes - K, the number of codes.
 * @throws {@link InvalidArgumentError} for a non-int32 or empty `indices` or a bad `numCodes`.
 *
 * @example
 * ```ts
 * import { codeStatistics } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const { counts, perplexity, usage } = codeStatistics(tf.tensor1d([0, 0, 1, 3], 'int32'), 4);
 * // counts: [2, 1, 0, 1]; perplexity ≈ 2.83 (scalar tensor); usage: 0.75
 * ```
 */
export function codeStatistics(indices: tf.Tensor, numCodes: number): CodeStatistics {
  if (!(indices instanceof tf.Tensor) || indices.dtype !== 'int32') {
    throw new InvalidArgumentError('indices', 'must be an int32 tf.Tensor');
  }
  if (indices.size === 0) throw new InvalidArgumentError('indices', 'is empty');
  if (!Number.isInteger(numCodes) || numCodes < 1) {
    throw new InvalidArgumentError('numCodes', `must be a positive integer, got ${numCodes}`);
  }
  return tf.tidy(() => {
    const flat = tf.reshape(indices, [-1]) as tf.Tensor1D;
    const counts = tf.bincount(flat, tf.ones([flat.size], 'float32'), numCodes) as tf.Tensor1D;
    const p = tf.div(counts, flat.size);
    // p·ln(max(p, 1e-30)) is exactly 0 where p = 0.
    const entropy = tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, 1e-30)))));
    const perplexity = tf.exp(entropy) as tf.Scalar;
    const usage = tf.mean(tf.cast(tf.greater(counts, 0), 'float32')) as tf.Scalar;
    return { counts, perplexity, usage };
  });
}
