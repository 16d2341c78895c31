import {
  InvalidArgumentError,
  type ParamStore,
  randomUniform,
  type SeedLike,
  tf,
  toRng,
} from '@latentkit/tensor';
import { checkKeys, checkNumber } from '../internal/check.js';
import { checkIndices, checkLatent } from './check-latent.js';
import { codebookQuantize } from './codebook-quantize.js';
import { kmeans } from './kmeans.js';
import type { Quantizer } from './quantizer.js';
import { restartDeadCodes } from './restart-dead-codes.js';
import {
  checkedLookup,
  resolveCodebookOptions,
  type VectorQuantizerOptions,
} from './vector-quantizer.js';

/** Options of {@link emaVectorQuantizer}. */
export interface EmaVectorQuantizerOptions extends VectorQuantizerOptions {
  /** γ, the decay of the moving averages. Default 0.99. */
  decay?: number;
  /** ε, the Laplace smoothing of the cluster sizes. Default 1e-5. */
  epsilon?: number;
  /**
   * Codes whose EMA cluster size (in vectors per batch) falls below this after an update are
   * restarted on random vectors of the batch. Default 0 (no restarts).
   */
  deadCodeThreshold?: number;
  /**
   * Cluster size given to a restarted code (its EMA sum becomes the vector times this).
   * Default `max(deadCodeThreshold, 1)`.
   */
  restartClusterSize?: number;
}

/** The option keys {@link emaVectorQuantizer} adds to the vector quantizer's (internal). */
export const EMA_OPTION_KEYS = [
  'decay',
  'epsilon',
  'deadCodeThreshold',
  'restartClusterSize',
] as const;

/** {@link EmaVectorQuantizerOptions} validated, every default filled in (internal). */
export type ResolvedEmaOptions = Required<EmaVectorQuantizerOptions>;

/**
 * Validates {@link EmaVectorQuantizerOptions} and fills in the defaults (internal: shared by
 * {@link emaVectorQuantizer} and the model configuration of a VQ-VAE).
 */
export function resolveEmaOptions(
  options: EmaVectorQuantizerOptions,
  where = 'emaVectorQuantizer',
): ResolvedEmaOptions {
  const base = resolveCodebookOptions(options, where, EMA_OPTION_KEYS);
  const decay = checkNumber(options.decay ?? 0.99, 'decay', 'nonNegative');
  if (decay >= 1) throw new InvalidArgumentError('decay', `must be < 1, got ${decay}`);
  const epsilon = checkNumber(options.epsilon ?? 1e-5, 'epsilon', 'positive');
  const deadCodeThreshold = checkNumber(
    options.deadCodeThreshold ?? 0,
    'deadCodeThreshold',
    'nonNegative',
  );
  const restartClusterSize = checkNumber(
    options.restartClusterSize ?? Math.max(deadCodeThreshold, 1),
    'restartClusterSize',
    'positive',
  );
  return { ...base, decay, epsilon, deadCodeThreshold, restartClusterSize };
}

