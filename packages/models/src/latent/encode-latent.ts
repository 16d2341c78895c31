import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, reparameterize, type SeedLike, tf } from '@latentkit/tensor';
import { checkChoice } from '../internal/check.js';
import type { Labels, Model } from '../model/model.js';

/** Options of {@link encodeLatent}. */
export interface EncodeLatentOptions {
  /** `'mean'` (default): z = μ(x); `'sample'`: z ~ q(z|x) (needs `seed`). */
  mode?: 'mean' | 'sample';
  /** Seed of ε for `'sample'`. */
  seed?: SeedLike;
  /** Class labels (CVAE). */
  labels?: Labels;
}

/**
 * Encodes examples to latent codes `[batch, latentDim]`: the posterior mean, or one sample of
 * q(z|x) (an AE's code is deterministic, so both modes give the code). The caller owns the result.
 *
 * @param model - The model.
 * @param x - Examples, float32 `[batch, ...inputShape]`.
 * @param options - See {@link EncodeLatentOptions}.
 * @throws {@link InvalidArgumentError} for `'sample'` without a seed; as `Model.encode`.
 *
 * @example
 * ```ts
 * import { encodeLatent } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const x = tf.zeros([32, 784]); // a batch of images in [0, 1]
 * const z = encodeLatent(model, x); // [32, latentDim]: the posterior means
 * const zs = encodeLatent(model, x, { mode: 'sample', seed: 1 }); // one draw from q(z|x) each
 * ```
 */
export function encodeLatent(
  model: Model,
  x: tf.Tensor,
  options: EncodeLatentOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['mode', 'seed', 'labels'], 'encodeLatent options');
  const mode = checkChoice(options.mode ?? 'mean', 'mode', ['mean', 'sample'] as const);
  const { seed } = options;
  if (mode === 'sample' && seed === undefined) {
    throw new InvalidArgumentError('seed', "is required with mode 'sample'");
  }
  return tf.tidy(() => {
    const { mu, logVar } = model.encode(x, options.labels);
    if (seed === undefined || mode === 'mean' || !logVar) return mu;
    return reparameterize(mu, logVar, seed);
  });
}
