import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';
import { checkInt } from './check.js';

// Internal shape checks shared by the package.

/** Validates an example shape (positive integers, rank ≥ 1). */
export function checkShape(shape: unknown, name = 'inputShape'): number[] {
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new InvalidArgumentError(name, `must be a non-empty array, got ${JSON.stringify(shape)}`);
  }
  return shape.map((d, i) => checkInt(d, `${name}[${i}]`));
}

/** Throws {@link ShapeError} unless `x` is float32 `[batch, ...shape]` with batch ≥ 1. */
export function checkBatch(x: tf.Tensor, shape: readonly number[], name: string): void {
  if (!(x instanceof tf.Tensor) || x.isDisposed) {
    throw new InvalidArgumentError(name, 'must be a live tf.Tensor');
  }
  if (x.dtype !== 'float32') {
    throw new InvalidArgumentError(name, `must be float32, got ${x.dtype}`);
  }
  const ok =
    x.rank === shape.length + 1 &&
    (x.shape[0] ?? 0) >= 1 &&
    shape.every((d, i) => x.shape[i + 1] === d);
  if (!ok) {
    throw new ShapeError(
      `${name} has shape [${x.shape.join(', ')}], expected [batch, ${shape.join(', ')}]`,
      [null, ...shape],
      x.shape,
    );
  }
}

/** Throws {@link ShapeError} unless `z` is a tensor `[..., batch, latentDim]` (rank ≥ 2). */
export function checkLatentBatch(z: tf.Tensor, latentDim: number): void {
  if (!(z instanceof tf.Tensor) || z.rank < 2 || z.shape[z.rank - 1] !== latentDim) {
    throw new ShapeError(
      `z must have shape [batch, ${latentDim}], got ${z instanceof tf.Tensor ? `[${z.shape.join(', ')}]` : typeof z}`,
      [null, latentDim],
      z instanceof tf.Tensor ? z.shape : undefined,
    );
  }
}