/**
 * The vector quantizer with an exponential-moving-average codebook (VQ-VAE appendix; as sonnet's
 * `VectorQuantizerEMA`, without its zero-debiasing). The forward pass is the vector quantizer's;
 * the loss is the commitment term only, and the codebook follows the batches through
 * {@link Quantizer.update}, which with nₖ the batch count and sₖ the batch sum of the vectors
 * assigned to code k does
 *
 *     Nₖ ← γNₖ + (1 − γ)nₖ,   mₖ ← γmₖ + (1 − γ)sₖ,
 *     Ñₖ = (Nₖ + ε) / (Σⱼ Nⱼ + Kε) · Σⱼ Nⱼ   (Laplace smoothing),   eₖ = mₖ / Ñₖ,
 *
 * then restarts dead codes (EMA size below `deadCodeThreshold`) on random batch vectors. The
 * state starts at Nₖ = 1, mₖ = eₖ.
 *
 * Parameters (in `store`, all non-trainable, saved with the model): `<name>.codebook` `[K, D]`,
 * `<name>.ema_cluster_size` `[K]`, `<name>.ema_embed_sum` `[K, D]`.
 *
 * @param store - Where the codebook and EMA state are created.
 * @param name - Their prefix, e.g. `'vq'`.
 * @param options - See {@link EmaVectorQuantizerOptions}.
 * @param seed - Seed or generator: the initialization draws from `fork(name)`, restarts from
 *   `fork(name + '.restart')` (advanced by each restart) unless `update` is given a seed.
 * @throws {@link InvalidArgumentError} for bad sizes or rates (decay in [0, 1), ε > 0).
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function emaVectorQuantizer(
  store: ParamStore,
  name: string,
  options: EmaVectorQuantizerOptions,
  seed: SeedLike,
): Quantizer {
  const {
    numCodes: k,
    dim,
    beta,
    initRange,
    decay,
    epsilon,
    deadCodeThreshold: threshold,
    restartClusterSize: resetSize,
  } = resolveEmaOptions(options);
  const rng = toRng(seed);
  const restartRng = rng.fork(`${name}.restart`);
  const init = randomUniform([k, dim], rng.fork(name), -initRange, initRange);
  const ones = tf.ones([k]);
  const codebook = store.create(`${name}.codebook`, init, { trainable: false });
  const clusterSize = store.create(`${name}.ema_cluster_size`, ones, { trainable: false });
  const embedSum = store.create(`${name}.ema_embed_sum`, init, { trainable: false });
  tf.dispose([init, ones]);
  const state = { codebook, clusterSize, embedSum };

  return {
    kind: 'ema',
    dim,
    numCodes: k,
    quantize(z) {
      checkLatent(z, dim);
      return codebookQuantize(z, codebook, beta, false);
    },
    lookup: (indices) => checkedLookup(codebook, indices),
    update(z, indices, opts = {}) {
      checkLatent(z, dim);
      checkIndices(indices, z.shape.slice(0, -1));
      checkKeys(opts, ['seed'], 'update options');
      const [cs, es, cb] = tf.tidy(() => {
        const flat = tf.reshape(z, [-1, dim]);
        const idx = tf.reshape(indices, [-1, 1]);
        const oneHot = tf.cast(
          tf.equal(idx, tf.reshape(tf.range(0, k, 1, 'int32'), [1, k])),
          'float32',
        );
        const counts = tf.sum(oneHot, 0);
        const sums = tf.matMul(tf.transpose(oneHot), flat);
        const newCs = tf.add(tf.mul(clusterSize, decay), tf.mul(counts, 1 - decay));
        const newEs = tf.add(tf.mul(embedSum, decay), tf.mul(sums, 1 - decay));
        const total = tf.sum(newCs);
        const smoothed = tf.mul(tf.div(tf.add(newCs, epsilon), tf.add(total, k * epsilon)), total);
        return [newCs, newEs, tf.div(newEs, tf.reshape(smoothed, [k, 1]))];
      });
      clusterSize.assign(cs as tf.Tensor1D);
      embedSum.assign(es as tf.Tensor2D);
      codebook.assign(cb as tf.Tensor2D);
      tf.dispose([cs, es, cb]);
      if (threshold <= 0) return { restarted: [] };
      const seed = opts.seed ?? restartRng;
      return { restarted: restartDeadCodes(state, z, { threshold, resetSize, seed }) };
    },
    initialize(z, opts = {}) {
      checkLatent(z, dim);
      const centres = tf.tidy(() => kmeans(tf.reshape(z, [-1, dim]), k, opts));
      codebook.assign(centres);
      embedSum.assign(centres);
      const reset = tf.ones([k]);
      clusterSize.assign(reset);
      tf.dispose([centres, reset]);
    },
  };
}
