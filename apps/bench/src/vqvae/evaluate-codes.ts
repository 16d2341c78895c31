import { histogramStatistics, type Model } from '@latentkit/models';
import { tf } from '@latentkit/tensor';
import type { MnistRows } from '../training/mnist.js';
import { codeHistogram } from './code-histogram.js';
import { nmse, sumSquaredError } from './nmse.js';

/** A VQ-VAE's codes and reconstructions of a data set (what {@link evaluateCodes} returns). */
export interface CodeEvaluation {
  /** Images evaluated. */
  n: number;
  /** Reconstruction NMSE: MSE per pixel (E[x|z_q] against pixels / 255) ÷ `variance`. */
  nmse: number;
  /** MSE per pixel (intensities in [0, 1]). */
  mse: number;
  /** How many latent vectors use each code, `[K]`. */
  counts: Float64Array;
  /** exp of the entropy (nats) of the code frequencies, in [1, K]. */
  perplexity: number;
  /** Fraction of the K codes used by at least one latent vector. */
  usage: number;
  /** The codes, `[n, 7, 7]` row-major. */
  codes: Int32Array;
}

/**
 * Encodes images to code grids, decodes the grids (E[x|z_q], the decoder mean) and measures the
 * reconstruction error and the code usage, in batches.
 *
 * @param model - A VQ-VAE with a single codebook (`model.vq.numQuantizers` = 1).
 * @param rows - Grey-level images (bytes), `n × 784`.
 * @param variance - The data variance the NMSE divides by.
 * @param batchSize - Images per forward pass. Default 500.
 */
export function evaluateCodes(
  model: Model,
  rows: MnistRows,
  variance: number,
  batchSize = 500,
): CodeEvaluation {
  const vq = model.vq!;
  const perImage = vq.indexShape.reduce((a, b) => a * b, 1);
  const codes = new Int32Array(rows.n * perImage);
  let sse = 0;
  for (let s = 0; s < rows.n; s += batchSize) {
    const m = Math.min(batchSize, rows.n - s);
    const bytes = rows.x.subarray(s * 784, (s + m) * 784);
    const [idx, recon] = tf.tidy(() => {
      const x = tf.tensor(
        Float32Array.from(bytes, (v) => v / 255),
        [m, ...model.inputShape],
      );
      const i = vq.encodeIndices(x);
      return [i, vq.decodeIndices(i)];
    });
    codes.set(idx.dataSync(), s * perImage);
    sse += sumSquaredError(bytes, recon.dataSync(), 1 / 255);
    tf.dispose([idx, recon]);
  }
  const counts = codeHistogram(codes, vq.numCodes);
  const count = rows.n * 784;
  return {
    n: rows.n,
    nmse: nmse(sse, count, variance),
    mse: sse / count,
    counts,
    ...histogramStatistics(counts, 1),
    codes,
  };
}

/** Decoder means of code grids `[n, 7, 7]` (e.g. prior samples), `n × 784` intensities. */
export function decodeCodes(model: Model, codes: Int32Array, n: number): Float32Array {
  const vq = model.vq!;
  const out = tf.tidy(() => vq.decodeIndices(tf.tensor(codes, [n, ...vq.indexShape], 'int32')));
  const values = Float32Array.from(out.dataSync());
  out.dispose();
  return values;
}
