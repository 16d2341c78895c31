import { histogramStatistics, type Model } from '@latentkit/models';
import { InvalidArgumentError, type SeedLike, tf, toRng } from '@latentkit/tensor';

/** What {@link reconstructThroughCodes} returns. */
export interface CodeReconstruction {
  /** The code grid of every image, row-major `[n, 7, 7]`. */
  codes: Int32Array;
  /** E[x|z_q] of every image, `n × 784` intensities (the decoder mean). */
  images: Float32Array;
}

function vqOf(model: Model) {
  const vq = model.vq;
  if (!vq) throw new InvalidArgumentError('model', `must be a VQ-VAE, not kind '${model.kind}'`);
  return vq;
}

/** Options of {@link reconstructThroughCodes}. */
export interface ReconstructOptions {
  /** Images per forward pass. Default 500. */
  batchSize?: number;
  /**
   * Awaited after every batch but the last, e.g. the next animation frame: a page stays
   * responsive (no long main-thread task) while a large set goes through. Default: none.
   */
  pause?: () => Promise<void>;
}

/**
 * Encodes images to their code grids and decodes the grids again (the reconstruction through
 * the discrete bottleneck), in batches.
 *
 * @param model - A VQ-VAE over 28 × 28 images with one codebook.
 * @param bytes - `n × 784` grey levels (0–255), scaled by 1/255.
 * @param n - Number of images.
 * @param options - Batch size and the pause between batches.
 * @throws {@link InvalidArgumentError} (as a rejection) for a model that is not a VQ-VAE or a
 *   length that is not `n × 784`.
 */
export async function reconstructThroughCodes(
  model: Model,
  bytes: Uint8Array,
  n: number,
  options: ReconstructOptions = {},
): Promise<CodeReconstruction> {
  const batchSize = options.batchSize ?? 500;
  const vq = vqOf(model);
  if (!Number.isInteger(n) || n < 1 || bytes.length !== n * 784) {
    throw new InvalidArgumentError('bytes', `must hold n × 784 grey levels (n = ${n})`);
  }
  const perImage = vq.indexShape.reduce((a, b) => a * b, 1);
  const codes = new Int32Array(n * perImage);
  const images = new Float32Array(n * 784);
  for (let s = 0; s < n; s += batchSize) {
    if (s > 0 && options.pause) await options.pause();
    const m = Math.min(batchSize, n - s);
    const x = Float32Array.from(bytes.subarray(s * 784, (s + m) * 784), (v) => v / 255);
    const [idx, recon] = tf.tidy(() => {
      const i = vq.encodeIndices(tf.tensor(x, [m, ...model.inputShape]));
      return [i, vq.decodeIndices(i)];
    });
    codes.set(idx.dataSync(), s * perImage);
    images.set(recon.dataSync(), s * 784);
    tf.dispose([idx, recon]);
  }
  return { codes, images };
}

/**
 * Decodes code grids (prior samples, random grids) to images: the decoder mean of the codebook
 * vectors the indices pick.
 *
 * @param model - The VQ-VAE.
 * @param codes - `n` grids, row-major `[n, 7, 7]`, values in `[0, K)`.
 * @param n - Number of grids.
 * @returns `n × 784` intensities.
 * @throws As `decodeIndices` for codes outside `[0, K)`; {@link InvalidArgumentError} for a
 *   model that is not a VQ-VAE.
 */
export function decodeGrids(model: Model, codes: Int32Array, n: number): Float32Array {
  const vq = vqOf(model);
  const out = tf.tidy(() => vq.decodeIndices(tf.tensor(codes, [n, ...vq.indexShape], 'int32')));
  const values = Float32Array.from(out.dataSync());
  out.dispose();
  return values;
}

/**
 * `n` grids of `size` codes drawn uniformly from `[0, numCodes)` (seeded): the contrast to the
 * prior's samples.
 */
export function uniformGrids(
  n: number,
  size: number,
  numCodes: number,
  seed: SeedLike,
): Int32Array {
  const rng = toRng(seed);
  const out = new Int32Array(n * size);
  for (let i = 0; i < out.length; i++) out[i] = rng.int(numCodes);
  return out;
}

