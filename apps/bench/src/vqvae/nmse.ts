/**
 * Reconstruction error as the Keras VQ-VAE example reports it: the mean squared error per pixel
 * divided by the variance of the data, so 1 is the error of predicting the mean image intensity
 * everywhere and 0 is a perfect reconstruction.
 */

/**
 * The variance of all values of `x` (population variance, float64: Σ(v − mean)² / n), after
 * multiplying each value by `scale` (e.g. 1/255 for grey-level bytes).
 *
 * @throws {RangeError} for an empty array.
 */
export function pixelVariance(x: ArrayLike<number>, scale = 1): number {
  const n = x.length;
  if (n === 0) throw new RangeError('pixelVariance of no values');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]! * scale;
  mean /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! * scale - mean;
    sum += d * d;
  }
  return sum / n;
}

/**
 * Σ (target·scale − reconstruction)² over two arrays of the same length, in float64.
 *
 * @param target - The original values (e.g. grey-level bytes).
 * @param reconstruction - The reconstructions, in the scaled units.
 * @param scale - Multiplies `target` first (1/255 for bytes). Default 1.
 * @throws {RangeError} when the lengths differ.
 */
export function sumSquaredError(
  target: ArrayLike<number>,
  reconstruction: ArrayLike<number>,
  scale = 1,
): number {
  if (target.length !== reconstruction.length) {
    throw new RangeError(`${target.length} targets for ${reconstruction.length} reconstructions`);
  }
  let sum = 0;
  for (let i = 0; i < target.length; i++) {
    const d = target[i]! * scale - reconstruction[i]!;
    sum += d * d;
  }
  return sum;
}

/**
 * Normalized mean squared error: `sse / count / variance`.
 *
 * @param sse - Sum of squared errors (see {@link sumSquaredError}).
 * @param count - Number of values it sums over (images × pixels).
 * @param variance - The data variance (see {@link pixelVariance}).
 * @throws {RangeError} for a count < 1 or a variance ≤ 0.
 */
export function nmse(sse: number, count: number, variance: number): number {
  if (!(count >= 1)) throw new RangeError(`count must be ≥ 1, got ${count}`);
  if (!(variance > 0)) throw new RangeError(`variance must be > 0, got ${variance}`);
  return sse / count / variance;
}
