import { requireKnownOptions } from '@latentkit/core';
import { reparameterize, type SeedLike, tf } from '@latentkit/tensor';
import { checkInt } from '../internal/check.js';
import type { Labels, Model } from '../model/model.js';

/** Options of {@link anomalyScore}. */
export interface AnomalyScoreOptions {
  /** Samples L of z per example. Default 10. */
  samples?: number;
  /** Seed of the samples (z_l from `reparameterize(μ, log σ², seed, { samples: L })`). Default 0. */
  seed?: SeedLike;
  /** Class labels (CVAE). */
  labels?: Labels;
}

/**
 * Anomaly score from the reconstruction probability (An & Cho 2015): the negative log-likelihood
 * averaged over L samples of the posterior, `−(1/L) Σ_l log p(x|z_l)`, `z_l ~ q(z|x)`, in nats per
 * example. Higher means more anomalous. For an AE, the single deterministic reconstruction NLL.
 *
 * @param model - The model.
 * @param x - Examples, float32 `[batch, ...inputShape]`.
 * @param options - See {@link AnomalyScoreOptions}.
 * @returns Scores `[batch]` (the caller disposes them).
 * @throws As `Model.encode`; {@link InvalidArgumentError} for bad options.
 *
 * @example
 * ```ts
 * import { anomalyScore } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const x = tf.div(tf.tensor2d(mnist.test.images.subarray(0, 32 * 784), [32, 784]), 255); // [32, 784]
 * const score = anomalyScore(model, x, { samples: 16, seed: 1 }); // [32], nats: higher = more unusual
 * ```
 */
export function anomalyScore(
  model: Model,
  x: tf.Tensor,
  options: AnomalyScoreOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['samples', 'seed', 'labels'], 'anomalyScore options');
  const samples = checkInt(options.samples ?? 10, 'samples');
  return tf.tidy(() => {
    const { mu, logVar } = model.encode(x, options.labels);
    if (!logVar) return tf.neg(model.logLikelihood(x, mu, options.labels));
    const z = reparameterize(mu, logVar, options.seed ?? 0, { samples });
    return tf.neg(tf.mean(model.logLikelihood(x, z, options.labels), 0));
  });
}
