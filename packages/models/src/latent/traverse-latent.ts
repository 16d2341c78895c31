import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';
import { checkInt, checkNumber } from '../internal/check.js';
import type { Labels, Model } from '../model/model.js';

/** Options of {@link traverseLatent}. */
export interface TraverseLatentOptions {
  /** The latent dimension to vary (0-based). */
  dim: number;
  /** The values given to that dimension. Default 11 points evenly spaced in [−3, 3]. */
  values?: number[];
  /** Class label (CVAE), the same for every point. */
  label?: number;
}

/**
 * A latent traversal: copies of the code `z` with dimension `dim` set to each of `values`,
 * decoded to E[x|z] (the β-VAE figure). Returns `[values.length, ...inputShape]`.
 *
 * @param model - The model.
 * @param z - The base code, float32 `[D]` or `[1, D]` (e.g. an encoded example or zeros).
 * @param options - See {@link TraverseLatentOptions}.
 * @throws {@link ShapeError} for a z of the wrong size; {@link InvalidArgumentError} for a dim
 *   out of range or non-finite values.
 *
 * @example
 * ```ts
 * import { encodeLatent, traverseLatent } from '@latentkit/models';
 *
 * const z = encodeLatent(model, x); // [1, latentDim]
 * const row = traverseLatent(model, z, { dim: 3, values: [-3, -1.5, 0, 1.5, 3] }); // [5, 784]: z₃ swept
 * ```
 */
export function traverseLatent(
  model: Model,
  z: tf.Tensor,
  options: TraverseLatentOptions,
): tf.Tensor {
  requireKnownOptions(options, ['dim', 'values', 'label'], 'traverseLatent options');
  const d = model.latentDim;
  const dim = checkInt(options?.dim, 'dim', 0, d - 1);
  if (!(z instanceof tf.Tensor) || z.size !== d || z.rank > 2) {
    throw new ShapeError(`z must be [${d}] or [1, ${d}]`, [d], z?.shape);
  }
  const values = options.values ?? Array.from({ length: 11 }, (_, i) => -3 + (6 * i) / 10);
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidArgumentError('values', 'must be a non-empty array of numbers');
  }
  for (const [i, v] of values.entries()) checkNumber(v, `values[${i}]`);
  const base = z.dataSync();
  const codes = new Float32Array(values.length * d);
  values.forEach((v, r) => {
    codes.set(base, r * d);
    codes[r * d + dim] = v;
  });
  const labels: Labels | undefined =
    options.label === undefined ? undefined : new Array(values.length).fill(options.label);
  return tf.tidy(() => model.decodeMean(tf.tensor2d(codes, [values.length, d]), labels));
}