/** Code usage of a set of grids (what {@link codeUsage} returns). */
export interface CodeUsage {
  /** How often each code occurs, `[K]`. */
  counts: Float64Array;
  /** exp of the entropy (nats) of the code frequencies, in [1, K]. */
  perplexity: number;
  /** Fraction of the K codes that occur at least once. */
  usage: number;
}

/**
 * Histogram, perplexity and usage of codes (the statistics of `@latentkit/models`'
 * `histogramStatistics`).
 *
 * @throws {@link InvalidArgumentError} for a code outside `[0, numCodes)`.
 */
export function codeUsage(codes: ArrayLike<number>, numCodes: number): CodeUsage {
  const counts = new Float64Array(numCodes);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= numCodes) {
      throw new InvalidArgumentError('codes', `code ${c} at ${i} is outside [0, ${numCodes})`);
    }
    counts[c]! += 1;
  }
  return { counts, ...histogramStatistics(counts, 1) };
}

/**
 * Normalized mean squared error of reconstructions, as the Keras VQ-VAE example reports it:
 * the MSE per pixel (originals as grey levels / 255) divided by the data variance.
 *
 * @param originals - Grey levels (0–255) or intensities; `scale` maps them to intensities.
 * @param reconstructions - Intensities, as many as `originals`.
 * @param variance - Pixel variance of the data (intensities).
 * @param scale - Multiplies `originals`. Default 1/255.
 * @throws {@link InvalidArgumentError} for different or zero lengths, or a variance ≤ 0.
 */
export function normalizedMse(
  originals: ArrayLike<number>,
  reconstructions: ArrayLike<number>,
  variance: number,
  scale = 1 / 255,
): number {
  if (originals.length !== reconstructions.length || originals.length === 0) {
    throw new InvalidArgumentError(
      'reconstructions',
      `${reconstructions.length} values for ${originals.length} originals`,
    );
  }
  if (!(variance > 0)) throw new InvalidArgumentError('variance', `must be > 0, got ${variance}`);
  let sum = 0;
  for (let i = 0; i < originals.length; i++) {
    const d = originals[i]! * scale - reconstructions[i]!;
    sum += d * d;
  }
  return sum / originals.length / variance;
}

/** Population variance of grey levels after scaling by `scale` (float64). */
export function pixelVariance(values: ArrayLike<number>, scale = 1 / 255): number {
  if (values.length === 0) throw new InvalidArgumentError('values', 'must not be empty');
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]! * scale;
  mean /= values.length;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! * scale - mean) ** 2;
  return sum / values.length;
}

/**
 * How far images are from real digits: for each image, the NMSE (MSE per pixel ÷ `variance`) to
 * the nearest of `references`, averaged over the images. Unlike a classifier's confidence, which
 * a plain classifier also gives noise, this is small only for images that look like some real
 * digit. Brute force, `O(n · m · pixels)`.
 *
 * @param images - Intensities, `[n × pixels]`.
 * @param references - Intensities of real digits, `[m × pixels]`.
 * @param pixels - Values per image (784 for MNIST).
 * @param variance - Pixel variance of the data (intensities).
 * @throws {@link InvalidArgumentError} for lengths that are not whole images, no images or no
 *   references, or a variance ≤ 0.
 */
export function nearestNeighbourNmse(
  images: ArrayLike<number>,
  references: ArrayLike<number>,
  pixels: number,
  variance: number,
): number {
  if (!Number.isInteger(pixels) || pixels < 1) {
    throw new InvalidArgumentError('pixels', `must be an integer ≥ 1, got ${pixels}`);
  }
  const n = images.length / pixels;
  const m = references.length / pixels;
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('images', `${images.length} values are not whole images`);
  }
  if (!Number.isInteger(m) || m < 1) {
    throw new InvalidArgumentError(
      'references',
      `${references.length} values are not whole images`,
    );
  }
  if (!(variance > 0)) throw new InvalidArgumentError('variance', `must be > 0, got ${variance}`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = i * pixels;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const b = j * pixels;
      let sum = 0;
      for (let p = 0; p < pixels && sum < best; p++) {
        const d = images[a + p]! - references[b + p]!;
        sum += d * d;
      }
      if (sum < best) best = sum;
    }
    total += best / pixels / variance;
  }
  return total / n;
}
