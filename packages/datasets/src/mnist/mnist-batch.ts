import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, tf, UnknownOptionError } from '@latentkit/tensor';
import { gatherRows } from '../batching/gather-rows.js';
import { oneHot } from '../batching/one-hot.js';
import { checkInteger } from '../internal/check-options.js';
import { toFloatPixels } from '../preprocessing/to-float-pixels.js';
import type { MnistSplit } from './mnist-split.js';

/**
 * Tensor layout of image batches: `'flat'` = `[batch, rows × cols]` (`[B, 784]` for MNIST),
 * `'hw'` = `[batch, rows, cols]`, `'nhwc'` = `[batch, rows, cols, 1]` (for conv layers).
 */
export type ImageLayout = 'flat' | 'hw' | 'nhwc';

const LAYOUTS: readonly ImageLayout[] = ['flat', 'hw', 'nhwc'];

/** Options of {@link mnistBatch}. */
export interface MnistBatchOptions {
  /** Layout of `x`. Default `'flat'`. */
  layout?: ImageLayout;
  /** Number of classes for the one-hot `y`. Default 10. */
  numClasses?: number;
}

/** A batch of MNIST as tensors (owned by the caller: dispose `x` and `y`). */
export interface MnistTensorBatch {
  /** float32 pixels scaled to [0, 1] (grey level / 255), in the requested layout. */
  x: tf.Tensor;
  /** float32 one-hot labels `[batch, numClasses]`. */
  y: tf.Tensor2D;
  /** The labels as integers. */
  labels: Int32Array;
}

/**
 * Turns selected images of a split into tensors ready for a model: pixels as float32 in [0, 1],
 * labels one-hot. For binarized pixels, binarize the rows (e.g. {@link dynamicBinarize} on
 * `gatherRows(split.images, 784, indices)`) and use {@link toFloatTensor} with `scale: 1`.
 *
 * @param split - An MNIST split.
 * @param indices - Image indices (e.g. from {@link indexBatches}).
 * @param options - See {@link MnistBatchOptions}.
 * @throws {@link UnknownOptionError} for an unknown layout; {@link InvalidArgumentError} for an
 *   index out of range or a label ≥ `numClasses`.
 *
 * @example
 * ```ts
 * import { mnistBatch } from '@latentkit/datasets';
 *
 * const { x, y, labels } = mnistBatch(mnist.train, [0, 1, 2], { layout: 'nhwc' });
 * // x: float32 [3, 28, 28, 1] in [0, 1]; y: one-hot [3, 10]; labels: Int32Array(3)
 * ```
 */
export function mnistBatch(
  split: MnistSplit,
  indices: ArrayLike<number>,
  options: MnistBatchOptions = {},
): MnistTensorBatch {
  requireKnownOptions(options, ['layout', 'numClasses'], 'mnistBatch');
  const layout = options.layout ?? 'flat';
  if (!LAYOUTS.includes(layout)) throw new UnknownOptionError('layout', layout, LAYOUTS);
  const numClasses = checkInteger(options.numClasses ?? 10, 'numClasses', 1, 256);
  if (split === null || typeof split !== 'object' || !(split.images instanceof Uint8Array)) {
    throw new InvalidArgumentError('split', 'must be an MnistSplit');
  }
  const { rows, cols } = split;
  const pixels = toFloatPixels(gatherRows(split.images, rows * cols, indices));
  const labels = Int32Array.from(gatherRows(split.labels, 1, indices));
  const b = indices.length;
  const shape =
    layout === 'flat' ? [b, rows * cols] : layout === 'hw' ? [b, rows, cols] : [b, rows, cols, 1];
  const hot = oneHot(labels, numClasses);
  return {
    x: tf.tensor(pixels, shape, 'float32'),
    y: tf.tensor2d(hot, [b, numClasses], 'float32'),
    labels,
  };
}
