import { requireKnownOptions } from '@latentkit/core';
import { type SeedLike, tf, toRng } from '@latentkit/tensor';
import { checkInt } from '../internal/check.js';
import type { Model } from '../model/model.js';
import { checkModelData, forEachBatch, type ModelData } from '../training/model-data.js';

/** Options of {@link evaluateElbo}. */
export interface EvaluateElboOptions {
  /** Examples per forward pass. Default 500. */
  batchSize?: number;
  /** Seed of ε. Default 0. Batch starting at example `s`, sample `l` uses `fork('elbo').fork(s).fork(l)`. */
  seed?: SeedLike;
  /** Monte-Carlo samples L of z per example for the recon term. Default 1. */
  samples?: number;
}

/**
 * The negative ELBO and its two terms, **per example averaged over the data set, in nats**
 * (each example's terms are summed over its elements/pixels, then averaged over examples).
 */
export interface ElboEstimate {
  /** recon + kl: the negative ELBO (an upper bound on −log p(x)) — for an AE, just recon. */
  negElbo: number;
  /** E_q[−log p(x|z)], estimated with `samples` draws of z per example (at z = μ for an AE). */
  recon: number;
  /** KL(q(z|x) ‖ N(0, I)), closed form (0 for an AE). */
  kl: number;
  /** Number of examples. */
  n: number;
}

/**
 * Evaluates the negative ELBO of a model on a data set (test loss per image). The data are
 * evaluated exactly as given: binarize them first (statically) to report a binarized-MNIST
 * figure; grey levels give the pytorch/examples "test loss" (BCE against grey levels + KL).
 *
 * @param model - The model.
 * @param data - The examples (see {@link ModelData}).
 * @param options - See {@link EvaluateElboOptions}.
 * @throws As `checkModelData` for bad data; {@link UnknownOptionError} /
 *   {@link InvalidArgumentError} for bad options.
 *
 * @example
 * ```ts
 * import { evaluateElbo } from '@latentkit/models';
 *
 * const { negElbo, recon, kl } = evaluateElbo(model, { x: mnist.test.images }, { seed: 1 });
 * // nats per image: negElbo = recon + kl (e.g. ≈ 100 for a 20-D MNIST VAE)
 * ```
 */
export function evaluateElbo(
  model: Model,
  data: ModelData,
  options: EvaluateElboOptions = {},
): ElboEstimate {
  requireKnownOptions(options, ['batchSize', 'seed', 'samples'], 'evaluateElbo options');
  const batchSize = checkInt(options.batchSize ?? 500, 'batchSize');
  const samples = checkInt(options.samples ?? 1, 'samples');
  const info = checkModelData(data, model);
  const rng = toRng(options.seed ?? 0).fork('elbo');
  let recon = 0;
  let kl = 0;
  forEachBatch(data, model, info, batchSize, (x, labels, start) => {
    const sums = tf.tidy(() => {
      let r: tf.Tensor = tf.scalar(0);
      let k: tf.Tensor = tf.scalar(0);
      for (let l = 0; l < samples; l++) {
        const terms = model.lossTerms(x, { labels, seed: rng.fork(start).fork(l) });
        r = tf.add(r, tf.sum(terms.recon));
        if (l === 0 && terms.kl) k = tf.sum(terms.kl);
      }
      return tf.stack([tf.div(r, samples), k]);
    });
    const [rs, ks] = sums.dataSync();
    sums.dispose();
    recon += rs!;
    kl += ks!;
  });
  return { negElbo: (recon + kl) / info.n, recon: recon / info.n, kl: kl / info.n, n: info.n };
}
