import { gemm, tf } from '@latentkit/tensor';
import { codeStatistics } from './code-statistics.js';
import { assignCodes } from './nearest-code.js';
import type { QuantizerOutput } from './quantizer.js';
import { stopGradient } from './stop-gradient.js';
import { straightThrough } from './straight-through.js';

// Internal: the shared forward pass of the codebook quantizers (not exported from the package).

/**
 * The nearest code of every row of `flat` `[N, D]`, looked up: `e = oneHot·codebook` `[N, D]`
 * (latentkit's `gemm`, whose zero-skipping kernel reads only the ones on tfjs-wasm)
 * and the int32 indices `[N]`, in one custom-gradient op. Its gradient: none to `flat` (argmin
 * is piecewise constant), and to the codebook `oneHotᵀ·dy` (what a differentiable one-hot
 * product gives; gather's gradient needs a kernel wasm lacks) when `trainCodebook`, else zeros.
 * Doing the look-up inside the op keeps the `[N, K]` one-hot off the tape: no `dy·codebookᵀ`
 * product towards it is computed, only to be dropped by the argmin.
 */
function nearestLookup(
  flat: tf.Tensor,
  codebook: tf.Tensor,
  trainCodebook: boolean,
): { e: tf.Tensor; indices: tf.Tensor1D } {
  let indices: tf.Tensor1D | undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const f = args[0] as tf.Tensor;
    const c = args[1] as tf.Tensor;
    const save = args[2] as tf.GradSaveFunc;
    const { oneHot, indices: idx } = assignCodes(f, c);
    indices = tf.keep(idx); // leaves through the closure (the op returns one tensor)
    if (trainCodebook) save([oneHot]);
    return {
      // latentkit's GEMM (zero-skipping for the one-hot on wasm): exact, as each row has one 1.
      value: gemm(oneHot, c),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.zerosLike(f),
        trainCodebook ? gemm(saved[0]!, dy, { transposeA: true }) : tf.zerosLike(c),
      ],
    };
  });
  return tf.tidy(() => {
    try {
      const e = op(flat, codebook);
      return { e, indices: tf.clone(indices!) }; // the clone shares the data; scope-tracked
    } finally {
      indices?.dispose();
    }
  });
}

/**
 * Quantizes `z` `[..., D]` with `codebook` `[K, D]`: nearest codes, the straight-through output,
 * the loss terms (means over the elements of z) and the batch statistics (one histogram).
 *
 * @param withCodebookLoss - false for EMA codebooks (codebook term 0, total = commitment, and no
 *   gradient reaches the codebook).
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
    const found = nearestLookup(flat, codebook, withCodebookLoss);
    const e = tf.reshape(found.e, z.shape);
    const commitment = tf.mul(tf.mean(tf.square(tf.sub(z, stopGradient(e)))), beta) as tf.Scalar;
    const codebookLoss = withCodebookLoss
      ? (tf.mean(tf.square(tf.sub(stopGradient(z), e))) as tf.Scalar)
      : tf.scalar(0);
    const total = tf.add(codebookLoss, commitment) as tf.Scalar;
    const stats = codeStatistics(found.indices, k);
    return {
      quantized: straightThrough(z, e),
      indices: tf.reshape(found.indices, lead),
      loss: { codebook: codebookLoss, commitment, total },
      perplexity: stats.perplexity,
      usage: stats.usage,
      counts: stats.counts,
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
