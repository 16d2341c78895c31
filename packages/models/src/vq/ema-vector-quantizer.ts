import { requireKnownOptions, seedOption } from '@latentkit/core';
import {
  InvalidArgumentError,
  type ParamStore,
  randomUniform,
  type SeedLike,
  tf,
  toRng,
} from '@latentkit/tensor';
import { checkNumber } from '../internal/check.js';
import { checkIndices, checkLatent } from './check-latent.js';
import { codebookQuantize } from './codebook-quantize.js';
import { emaUpdate } from './ema-update.js';
import { kmeans } from './kmeans.js';
import type { Quantizer } from './quantizer.js';
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

/** Sets a variable to plain values of its own shape. */
function assignArray(v: tf.Variable, values: Float32Array): void {
  const t = tf.tensor(values, v.shape);
  v.assign(t);
  t.dispose();
}

/** The option keys {@link emaVectorQuantizer} adds to the vector quantizer's (internal). */
export const EMA_OPTION_KEYS = [
  'decay',
  'epsilon',
  'deadCodeThreshold',
  'restartClusterSize',
] as const;

/** {@link EmaVectorQuantizerOptions} validated, every default filled in (internal). */
export type ResolvedEmaOptions = Required<Omit<EmaVectorQuantizerOptions, 'seed'>>;

/**
 * Validates {@link EmaVectorQuantizerOptions} and fills in the defaults (internal: shared by
 * {@link createEmaVectorQuantizer} and the model configuration of a VQ-VAE).
 */
export function resolveEmaOptions(
  options: EmaVectorQuantizerOptions,
  where = 'createEmaVectorQuantizer',
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
 * @param seed - Deprecated: pass `seed` in `options` (the initialization draws from
 *   `fork(name)`, restarts from `fork(name + '.restart')` unless `update` is given a seed).
 * @throws {@link InvalidArgumentError} for bad sizes or rates (decay in [0, 1), ε > 0).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { createEmaVectorQuantizer } from '@latentkit/models';
 * import { createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const vq = createEmaVectorQuantizer(store, 'vq', { numCodes: 512, dim: 64, decay: 0.99 }, 1);
 * const z = tf.randomNormal([8, 7, 7, 64]); // encoder output, D = 64 last
 * const { quantized, indices } = vq.quantize(z); // [8, 7, 7, 64] and [8, 7, 7]
 * vq.update(z, indices); // the EMA codebook step (after the optimizer step)
 * ```
 */
export function createEmaVectorQuantizer(
  store: ParamStore,
  name: string,
  options: EmaVectorQuantizerOptions,
  seed?: SeedLike,
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
  const rng = toRng(seedOption(options, seed, 'createEmaVectorQuantizer'));
  const restartRng = rng.fork(`${name}.restart`);
  const init = randomUniform([k, dim], rng.fork(name), -initRange, initRange);
  const ones = tf.ones([k]);
  const codebook = store.create(`${name}.codebook`, init, { trainable: false });
  const clusterSize = store.create(`${name}.ema_cluster_size`, ones, { trainable: false });
  const embedSum = store.create(`${name}.ema_embed_sum`, init, { trainable: false });
  tf.dispose([init, ones]);

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
      requireKnownOptions(opts, ['seed'], 'update options');
      // One read-back of the batch and the state, the step in JavaScript (see emaUpdate).
      const next = emaUpdate(
        {
          clusterSize: clusterSize.dataSync() as Float32Array,
          embedSum: embedSum.dataSync() as Float32Array,
        },
        z.dataSync(),
        indices.dataSync(),
        {
          numCodes: k,
          dim,
          decay,
          epsilon,
          threshold,
          resetSize,
          seed: opts.seed ?? restartRng,
        },
      );
      assignArray(clusterSize, next.state.clusterSize);
      assignArray(embedSum, next.state.embedSum);
      assignArray(codebook, next.state.codebook);
      return { restarted: next.restarted };
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

/** @deprecated Use {@link createEmaVectorQuantizer} (factories are `createX` across latentkit). */
export const emaVectorQuantizer: (
  store: ParamStore,
  name: string,
  options: EmaVectorQuantizerOptions,
  seed?: SeedLike,
) => Quantizer = createEmaVectorQuantizer;
