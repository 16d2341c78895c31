import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { checkInt } from '../internal/check.js';
import { checkModelData, forEachBatch, type ModelData } from '../training/model-data.js';
import { histogramStatistics } from '../training/vq-report.js';
import type { Model } from './model.js';

/** Options of {@link encodeCodes}. */
export interface EncodeCodesOptions {
  /** Examples per forward pass. Default 500. */
  batchSize?: number;
}

/** What {@link encodeCodes} returns. */
export interface EncodedCodes {
  /** Code indices of every example, row-major `[n, ...indexShape]` (e.g. `[n, 7, 7]`). */
  indices: Int32Array;
  /** `[n, ...model.vq.indexShape]`. */
  shape: number[];
  /** How many latent vectors use each code, `[numQuantizers·numCodes]` (level i's code c at i·numCodes + c). */
  counts: Float64Array;
  /** exp of the entropy (nats) of the code frequencies (residual VQ: mean over levels). */
  perplexity: number;
  /** Fraction of the codes used at least once (residual VQ: mean over levels). */
  usage: number;
}

/**
 * Encodes a data set to a VQ-VAE's code indices (e.g. the training set's codes for fitting a
 * prior over the `[7, 7]` grid, or a test set's code-usage histogram), batch by batch. Decode
 * indices (e.g. prior samples) with `model.vq.decodeIndices`.
 *
 * @param model - A VQ-VAE (`kind: 'vqvae'`).
 * @param data - The examples (see {@link ModelData}).
 * @param options - See {@link EncodeCodesOptions}.
 * @throws {@link InvalidArgumentError} for a model that is not a VQ-VAE or a bad batch size; as
 *   `checkModelData` for bad data.
 *
 * @example
 * ```ts
 * import { createPixelCnnPrior, encodeCodes, trainPrior } from '@latentkit/models';
 *
 * const { indices, shape, perplexity } = encodeCodes(vqvae, { x: mnist.train.images });
 * // indices: Int32Array [n · 7 · 7] code grids, shape [n, 7, 7]; perplexity: effective codebook size
 * const prior = createPixelCnnPrior({ height: 7, width: 7, numCodes: 128 }, { seed: 1 });
 * await trainPrior(prior, indices, { epochs: 10 });
 * ```
 */
export function encodeCodes(
  model: Model,
  data: ModelData,
  options: EncodeCodesOptions = {},
): EncodedCodes {
  requireKnownOptions(options, ['batchSize'], 'encodeCodes options');
  const vq = model?.vq;
  if (!vq) {
    throw new InvalidArgumentError('model', `must be a VQ-VAE, not kind '${model?.kind}'`);
  }
  const batchSize = checkInt(options.batchSize ?? 500, 'batchSize');
  const info = checkModelData(data, model);
  const perExample = vq.indexShape.reduce((a, b) => a * b, 1);
  const indices = new Int32Array(info.n * perExample);
  const k = vq.numCodes;
  const levels = vq.numQuantizers;
  const counts = new Float64Array(levels * k);
  forEachBatch(data, model, info, batchSize, (x, _labels, start) => {
    const idx = vq.encodeIndices(x);
    const values = idx.dataSync();
    idx.dispose();
    indices.set(values, start * perExample);
    // Indices are row-major with the level axis last (residual VQ).
    for (let i = 0; i < values.length; i++) counts[(i % levels) * k + values[i]!]! += 1;
  });
  return {
    indices,
    shape: [info.n, ...vq.indexShape],
    counts,
    ...histogramStatistics(counts, levels),
  };
}
