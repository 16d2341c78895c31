import { requireKnownOptions } from '@latentkit/core';
import {
  gaussianLogProb,
  InvalidArgumentError,
  iwaeBound,
  reparameterize,
  type SeedLike,
  standardNormalLogProb,
  tf,
  toRng,
} from '@latentkit/tensor';
import { checkInt } from '../internal/check.js';
import type { Model } from '../model/model.js';
import { checkModelData, forEachBatch, type ModelData } from '../training/model-data.js';

/** Options of {@link iwaeNll}. */
export interface IwaeNllOptions {
  /** Importance samples k per example (IWAE papers report k = 5000). Default 50. */
  k?: number;
  /** Examples per encoder pass. Default 100. */
  batchSize?: number;
  /**
   * Most decoder rows (samples × examples) per pass; k is split into chunks that fit.
   * Default 10000.
   */
  maxRows?: number;
  /**
   * Seed. The ε of the batch starting at example `s`, chunk `c`, are
   * `reparameterize(μ, log σ², toRng(seed).fork('iwae').fork(s).fork(c), { samples: chunk })`.
   * Default 0.
   */
  seed?: SeedLike;
}

/** Result of {@link iwaeNll}. */
export interface IwaeNllResult {
  /** −L_k averaged over examples, nats per example: the IWAE estimate of −log p(x). */
  nll: number;
  /** −L_k per example, nats. */
  perExample: Float64Array;
  /** k used. */
  k: number;
}

/**
 * The importance-weighted estimate of the negative log-likelihood (Burda et al. 2016):
 * `−L_k(x) = −log (1/k) Σ_i p(x|z_i) p(z_i) / q(z_i|x)`, `z_i ~ q(z|x)`, computed with
 * `iwaeBound` from `@latentkit/tensor` in batches and chunks of samples. `E[−L_1]` is the
 * negative ELBO and `−L_k` decreases towards −log p(x) as k grows. Data are evaluated as given
 * (binarize them first for a binarized-MNIST figure).
 *
 * @param model - A VAE or CVAE.
 * @param data - The examples.
 * @param options - See {@link IwaeNllOptions}.
 * @throws {@link InvalidArgumentError} for an AE (no q(z|x)) or bad options; as
 *   `checkModelData` for bad data.
 *
 * @example
 * ```ts
 * import { iwaeNll } from '@latentkit/models';
 *
 * const { nll, perExample } = iwaeNll(model, { x: mnist.test.images }, { k: 5000, maxRows: 1000, seed: 1 });
 * // nll: nats per image (≤ the −ELBO); perExample: Float64Array(1000)
 * ```
 */
export function iwaeNll(
  model: Model,
  data: ModelData,
  options: IwaeNllOptions = {},
): IwaeNllResult {
  requireKnownOptions(options, ['k', 'batchSize', 'maxRows', 'seed'], 'iwaeNll options');
  if (model.kind !== 'vae' && model.kind !== 'cvae') {
    throw new InvalidArgumentError(
      'model',
      `the IWAE bound needs a VAE or CVAE (a Gaussian q(z|x)), not a model of kind '${model.kind}'`,
    );
  }
  const k = checkInt(options.k ?? 50, 'k');
  const batchSize = checkInt(options.batchSize ?? 100, 'batchSize');
  const maxRows = checkInt(options.maxRows ?? 10000, 'maxRows');
  const info = checkModelData(data, model);
  const rng = toRng(options.seed ?? 0).fork('iwae');
  const perExample = new Float64Array(info.n);
  forEachBatch(data, model, info, batchSize, (x, labels, start) => {
    const b = x.shape[0]!;
    const chunk = Math.max(1, Math.min(k, Math.floor(maxRows / b)));
    const bound = tf.tidy(() => {
      const { mu, logVar } = model.encode(x, labels);
      if (logVar === undefined) {
        throw new InvalidArgumentError(
          'model',
          `a model of kind '${model.kind}' must give logVar from encode (the IWAE bound needs q(z|x))`,
        );
      }
      const parts: [tf.Tensor[], tf.Tensor[], tf.Tensor[]] = [[], [], []];
      for (let done = 0, c = 0; done < k; done += chunk, c++) {
        const kc = Math.min(chunk, k - done);
        const z = reparameterize(mu, logVar, rng.fork(start).fork(c), { samples: kc });
        parts[0].push(model.logLikelihood(x, z, labels));
        parts[1].push(standardNormalLogProb(z));
        parts[2].push(gaussianLogProb(z, mu, logVar));
      }
      const [pxz, pz, qz] = parts.map((p) => (p.length === 1 ? p[0]! : tf.concat(p, 0)));
      return iwaeBound(pxz!, pz!, qz!);
    });
    const values = bound.dataSync();
    bound.dispose();
    for (let i = 0; i < b; i++) perExample[start + i] = -values[i]!;
  });
  const nll = perExample.reduce((a, v) => a + v, 0) / info.n;
  return { nll, perExample, k };
}
