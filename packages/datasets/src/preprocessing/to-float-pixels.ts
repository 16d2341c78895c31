import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';
import { isNumericArray, type NumericArray } from '../internal/typed-array.js';

/** Options of {@link toFloatPixels} and {@link toFloatTensor}. */
export interface ScaleOptions {
  /**
   * Factor applied to every element. Default `1/255` for `Uint8Array` input (grey levels 0–255 →
   * [0, 1]) and `1` for any other array. Pass `scale: 1` for a `Uint8Array` of 0/1 binarized
   * pixels.
   */
  scale?: number;
}

function scaleFor(data: NumericArray, options: ScaleOptions): number {
  requireKnownOptions(options, ['scale'], 'toFloatPixels');
  if (!isNumericArray(data))
    throw new InvalidArgumentError('data', 'must be a numeric typed array');
  const scale = options.scale ?? (data instanceof Uint8Array ? 1 / 255 : 1);
  if (typeof scale !== 'number' || !Number.isFinite(scale)) {
    throw new InvalidArgumentError('scale', `must be a finite number, got ${String(scale)}`);
  }
  return scale;
}

/**
 * Converts pixels to `Float32Array`, by default mapping grey levels 0–255 to [0, 1].
 *
 * @param data - Pixels (any numeric typed array).
 * @param options - See {@link ScaleOptions}.
 * @returns A new `Float32Array` of `data[i] × scale`.
 *
 * @example
 * ```ts
 * import { toFloatPixels } from '@latentkit/datasets';
 *
 * toFloatPixels(new Uint8Array([0, 51, 255])); // → Float32Array [0, 0.2, 1]
 * toFloatPixels(new Uint8Array([0, 51, 255]), { scale: 1 }); // → Float32Array [0, 51, 255]
 * ```
 */
export function toFloatPixels(data: NumericArray, options: ScaleOptions = {}): Float32Array {
  const scale = scaleFor(data, options);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! * scale;
  return out;
}

/**
 * Makes a float32 tensor of the given shape from pixels, scaled as {@link toFloatPixels}. The
 * caller owns (and disposes) the tensor.
 *
 * @param data - Pixels, row-major.
 * @param shape - Tensor shape; its element count must equal `data.length`.
 * @param options - See {@link ScaleOptions}.
 * @throws {@link ShapeError} if the shape does not match the data length.
 *
 * @example
 * ```ts
 * import { toFloatTensor } from '@latentkit/datasets';
 *
 * const images = new Uint8Array(32 * 784); // 32 images, grey levels 0–255
 * const x = toFloatTensor(images, [32, 28, 28, 1]); // float32 NHWC tensor in [0, 1]
 * ```
 */
export function toFloatTensor(
  data: NumericArray,
  shape: readonly number[],
  options: ScaleOptions = {},
): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0) || size !== data.length) {
    throw new ShapeError(
      `toFloatTensor: shape [${shape.join(', ')}] does not hold ${data.length} elements`,
      [...shape],
      [data.length],
    );
  }
  return tf.tensor(toFloatPixels(data, options), [...shape], 'float32');
}
