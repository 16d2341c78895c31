import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, randomNormal, type SeedLike, tf } from '@latentkit/tensor';
import { checkInt } from '../internal/check.js';
import type { Model } from '../model/model.js';

/** Options of {@link sampleModel}. */
export interface SampleModelOptions {
  /** Seed of z ~ N(0, I). Required. */
  seed: SeedLike;
  /**
   * CVAE only (required there): one class for all samples, or one class per sample
   * (length n).
   */
  label?: number | ArrayLike<number>;
}

/**
 * Generates n examples: z ~ N(0, I) decoded to E[x|z] (for Bernoulli, the pixel probabilities
 * σ(logits)), shape `[n, ...inputShape]`. A CVAE generates the requested class(es).
 *
 * @param model - The model (an AE's code space is not N(0, I): its samples are not meaningful).
 * @param n - Number of samples.
 * @param options - See {@link SampleModelOptions}.
 * @throws {@link InvalidArgumentError} for a bad n, a missing seed, or labels as `Model.decode`;
 *   for a VQ-VAE, whose latent is a grid of codes: sample codes from a prior (`samplePrior`) and
 *   decode them with `model.vq.decodeIndices`.
 *
 * @example
 * ```ts
 * import { sampleModel } from '@latentkit/models';
 *
 * const images = sampleModel(model, 16, { seed: 1 }); // [16, ...inputShape], e.g. pixel probabilities
 * const sevens = sampleModel(cvae, 16, { seed: 1, label: 7 }); // a CVAE, conditioned on class 7
 * ```
 */
export function sampleModel(model: Model, n: number, options: SampleModelOptions): tf.Tensor {
  requireKnownOptions(options, ['seed', 'label'], 'sampleModel options');
  checkInt(n, 'n');
  if (model.kind === 'vqvae') {
    throw new InvalidArgumentError(
      'model',
      'a VQ-VAE has no N(0, I) latent: sample codes with samplePrior and decode them with model.vq.decodeIndices',
    );
  }
  if (options?.seed === undefined) throw new InvalidArgumentError('seed', 'is required');
  const { label } = options;
  const labels =
    label === undefined ? undefined : typeof label === 'number' ? new Array(n).fill(label) : label;
  return tf.tidy(() => {
    const z = randomNormal([n, model.latentDim], options.seed);
    return model.decodeMean(z, labels);
  });
}
