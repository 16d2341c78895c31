import type { Rng } from '@latentkit/tensor';

/**
 * Non-digit images built from digits, for outlier exposure (Hendrycks et al. 2019): the
 * classifier is trained towards the uniform distribution on them, so that its top-class
 * probability says "looks like a digit" rather than "has a lot of ink". Even outliers are the
 * pixels of one digit in a random order (same intensities, no shape); odd ones overlay two digits
 * (the pixelwise max: strokes everywhere, no single digit). Neither comes from a model the
 * classifier later judges. The same recipe as the bench's `vqvae` judge
 * (`apps/bench/src/vqvae/outliers.ts`; the docs app does not depend on the bench).
 *
 * @param images - Digits, `n × 784` grey levels 0–255, row-major.
 * @param n - Number of digits in `images`.
 * @param count - Outliers to make.
 * @param rng - Chooses the digits and the pixel orders (advanced).
 * @returns `count × 784` intensities in [0, 1].
 */
export function outlierImages(
  images: Uint8Array,
  n: number,
  count: number,
  rng: Rng,
): Float32Array {
  const out = new Float32Array(count * 784);
  const order = new Int32Array(784);
  for (let i = 0; i < count; i++) {
    const a = rng.int(n) * 784;
    const row = out.subarray(i * 784, (i + 1) * 784);
    if (i % 2 === 0) {
      for (let p = 0; p < 784; p++) order[p] = p;
      for (let p = 783; p > 0; p--) {
        const q = rng.int(p + 1);
        const t = order[p]!;
        order[p] = order[q]!;
        order[q] = t;
      }
      for (let p = 0; p < 784; p++) row[p] = images[a + order[p]!]! / 255;
    } else {
      const b = rng.int(n) * 784;
      for (let p = 0; p < 784; p++) row[p] = Math.max(images[a + p]!, images[b + p]!) / 255;
    }
  }
  return out;
}
