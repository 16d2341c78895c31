import { UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * How a loss is reduced. Every loss and divergence in latentkit first forms **one value per
 * example** by summing over all non-batch axes (axis 0 is the batch axis), in nats; then:
 *
 * - `'mean'` (default): the mean of the per-example values over the batch → scalar.
 *   For a VAE this is "nats per example", the figure papers report.
 * - `'sum'`: the sum over the batch too → scalar.
 * - `'none'`: the per-example vector, shape `[batch]`.
 *
 * Note the difference from PyTorch's `reduction='mean'`, which averages over *all elements*;
 * latentkit sums the elements of one example (a log-likelihood of the whole example) and averages
 * only over examples.
 */
export type Reduction = 'mean' | 'sum' | 'none';

/** The accepted {@link Reduction} values. */
export const REDUCTIONS: readonly Reduction[] = ['mean', 'sum', 'none'];

/** The option every loss accepts. */
export interface ReductionOptions {
  /** See {@link Reduction}. Default `'mean'`. */
  reduction?: Reduction;
}

/**
 * Validates a reduction option value (`undefined` → the default `'mean'`).
 *
 * @param value - The value given by the caller.
 * @returns The reduction to use.
 * @throws {@link UnknownOptionError} if `value` is not one of {@link REDUCTIONS}.
 *
 * @example
 * ```ts
 * import { resolveReduction } from '@latentkit/tensor';
 *
 * resolveReduction(undefined); // → 'mean'
 * resolveReduction('none'); // → 'none'
 * resolveReduction('avg'); // throws UnknownOptionError
 * ```
 */
export function resolveReduction(value: unknown): Reduction {
  if (value === undefined) return 'mean';
  if (!REDUCTIONS.includes(value as Reduction)) {
    throw new UnknownOptionError('reduction', value, REDUCTIONS);
  }
  return value as Reduction;
}

/**
 * Applies a {@link Reduction} to element-wise loss values of shape `[batch, ...]`: sums all
 * non-batch axes into one value per example, then reduces over the batch. Does not validate
 * `reduction` (call {@link resolveReduction} first). Creates a new tensor; the input is untouched.
 *
 * @param values - Element-wise values, rank ≥ 1, batch on axis 0.
 * @param reduction - The reduction.
 * @returns A scalar (`'mean'`, `'sum'`) or a `[batch]` vector (`'none'`).
 *
 * @example
 * ```ts
 * import { applyReduction, tf } from '@latentkit/tensor';
 *
 * const perElement = tf.ones([4, 784]); // element-wise loss values, [batch, ...]
 * applyReduction(perElement, 'none'); // [4]: 784 each (summed per example)
 * applyReduction(perElement, 'mean'); // scalar: 784
 * applyReduction(perElement, 'sum'); // scalar: 3136
 * ```
 */
export function applyReduction(values: tf.Tensor, reduction: Reduction): tf.Tensor {
  return tf.tidy(() => {
    if (values.rank <= 1 && reduction === 'none') return tf.clone(values);
    // Per-example values (rank 1) are reduced as they are: no copy.
    const perExample =
      values.rank > 1 ? tf.sum(values, values.shape.map((_, i) => i).slice(1)) : values;
    if (reduction === 'none') return perExample;
    return reduction === 'sum' ? tf.sum(perExample) : tf.mean(perExample);
  });
}
