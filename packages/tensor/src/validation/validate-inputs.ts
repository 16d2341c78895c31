import { describeValue as describe, InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

// Cheap argument checks shared by the losses: they look only at shapes, dtypes and option keys,
// never at tensor data (no device sync).

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/**
 * Checks that `x` is a float32 tf.Tensor.
 *
 * @param x - The value to check.
 * @param name - The argument's name, used in the error message.
 * @throws {@link InvalidArgumentError} if `x` is not a tensor or its dtype is not `'float32'`.
 *
 * @example
 * ```ts
 * import { requireFloatTensor, tf } from '@latentkit/tensor';
 *
 * function myLoss(pred: unknown): tf.Tensor {
 *   requireFloatTensor(pred, 'pred'); // throws InvalidArgumentError unless a float32 tensor
 *   return tf.sum(pred); // pred: tf.Tensor here
 * }
 * ```
 */
export function requireFloatTensor(x: unknown, name: string): asserts x is tf.Tensor {
  if (!(x instanceof tf.Tensor)) {
    throw new InvalidArgumentError(name, `must be a tf.Tensor, got ${describe(x)}`);
  }
  if (x.isDisposed) throw new InvalidArgumentError(name, 'tensor is disposed');
  if (x.dtype !== 'float32') {
    throw new InvalidArgumentError(name, `must have dtype float32, got ${x.dtype}`);
  }
}

/**
 * Checks that a tensor has a batch axis (rank ≥ `minRank`, default 1).
 *
 * @param x - The tensor.
 * @param name - The argument's name.
 * @param minRank - The smallest accepted rank. Default 1.
 * @throws {@link ShapeError} if the rank is too small.
 *
 * @example
 * ```ts
 * import { requireRank, tf } from '@latentkit/tensor';
 *
 * requireRank(tf.zeros([32, 784]), 'x', 2); // ok: [batch, features]
 * requireRank(tf.zeros([784]), 'x', 2); // throws ShapeError
 * ```
 */
export function requireRank(x: tf.Tensor, name: string, minRank = 1): void {
  if (x.rank < minRank) {
    throw new ShapeError(
      `${name} must have rank ≥ ${minRank} (batch on axis 0), got shape ${fmt(x.shape)}`,
      undefined,
      x.shape,
    );
  }
}

/**
 * Checks that two tensors have exactly the same shape.
 *
 * @throws {@link ShapeError} naming both arguments and both shapes.
 *
 * @example
 * ```ts
 * import { requireSameShape, tf } from '@latentkit/tensor';
 *
 * requireSameShape(tf.zeros([4, 20]), 'mu', tf.zeros([4, 20]), 'logVar'); // ok
 * requireSameShape(tf.zeros([4, 20]), 'mu', tf.zeros([4, 10]), 'logVar'); // throws ShapeError
 * ```
 */
export function requireSameShape(a: tf.Tensor, aName: string, b: tf.Tensor, bName: string): void {
  if (!tf.util.arraysEqual(a.shape, b.shape)) {
    throw new ShapeError(
      `${aName} shape ${fmt(a.shape)} does not match ${bName} shape ${fmt(b.shape)}`,
      b.shape,
      a.shape,
    );
  }
}

/**
 * The broadcast shape of two shapes (NumPy rules), or `undefined` if they do not broadcast.
 *
 * @param a - First shape.
 * @param b - Second shape.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/**
 * Checks that `x` broadcasts to `shape` without enlarging it (e.g. `[batch, 1]` or `[D]` against
 * `[batch, D]`).
 *
 * @throws {@link ShapeError} naming both arguments and both shapes.
 */
export function requireBroadcastableTo(
  x: tf.Tensor,
  name: string,
  shape: readonly number[],
  targetName: string,
): void {
  const b = broadcastShapes(x.shape, shape);
  if (b === undefined || !tf.util.arraysEqual(b, shape as number[])) {
    throw new ShapeError(
      `${name} shape ${fmt(x.shape)} does not broadcast to ${targetName} shape ${fmt(shape)}`,
      shape,
      x.shape,
    );
  }
}
