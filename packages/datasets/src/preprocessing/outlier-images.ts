import { InvalidArgumentError, permutation, type Rng, ShapeError } from '@latentkit/core';

/** Pixels of one MNIST-sized image (28 × 28). */
const PIXELS = 784;

/**
 * Non-digit images built from digits, for outlier exposure (Hendrycks et al. 2019): a classifier
 * trained towards the uniform class distribution on them learns to say "this does not look like
 * a digit", so its top-class probability measures "looks like a digit" rather than "has a lot of
 * ink" — the judge of generated samples in the docs' VQ-VAE demo and the bench's `vqvae` suite.
 * Even outliers are the pixels of one digit in a random order (same intensities, no shape); odd
 * ones overlay two digits (the pixelwise max: strokes everywhere, no single digit). Neither comes
 * from a model the classifier later judges.
 *
 * @param images - `n × 784` digits, row-major: grey levels 0–255 (`Uint8Array`, scaled by 1/255)
 *   or intensities (`Float32Array`, taken as they are).
 * @param n - Number of digits in `images`.
 * @param count - Outliers to make.
 * @param rng - Chooses the digits and the pixel orders (advanced; seed it for reproducible sets).
 * @returns `count × 784` intensities (in [0, 1] for grey-level input).
 * @throws {@link InvalidArgumentError} for `n` < 1 or `count` < 0 (not integers).
 * @throws {@link ShapeError} when `images` does not hold `n × 784` values.
 *
 * @example
 * ```ts
 * import { createRng } from '@latentkit/core';
 * import { outlierImages } from '@latentkit/datasets';
 *
 * // images: MNIST digits as n × 784 grey levels (e.g. loadMnist().train.images)
 * const outliers = outlierImages(images, n, 128, createRng(7)); // 128 × 784 in [0, 1]
 * ```
 */
export function outlierImages(
  images: Uint8Array | Float32Array,
  n: number,
  count: number,
  rng: Rng,
): Float32Array {
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('n', `must be an integer ≥ 1, got ${String(n)}`);
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new InvalidArgumentError('count', `must be an integer ≥ 0, got ${String(count)}`);
  }
  if (images.length !== n * PIXELS) {
    throw new ShapeError(
      `outlierImages: images must hold n × 784 = ${n * PIXELS} values, got ${images.length}`,
    );
  }
  const scale = images instanceof Uint8Array ? 1 / 255 : 1;
  const out = new Float32Array(count * PIXELS);
  for (let i = 0; i < count; i++) {
    const a = rng.int(n) * PIXELS;
    const row = out.subarray(i * PIXELS, (i + 1) * PIXELS);
    if (i % 2 === 0) {
      const order = permutation(PIXELS, rng); // draws from `rng` itself, in its order
      for (let p = 0; p < PIXELS; p++) row[p] = scaled(images[a + order[p]!]!, scale);
    } else {
      const b = rng.int(n) * PIXELS;
      for (let p = 0; p < PIXELS; p++) {
        row[p] = scaled(Math.max(images[a + p]!, images[b + p]!), scale);
      }
    }
  }
  return out;
}

/** Grey levels divided by 255 (not multiplied by 1/255: the bits of `v / 255`), intensities as is. */
function scaled(v: number, scale: number): number {
  return scale === 1 ? v : v / 255;
}
