import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ClipOptions } from './optimizer.js';

/**
 * Global L2 norm of a set of gradients: √(Σ over all gradients and elements of g²), as a scalar
 * tensor (computed on the backend, no download).
 *
 * @param grads - Gradients by name (at least one).
 * @returns A new scalar tensor the caller owns.
 * @throws {@link InvalidArgumentError} if `grads` is empty.
 *
 * @example
 * ```ts
 * import { globalNorm, tf } from '@latentkit/tensor';
 *
 * const grads = { w: tf.tensor([3]), b: tf.tensor([4]) };
 * globalNorm(grads).dataSync()[0]; // → 5 (√(3² + 4²))
 * ```
 */
export function globalNorm(grads: Readonly<Record<string, tf.Tensor>>): tf.Scalar {
  const list = Object.values(grads);
  if (list.length === 0) throw new InvalidArgumentError('grads', 'is empty');
  return tf.tidy(() => {
    const squares = list.map((g) => tf.sum(tf.square(g)));
    const total = squares.length === 1 ? squares[0]! : tf.addN(squares);
    return tf.sqrt(total) as tf.Scalar;
  });
}

// unchecked options: reads the clip keys of an optimizer's whole options object.
/**
 * Checks clip options.
 *
 * @throws {@link InvalidArgumentError} if `clipValue` or `clipNorm` is given but not a positive
 *   finite number.
 */
export function checkClipOptions(options: ClipOptions): void {
  for (const key of ['clipValue', 'clipNorm'] as const) {
    const v = options[key];
    if (v !== undefined && (!Number.isFinite(v) || v <= 0)) {
      throw new InvalidArgumentError(key, `must be a positive finite number, got ${v}`);
    }
  }
}

/**
 * Clips gradients: first each element to [−clipValue, clipValue] (if given), then all of them
 * together by global L2 norm to at most `clipNorm` (if given), multiplying every gradient by
 * min(1, clipNorm / (norm + 1e-6)) exactly as PyTorch's `clip_grad_norm_` does. The factor stays
 * on the backend (no synchronous download).
 *
 * @param grads - Gradients by name; not modified or disposed.
 * @param options - See {@link ClipOptions}; with neither option the result has the input tensors.
 * @returns New gradients by name. Tensors that differ from the inputs are new and owned by the
 *   caller (use `tf.tidy`); unchanged ones are the input tensors themselves.
 * @throws {@link InvalidArgumentError} for a bad option.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { clipGradients, tf } from '@latentkit/tensor';
 *
 * const grads = { 'fc1.weight': tf.fill([2, 2], 3), 'fc1.bias': tf.fill([2], 4) };
 * const clipped = clipGradients(grads, { clipNorm: 1 }); // same keys, global L2 norm 1
 * ```
 */
export function clipGradients(
  grads: Readonly<Record<string, tf.Tensor>>,
  options: ClipOptions,
): Record<string, tf.Tensor> {
  requireKnownOptions(options, ['clipValue', 'clipNorm'], 'clipGradients options');
  checkClipOptions(options);
  let out: Record<string, tf.Tensor> = { ...grads };
  const { clipValue, clipNorm } = options;
  if (clipValue !== undefined) {
    const clipped: Record<string, tf.Tensor> = {};
    for (const [k, g] of Object.entries(out)) clipped[k] = tf.clipByValue(g, -clipValue, clipValue);
    out = clipped;
  }
  if (clipNorm !== undefined && Object.keys(out).length > 0) {
    const scaled: Record<string, tf.Tensor> = {};
    const factor = tf.tidy(() => {
      const norm = globalNorm(out);
      return tf.minimum(tf.div(tf.scalar(clipNorm), tf.add(norm, 1e-6)), 1);
    });
    for (const [k, g] of Object.entries(out)) scaled[k] = tf.mul(g, factor);
    factor.dispose();
    if (clipValue !== undefined) for (const g of Object.values(out)) g.dispose();
    out = scaled;
  }
  return out;
}
