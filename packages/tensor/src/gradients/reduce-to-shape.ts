import * as tf from '@tensorflow/tfjs-core';
import { columnSum } from '../kernels/column-sum-kernel.js';

/**
 * On tfjs-wasm, the sums of `dy` over every axis but the last as one {@link columnSum} pass over
 * `[M, C]` — a bias gradient. tfjs-wasm's `Sum` over leading axes first transposes them to the
 * end (3.1 ms against 0.6 ms for a conv layer's `[128, 14, 14, 32]`, CPU time). Each column is
 * summed in row order in float32, as the backend's `Sum`; the dense layers' bias gradients use
 * the same kernel. `undefined` on other backends (their `Sum` does not transpose).
 */
function columnSums(dy: tf.Tensor): tf.Tensor | undefined {
  if (dy.dtype !== 'float32' || tf.getBackend() !== 'wasm') return undefined;
  const c = dy.shape[dy.rank - 1] as number;
  return columnSum(tf.reshape(dy, [c > 0 ? dy.size / c : 0, c]));
}

/**
 * Sums a broadcast gradient back to the shape of the input it came from (the adjoint of
 * broadcasting): leading axes that the input lacks and axes where the input had size 1.
 */
export function reduceToShape(dy: tf.Tensor, shape: readonly number[]): tf.Tensor {
  // Returns `dy` itself when nothing is broadcast; see `owned` for gradients that pass `dy` through.
  if (tf.util.arraysEqual(dy.shape, shape as number[])) return dy;
  const lead = dy.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && dy.shape[i] !== 1)) axes.push(i);
  }
  if (
    axes.length === dy.rank - 1 &&
    !axes.includes(dy.rank - 1) &&
    shape[shape.length - 1] === dy.shape[dy.rank - 1]
  ) {
    // Everything but the channel axis: a bias gradient.
    const sums = columnSums(dy);
    if (sums !== undefined) return tf.reshape(sums, shape as number[]);
  }
  const summed = axes.length > 0 ? tf.sum(dy, axes, true) : dy;
  return tf.reshape(summed, shape as number[]);
}

/**
 * Makes sure a gradient is a tensor of its own: if `grad` is the tape's incoming `dy` object
 * (a pass-through gradient such as Add's), returns a new tensor object that shares `dy`'s data.
 * tfjs disposes accumulated gradients, so handing back `dy` itself would free a tensor another
 * tape node still needs; a same-shape `reshape` gives a second handle on the same buffer
 * (reference-counted by every backend, so disposing one handle leaves the other valid) without
 * the copy that `clone` makes on wasm (its Identity kernel copies the data). Every other gradient
 * is already a new tensor and is returned as is (no extra kernel).
 */
export function owned(grad: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return grad === dy ? tf.reshape(dy, dy.shape) : grad;
}

/** Inverse of a permutation. */
export function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return inv;
}

/** Swaps the last two axes with an explicit transpose (fast on wasm, unlike transposed matMul). */
export function swapLast2(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = x.rank;
  perm[r - 1] = r - 2;
  perm[r - 2] = r - 1;
  return tf.transpose(x, perm);
}
