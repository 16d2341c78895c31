import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';

// Internal input checks shared by the quantizers (not exported from the package).

/** Checks that `z` is a non-empty float32 tensor of shape `[..., dim]`. */
export function checkLatent(z: unknown, dim: number, name = 'z'): asserts z is tf.Tensor {
  if (!(z instanceof tf.Tensor) || z.isDisposed) {
    throw new InvalidArgumentError(name, 'must be a live tf.Tensor');
  }
  if (z.dtype !== 'float32') {
    throw new InvalidArgumentError(name, `must have dtype float32, got ${z.dtype}`);
  }
  if (z.rank < 1 || z.shape[z.rank - 1] !== dim) {
    throw new ShapeError(
      `${name} must have shape [..., ${dim}], got [${z.shape.join(', ')}]`,
      [null, dim],
      z.shape,
    );
  }
  if (z.size === 0) throw new InvalidArgumentError(name, 'is empty');
}

/** Checks that `indices` is an int32 tensor of shape `lead` (the latent's leading axes). */
export function checkIndices(indices: unknown, lead: readonly number[] | undefined): tf.Tensor {
  if (!(indices instanceof tf.Tensor) || indices.dtype !== 'int32') {
    throw new InvalidArgumentError('indices', 'must be an int32 tf.Tensor');
  }
  if (lead !== undefined && !tf.util.arraysEqual(indices.shape, lead as number[])) {
    throw new ShapeError(
      `indices shape [${indices.shape.join(', ')}] must be [${lead.join(', ')}]`,
      lead,
      indices.shape,
    );
  }
  return indices;
}

/** Checks a positive integer. */
export function positiveInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}
