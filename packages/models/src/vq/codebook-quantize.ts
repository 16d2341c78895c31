import { tf } from '@latentkit/tensor';
import { codeStatistics } from './code-statistics.js';
import { nearestCode } from './nearest-code.js';
import type { QuantizerOutput } from './quantizer.js';
import { stopGradient } from './stop-gradient.js';
import { straightThrough } from './straight-through.js';

// Internal: the shared forward pass of the codebook quantizers (not exported from the package).

/**
 * Quantizes `z` `[..., D]` with `codebook` `[K, D]`: nearest codes, the straight-through output,
 * the loss terms (means over the elements of z) and the batch statistics.
 *
 * @param withCodebookLoss - false for EMA codebooks (codebook term 0, total = commitment).
 */
export function codebookQuantize(
  z: tf.Tensor,
  codebook: tf.Tensor,
  beta: number,
  withCodebookLoss: boolean,
): QuantizerOutput {
  return tf.tidy(() => {
    const [k, d] = codebook.shape as [number, number];
    const lead = z.shape.slice(0, -1);
    const flat = tf.reshape(z, [-1, d]);
    const { oneHot, indices } = nearestCode(flat, codebook);
    // Look-up as a one-hot product: differentiable on wasm (gather's stock gradient is not).
    const e = tf.reshape(tf.matMul(oneHot, codebook), z.shape);
    const commitment = tf.mul(tf.mean(tf.square(tf.sub(z, stopGradient(e)))), beta) as tf.Scalar;
    const codebookLoss = withCodebookLoss
      ? (tf.mean(tf.square(tf.sub(stopGradient(z), e))) as tf.Scalar)
      : tf.scalar(0);
    const total = tf.add(codebookLoss, commitment) as tf.Scalar;
    const stats = codeStatistics(indices, k);
    return {
      quantized: straightThrough(z, e),
      indices: tf.reshape(indices, lead),
      loss: { codebook: codebookLoss, commitment, total },
      perplexity: stats.perplexity,
      usage: stats.usage,
    };
  });
}

/** Looks codes up: int32 `indices` `[...]` → float32 `[..., D]` (forward only). */
export function lookupCodes(codebook: tf.Tensor, indices: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const d = codebook.shape[1]!;
    const rows = tf.gather(codebook, tf.reshape(indices, [-1]));
    return tf.reshape(rows, [...indices.shape, d]);
  });
}
