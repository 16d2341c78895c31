import { requireKnownOptions } from '@latentkit/core';
import {
  conv2d,
  dense,
  InvalidArgumentError,
  type Layer,
  type ParamStore,
  type Rng,
  type SeedLike,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import type { Network } from '../architecture/network-spec.js';
import { sizeOf } from '../internal/check.js';
import { checkBatch } from '../internal/shapes.js';
import type { Quantizer, QuantizerUpdate, QuantizerUpdateOptions } from '../vq/quantizer.js';
import { createQuantizer, type ResolvedQuantizerConfig } from '../vq/quantizer-config.js';
import type { ResolvedModelConfig } from './model-config.js';

/**
 * A VQ-VAE batch's quantization, as `Model.lossTerms` returns it in `vq` (the caller disposes the
 * tensors, e.g. inside `tf.tidy`). The loss terms follow the library's per-example convention:
 * squared distances summed over the example's latent elements, then averaged over the batch (the
 * quantizer's element means times ∏ `latentShape`), so they add to a reconstruction term that is
 * summed over the example's pixels.
 */
export type VqTerms = {
  /** z_e, the encoder output, float32 `[batch, ...latentShape]` (what the quantizer saw). */
  latent: tf.Tensor;
  /** int32 code indices, `[batch, ...indexShape]`. */
  indices: tf.Tensor;
  /** ‖sg[z_e] − e‖² per example, batch mean (0 for EMA codebooks and FSQ). */
  codebook: tf.Scalar;
  /** β·‖z_e − sg[e]‖² per example (β included), batch mean (0 for FSQ). */
  commitment: tf.Scalar;
  /** `codebook + commitment`: what the objective adds to the reconstruction term. */
  total: tf.Scalar;
  /** exp of the entropy (nats) of the batch's code histogram (residual VQ: mean over levels). */
  perplexity: tf.Scalar;
  /** Fraction of the codes used in the batch (residual VQ: mean over levels). */
  usage: tf.Scalar;
  /** float32 `[numQuantizers·numCodes]`: the batch histogram; code c of level i at i·numCodes + c. */
  counts: tf.Tensor1D;
};

/** Options of {@link VqLatent.initialize}. */
export interface VqInitializeOptions {
  /** Seed or generator of the k-means++ seeding. Default 0. */
  seed?: SeedLike;
  /** Lloyd iterations. Default: the quantizer config's `kmeansIterations`. */
  iterations?: number;
}

/**
 * The vector-quantized latent of a VQ-VAE (`Model.vq`): the quantizer, code indices in both
 * directions, and the training hooks `train` calls (k-means initialization, EMA update). Every
 * method that returns a tensor returns a new one the caller owns. `x` is float32
 * `[batch, ...inputShape]` (a `ShapeError` otherwise).
 */
export interface VqLatent {
  /** The quantizer (parameters under `vq.` in the model's store). */
  readonly quantizer: Quantizer;
  /** Its resolved configuration. */
  readonly config: ResolvedQuantizerConfig;
  /** Shape of one example's latent: `[h, w, D]` (conv) or `[groups, D]` (MLP). */
  readonly latentShape: readonly number[];
  /** Shape of one example's code indices: `latentShape` without D (`[h, w]`), plus `[numQuantizers]` for residual VQ. */
  readonly indexShape: readonly number[];
  /** Codes per quantizer (FSQ: ∏ levels). */
  readonly numCodes: number;
  /** 1, or the number of residual quantizers. */
  readonly numQuantizers: number;
  /** The encoder output before quantization, z_e, `[batch, ...latentShape]`. */
  encodeContinuous(x: tf.Tensor): tf.Tensor;
  /** The code indices of each example, int32 `[batch, ...indexShape]` (e.g. `[n, 7, 7]`). */
  encodeIndices(x: tf.Tensor): tf.Tensor;
  /**
   * The quantized latent of int32 code indices `[batch, ...indexShape]`, flattened to
   * `[batch, latentDim]` (what `Model.decode` takes).
   *
   * @throws {@link ShapeError} for indices of another shape; {@link InvalidArgumentError} for
   *   non-int32 indices or values outside `[0, numCodes)`.
   */
  indicesToLatent(indices: tf.Tensor): tf.Tensor;
  /** E[x|z_q] of code indices (e.g. prior samples), `[batch, ...inputShape]`. Throws as `indicesToLatent`. */
  decodeIndices(indices: tf.Tensor): tf.Tensor;
  /** Whether the codebook still waits for its k-means initialization (`init: 'kmeans'`; one read-back). */
  needsInitialization(): boolean;
  /**
   * k-means initialization of the codebook(s) on the encoder outputs of `x` (at least
   * `numCodes` latent vectors), resetting EMA state; marks the model initialized (a flag saved
   * with the parameters, so `train` does not initialize again). `train` calls it on the first
   * batch when `init` is `'kmeans'`; call it yourself to initialize from more data.
   *
   * @throws {@link InvalidArgumentError} when `x` has fewer latent vectors than codes.
   */
  initialize(x: tf.Tensor, options?: VqInitializeOptions): void;
  /**
   * The EMA codebook step and dead-code restarts from a batch's `latent` and `indices` (see
   * {@link VqTerms}); a no-op for quantizers trained by the optimizer. `train` calls it after
   * each step, outside the gradient computation, with a seed derived from the step.
   */
  update(latent: tf.Tensor, indices: tf.Tensor, options?: QuantizerUpdateOptions): QuantizerUpdate;
}

/** The VQ-VAE parts createModel needs (internal). */
export interface VqHead {
  /** Shape of one example's latent. */
  latentShape: number[];
  /** Encoder trunk output → z_e `[batch, ...latentShape]`. */
  continuous(h: tf.Tensor): tf.Tensor;
  /** Quantizes z_e: the flattened quantized latent (straight-through) and the terms. */
  quantize(latent: tf.Tensor): { z: tf.Tensor; terms: VqTerms };
  /** Builds the public {@link VqLatent} from the model's encoder and decoder. */
  latent(
    encodeContinuous: (x: tf.Tensor) => tf.Tensor,
    decodeMean: (z: tf.Tensor) => tf.Tensor,
  ): VqLatent;
}

/**
 * Creates the VQ-VAE head `encoder.out` (1×1 conv to D channels on a spatial trunk, or dense to
 * `groups`·D on an MLP trunk), the quantizer (`vq.*`) and, for k-means initialization, the flag
 * `vq.initialized` (non-trainable, `[1]`: 0 until initialized).
 *
 * @internal
 */
export function buildVqHead(
  store: ParamStore,
  cfg: ResolvedModelConfig,
  encoder: Network,
  rng: Rng,
): VqHead {
  const d = cfg.latentDim;
  const qc = cfg.quantizer!;
  const { head, latentShape } = headLayer(store, cfg, encoder, rng);
  const quantizer = createQuantizer(store, 'vq', qc, d, { seed: rng });
  const numQuantizers = qc.type === 'residual' ? qc.numQuantizers : 1;
  const indexShape = [...latentShape.slice(0, -1), ...(numQuantizers > 1 ? [numQuantizers] : [])];
  const perExample = sizeOf(latentShape);
  let flag: tf.Variable | undefined;
  if (qc.type !== 'fsq' && qc.init === 'kmeans') {
    const zero = tf.zeros([1]);
    flag = store.create('vq.initialized', zero, { trainable: false });
    zero.dispose();
  }
  const parts: VqParts = {
    cfg,
    quantizer,
    latentShape,
    indexShape,
    numQuantizers,
    perExample,
    flag,
  };
  return {
    latentShape,
    continuous: (h) => tf.tidy(() => tf.reshape(head.apply(h), [h.shape[0]!, ...latentShape])),
    quantize: (latent) => quantize(parts, latent),
    latent: (encodeContinuous, decodeMean) => vqLatent(parts, encodeContinuous, decodeMean),
  };
}

/** What a VQ head is made of, past the encoder's output layer. */
interface VqParts {
  cfg: ResolvedModelConfig;
  quantizer: Quantizer;
  /** Shape of one example's latent. */
  latentShape: number[];
  /** Shape of one example's code indices. */
  indexShape: number[];
  numQuantizers: number;
  /** Elements of one example's latent. */
  perExample: number;
  /** `vq.initialized`, with k-means initialization. */
  flag: tf.Variable | undefined;
}

/**
 * The encoder's output layer: a 1×1 conv to D channels on a spatial trunk, or dense to
 * `groups`·D on an MLP trunk.
 */
function headLayer(
  store: ParamStore,
  cfg: ResolvedModelConfig,
  encoder: Network,
  rng: Rng,
): { head: Layer; latentShape: number[] } {
  const d = cfg.latentDim;
  if (cfg.encoder.type === 'conv') {
    const [h, w, c] = encoder.outShape as [number, number, number];
    const head = conv2d(store.scope('encoder'), 'out', {
      inChannels: c,
      outChannels: d,
      kernelSize: 1,
      padding: 'same',
      seed: rng,
    });
    return { head, latentShape: [h, w, d] };
  }
  const groups = cfg.groups ?? 1;
  const head = dense(store.scope('encoder'), 'out', {
    inFeatures: encoder.outFeatures,
    outFeatures: groups * d,
    seed: rng,
  });
  return { head, latentShape: [groups, d] };
}

/** Quantizes z_e: the flattened quantized latent (straight-through) and the per-example terms. */
function quantize(parts: VqParts, latent: tf.Tensor): { z: tf.Tensor; terms: VqTerms } {
  const { quantizer, perExample } = parts;
  return tf.tidy(() => {
    const out = quantizer.quantize(latent);
    const n = latent.shape[0]!;
    const scale = (t: tf.Scalar): tf.Scalar => tf.mul(t, perExample) as tf.Scalar;
    return {
      z: tf.reshape(out.quantized, [n, perExample]),
      terms: {
        latent,
        indices: out.indices,
        codebook: scale(out.loss.codebook),
        commitment: scale(out.loss.commitment),
        total: scale(out.loss.total),
        perplexity: out.perplexity,
        usage: out.usage,
        counts: out.counts,
      },
    };
  });
}

function checkIndexShape(indices: tf.Tensor, indexShape: readonly number[]): void {
  if (!(indices instanceof tf.Tensor) || indices.dtype !== 'int32') {
    throw new InvalidArgumentError('indices', 'must be an int32 tf.Tensor');
  }
  const ok =
    indices.rank === indexShape.length + 1 &&
    indexShape.every((s, i) => indices.shape[i + 1] === s) &&
    indices.shape[0]! >= 1;
  if (!ok) {
    throw new ShapeError(
      `indices have shape [${indices.shape.join(', ')}], expected [batch, ${indexShape.join(', ')}]`,
      [null, ...indexShape],
      indices.shape,
    );
  }
}

/** The public {@link VqLatent} of a head, from the model's encoder and decoder. */
function vqLatent(
  parts: VqParts,
  encodeContinuous: (x: tf.Tensor) => tf.Tensor,
  decodeMean: (z: tf.Tensor) => tf.Tensor,
): VqLatent {
  const { quantizer, flag } = parts;
  const indicesToLatent = (indices: tf.Tensor): tf.Tensor => {
    checkIndexShape(indices, parts.indexShape);
    return tf.tidy(() =>
      tf.reshape(quantizer.lookup(indices), [indices.shape[0]!, parts.perExample]),
    );
  };
  return {
    quantizer,
    config: parts.cfg.quantizer!,
    latentShape: parts.latentShape,
    indexShape: parts.indexShape,
    numCodes: quantizer.numCodes,
    numQuantizers: parts.numQuantizers,
    encodeContinuous,
    encodeIndices: (x) =>
      tf.tidy(() => {
        const ze = encodeContinuous(x);
        return quantize(parts, ze).terms.indices;
      }),
    indicesToLatent,
    decodeIndices(indices) {
      const z = indicesToLatent(indices);
      try {
        return decodeMean(z);
      } finally {
        z.dispose();
      }
    },
    needsInitialization: () => flag !== undefined && flag.dataSync()[0] === 0,
    initialize: (x, options = {}) => initialize(parts, encodeContinuous, x, options),
    update: (z, indices, options) => quantizer.update(z, indices, options),
  };
}

/** `VqLatent.initialize`: k-means (or FSQ's no-op) on the encoder outputs of `x`, then the flag. */
function initialize(
  parts: VqParts,
  encodeContinuous: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  options: VqInitializeOptions,
): void {
  const { cfg, quantizer, perExample, flag } = parts;
  const qc = cfg.quantizer!;
  const d = cfg.latentDim;
  const k = quantizer.numCodes;
  requireKnownOptions(options, ['seed', 'iterations'], 'initialize options');
  checkBatch(x, cfg.inputShape, 'x');
  const rows = x.shape[0]! * (perExample / d);
  if (rows < k) {
    throw new InvalidArgumentError(
      'x',
      `k-means initialization needs at least ${k} latent vectors, got ${rows} (${x.shape[0]} examples × ${perExample / d}); use a larger first batch`,
    );
  }
  const iterations = options.iterations ?? (qc.type === 'fsq' ? 0 : qc.kmeansIterations);
  const ze = encodeContinuous(x);
  try {
    quantizer.initialize(ze, { seed: options.seed ?? 0, iterations });
  } finally {
    ze.dispose();
  }
  if (flag) {
    const one = tf.ones([1]);
    flag.assign(one);
    one.dispose();
  }
}
