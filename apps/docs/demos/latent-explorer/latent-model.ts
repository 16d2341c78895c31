import { anomalyScore, encodeLatent, interpolateLatent, type Model } from '@latentkit/models';
import { ShapeError, tf } from '@latentkit/tensor';

/**
 * Decodes latent points to images: E[x|z] (pixel probabilities of the Bernoulli decoder).
 *
 * @param model - A VAE.
 * @param codes - `[n × latentDim]` codes, row-major.
 * @returns `[n × 784]` intensities in [0, 1].
 * @throws {ShapeError} when `codes` is not a whole number of codes.
 */
export function decodePoints(model: Model, codes: Float32Array): Float32Array {
  const d = model.latentDim;
  if (codes.length === 0 || codes.length % d !== 0) {
    throw new ShapeError(
      `codes must hold n × ${d} values, got ${codes.length}`,
      [null, d],
      [codes.length],
    );
  }
  const out = tf.tidy(() => model.decodeMean(tf.tensor2d(codes, [codes.length / d, d])));
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/**
 * Posterior means of images, in batches of 500.
 *
 * @param x - `[n × 784]` intensities in [0, 1].
 * @returns `[n × latentDim]`.
 */
export function encodeMeans(model: Model, x: Float32Array, n: number): Float32Array {
  const d = model.latentDim;
  const rowSize = x.length / n;
  const out = new Float32Array(n * d);
  for (let start = 0; start < n; start += 500) {
    const m = Math.min(500, n - start);
    const mu = tf.tidy(() =>
      encodeLatent(
        model,
        tf.tensor2d(x.subarray(start * rowSize, (start + m) * rowSize), [m, rowSize]),
      ),
    );
    out.set(mu.dataSync(), start * d);
    mu.dispose();
  }
  return out;
}

/**
 * `steps` points from `a` to `b` (`interpolateLatent` of `@latentkit/models`: straight line, or
 * the great-circle arc of slerp) and their decodings.
 *
 * @returns `codes` `[steps × d]` and `images` `[steps × 784]`.
 */
export function interpolationStrip(
  model: Model,
  a: readonly number[],
  b: readonly number[],
  steps: number,
  method: 'linear' | 'spherical',
): { codes: Float32Array; images: Float32Array } {
  const path = tf.tidy(() =>
    interpolateLatent(tf.tensor1d([...a]), tf.tensor1d([...b]), steps, { method }),
  );
  const codes = path.dataSync() as Float32Array;
  path.dispose();
  return { codes, images: decodePoints(model, codes) };
}

/**
 * Anomaly scores (reconstruction probability, `anomalyScore` of `@latentkit/models`: the mean
 * over 10 posterior samples of −log p(x|z), nats per image; seed 0).
 *
 * @param x - `[n × 784]` intensities.
 */
export function anomalyScores(model: Model, x: Float32Array, n: number): Float32Array {
  const s = tf.tidy(() => anomalyScore(model, tf.tensor2d(x, [n, x.length / n]), { seed: 0 }));
  const v = s.dataSync() as Float32Array;
  s.dispose();
  return v;
}
