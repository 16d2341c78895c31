import { requireKnownOptions, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { applyReduction, type ReductionOptions, resolveReduction } from './reduction.js';

/** Options of {@link mse}. */
export interface MseOptions extends ReductionOptions {
  /**
   * How the squared errors of one example are combined: `'sum'` (default, consistent with the
   * other losses and with a Gaussian log-likelihood) or `'mean'` (divide by the number of
   * elements per example). `{ elementReduction: 'mean' }` with the default `reduction: 'mean'`
   * equals PyTorch's `nn.MSELoss()` default (the mean over all elements).
   */
  elementReduction?: 'sum' | 'mean';
}

const ELEMENT_REDUCTIONS = ['sum', 'mean'] as const;

/**
 * Squared error `(pred − target)²`, **summed** over all non-batch axes of each example (unless
 * `elementReduction: 'mean'`), then reduced over the batch. Unitless (squared data units); note
 * `mse = 2·(gaussianNll with σ = 1) − D·log(2π)` for `D` elements per example.
 *
 * @param pred - Predictions, float32, shape `[batch, ...]`.
 * @param target - Targets, float32, same shape.
 * @param options - `reduction` (default `'mean'`, see {@link Reduction}) and `elementReduction`
 *   (default `'sum'`).
 * @returns Scalar, or `[batch]` for `reduction: 'none'`.
 * @throws {@link ShapeError} if the shapes differ or `pred` has rank 0.
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 * @throws {@link UnknownOptionError} for an unknown reduction, element reduction or option key.
 *
 * @example
 * ```ts
 * import { mse, tf } from '@latentkit/tensor';
 *
 * const pred = tf.zeros([2, 784]);
 * const target = tf.fill([2, 784], 0.5);
 * mse(pred, target); // scalar: 784 · 0.25 = 196 (summed per image, mean over the batch)
 * mse(pred, target, { elementReduction: 'mean' }); // scalar: 0.25, like torch's MSELoss
 * ```
 */
export function mse(pred: tf.Tensor, target: tf.Tensor, options: MseOptions = {}): tf.Tensor {
  requireKnownOptions(options, ['reduction', 'elementReduction']);
  const reduction = resolveReduction(options.reduction);
  const elementReduction = options.elementReduction ?? 'sum';
  if (!ELEMENT_REDUCTIONS.includes(elementReduction)) {
    throw new UnknownOptionError('elementReduction', elementReduction, ELEMENT_REDUCTIONS);
  }
  requireFloatTensor(pred, 'pred');
  requireFloatTensor(target, 'target');
  requireRank(pred, 'pred');
  requireSameShape(target, 'target', pred, 'pred');
  return tf.tidy(() => {
    let perElement = tf.squaredDifference(pred, target);
    if (elementReduction === 'mean' && pred.rank > 1) {
      perElement = tf.div(perElement, pred.size / (pred.shape[0] ?? 1));
    }
    return applyReduction(perElement, reduction);
  });
}
