import { InvalidArgumentError, requireKnownOptions, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { applyReduction, type ReductionOptions, resolveReduction } from './reduction.js';

/** Options of {@link categoricalCrossEntropy}. */
export interface CategoricalCrossEntropyOptions extends ReductionOptions {
  /**
   * Check that integer labels given as a *tensor* lie in `[0, classes)`. Costs one data sync, so it
   * is off by default; out-of-range labels in a tensor otherwise select no class and contribute 0.
   * Labels given as a JS array are always checked (no sync needed). Default `false`.
   */
  checkLabels?: boolean;
}

/**
 * Categorical cross-entropy `−Σ_c p_c · log softmax(l)_c` in nats, with a stable log-softmax over
 * the last axis. Summed over all non-batch axes (e.g. over time steps for `[batch, T, C]` logits),
 * then reduced over the batch.
 *
 * Labels are either
 * - integer class indices: an int32 tensor of shape `logits.shape[:-1]`, or a flat (row-major) JS
 *   array / Int32Array of integers with that many entries (length `batch` for `[batch, C]`); or
 * - a float32 tensor of class probabilities (one-hot or soft), same shape as `logits`; the loss is
 *   differentiable w.r.t. it too.
 *
 * @param logits - Unnormalized log-probabilities, float32, shape `[batch, ..., C]` (rank ≥ 2).
 * @param labels - See above.
 * @param options - `reduction` (default `'mean'`, see {@link Reduction}) and `checkLabels`.
 * @returns Scalar, or `[batch]` for `reduction: 'none'`, in nats.
 * @throws {@link ShapeError} if the labels' shape does not fit the logits or logits have rank < 2.
 * @throws {@link InvalidArgumentError} for non-float logits, labels of another dtype or labels
 *   that are not integers in `[0, C)`.
 * @throws {@link UnknownOptionError} for an unknown reduction or option key.
 *
 * @example
 * ```ts
 * import { categoricalCrossEntropy, tf } from '@latentkit/tensor';
 *
 * const logits = tf.tensor2d([[2, 0, 0], [0, 0, 0]]); // [batch 2, 3 classes]
 * categoricalCrossEntropy(logits, [0, 2]); // class indices → scalar, mean over the batch, nats
 * categoricalCrossEntropy(logits, [0, 2], { reduction: 'none' }); // [2]: [0.24, 1.10] nats
 * ```
 */
export function categoricalCrossEntropy(
  logits: tf.Tensor,
  labels: tf.Tensor | readonly number[] | Int32Array,
  options: CategoricalCrossEntropyOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['reduction', 'checkLabels']);
  const reduction = resolveReduction(options.reduction);
  requireFloatTensor(logits, 'logits');
  requireRank(logits, 'logits', 2);
  const classes = logits.shape[logits.rank - 1]!;
  const indexShape = logits.shape.slice(0, -1);

  if (labels instanceof tf.Tensor && labels.dtype === 'float32') {
    requireSameShape(labels, 'labels', logits, 'logits');
    return tf.tidy(() => applyReduction(tf.neg(tf.mul(labels, tf.logSoftmax(logits))), reduction));
  }

  let indices: tf.Tensor;
  if (labels instanceof tf.Tensor) {
    if (labels.dtype !== 'int32') {
      throw new InvalidArgumentError(
        'labels',
        `must be int32 class indices or float32 probabilities, got dtype ${labels.dtype}`,
      );
    }
    requireIndexShape(labels.shape, indexShape);
    if (options.checkLabels) checkRange(labels.dataSync(), classes);
    indices = labels;
  } else if (Array.isArray(labels) || labels instanceof Int32Array) {
    requireIndexShape([labels.length], [indexShape.reduce((a, b) => a * b, 1)]);
    checkRange(labels, classes);
    indices = tf.tensor(labels as number[], indexShape, 'int32');
  } else {
    throw new InvalidArgumentError('labels', 'must be a tf.Tensor, an Int32Array or an array');
  }
  try {
    return tf.tidy(() => {
      // int32 one-hot, then cast: tfjs-wasm 4.22's OneHot ignores dtype 'float32' and writes int32
      // bits (a 1 reads as 1.4e-45).
      const oneHot = tf.cast(tf.oneHot(indices, classes), 'float32');
      return applyReduction(tf.neg(tf.mul(oneHot, tf.logSoftmax(logits))), reduction);
    });
  } finally {
    if (indices !== labels) indices.dispose();
  }
}

function requireIndexShape(actual: readonly number[], expected: readonly number[]): void {
  if (!tf.util.arraysEqual(actual as number[], expected as number[])) {
    throw new ShapeError(
      `labels shape [${actual.join(', ')}] does not match logits shape without the class axis ` +
        `[${expected.join(', ')}]`,
      expected,
      actual,
    );
  }
}

function checkRange(values: ArrayLike<number>, classes: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new InvalidArgumentError(
        'labels',
        `label ${v} at index ${i} is not an integer in [0, ${classes})`,
      );
    }
  }
}
