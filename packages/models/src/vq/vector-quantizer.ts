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
import { checkIndices, checkLatent, positiveInt } from './check-latent.js';
import { codebookQuantize, lookupCodes } from './codebook-quantize.js';
import { kmeans } from './kmeans.js';
import type { Quantizer } from './quantizer.js';

/** Options of {@link createVectorQuantizer}. */
export interface VectorQuantizerOptions {
  /** K, the number of codes. */
  numCodes: number;
  /** D, the width of the codes (the input's last axis). */
  dim: number;
  /** β, the weight of the commitment term. Default 0.25. */
  beta?: number;
  /** The codebook starts uniform in [−initRange, initRange]. Default 1/K. */
  initRange?: number;
  /** Seed or generator of the initialization (which draws from `fork(name)`). Default 0. */
  seed?: SeedLike;
}

/** The codebook options validated, every default filled in (the seed is read separately). */
export type ResolvedCodebookOptions = Required<Omit<VectorQuantizerOptions, 'seed'>>;

const KEYS = ['numCodes', 'dim', 'beta', 'initRange', 'seed'] as const;

/** Validated common options of the codebook quantizers (internal). */
export function resolveCodebookOptions(
  options: VectorQuantizerOptions,
  where: string,
  extra: readonly string[] = [],
): ResolvedCodebookOptions {
  requireKnownOptions(options, [...KEYS, ...extra], where);
  const numCodes = positiveInt(options.numCodes, 'numCodes');
  if (numCodes >= 2 ** 24) throw new InvalidArgumentError('numCodes', 'must be < 2^24');
  const dim = positiveInt(options.dim, 'dim');
  const beta = checkNumber(options.beta ?? 0.25, 'beta', 'nonNegative');
  const initRange = checkNumber(options.initRange ?? 1 / numCodes, 'initRange', 'nonNegative');
  return { numCodes, dim, beta, initRange };
}

/** Range-checked codebook look-up shared by the codebook quantizers (reads the indices back). */
export function checkedLookup(codebook: tf.Tensor, indices: tf.Tensor): tf.Tensor {
  checkIndices(indices, undefined);
  const k = codebook.shape[0]!;
  const data = indices.dataSync();
  for (const i of data) {
    if (i < 0 || i >= k) throw new InvalidArgumentError('indices', `${i} is outside [0, ${k})`);
  }
  return lookupCodes(codebook, indices);
}

/**
 * The VQ-VAE vector quantizer (van den Oord et al. 2017): each D-vector of the input is replaced
 * by its nearest code (squared Euclidean distance, one matrix product per batch), with the
 * straight-through gradient, and the loss ‖sg[z_e] − e‖² + β‖z_e − sg[e]‖² (element means).
 * The codebook is trained by the optimizer through the codebook term.
 *
 * Parameters (in `store`): `<name>.codebook`, float32 `[K, D]`, trainable.
 *
 * @param store - Where the codebook is created.
 * @param name - Its name, e.g. `'vq'`.
 * @param options - See {@link VectorQuantizerOptions}.
 * @param seed - Deprecated: pass `seed` in `options`.
 * @throws {@link InvalidArgumentError} for bad sizes, β or range, or a name already in use.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { createVectorQuantizer } from '@latentkit/models';
 * import { createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const vq = createVectorQuantizer(store, 'vq', { numCodes: 512, dim: 64, beta: 0.25 }, 1);
 * const { quantized, indices, loss } = vq.quantize(tf.randomNormal([8, 7, 7, 64]));
 * // quantized: [8, 7, 7, 64] (straight-through); indices: [8, 7, 7]; loss: codebook + β·commitment
 * ```
 */
export function createVectorQuantizer(
  store: ParamStore,
  name: string,
  options: VectorQuantizerOptions,
  seed?: SeedLike,
): Quantizer {
  const { numCodes, dim, beta, initRange } = resolveCodebookOptions(
    options,
    'createVectorQuantizer',
  );
  const rng = toRng(seedOption(options, seed, 'createVectorQuantizer'));
  const init = randomUniform([numCodes, dim], rng.fork(name), -initRange, initRange);
  const codebook = store.create(`${name}.codebook`, init);
  init.dispose();
  return {
    kind: 'vq',
    dim,
    numCodes,
    quantize(z) {
      checkLatent(z, dim);
      return codebookQuantize(z, codebook, beta, true);
    },
    lookup: (indices) => checkedLookup(codebook, indices),
    update(z, indices) {
      checkLatent(z, dim);
      checkIndices(indices, z.shape.slice(0, -1));
      return { restarted: [] };
    },
    initialize(z, opts = {}) {
      checkLatent(z, dim);
      const centres = tf.tidy(() => kmeans(tf.reshape(z, [-1, dim]), numCodes, opts));
      codebook.assign(centres);
      centres.dispose();
    },
  };
}

/** @deprecated Use {@link createVectorQuantizer} (factories are `createX` across latentkit). */
export const vectorQuantizer: (
  store: ParamStore,
  name: string,
  options: VectorQuantizerOptions,
  seed?: SeedLike,
) => Quantizer = createVectorQuantizer;
