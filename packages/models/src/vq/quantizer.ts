import type { SeedLike, tf } from '@latentkit/tensor';

/** The kinds of quantizer latentkit provides. */
export type QuantizerKind = 'vq' | 'ema' | 'residual' | 'fsq';

/** The loss terms of one quantization (float32 scalars, means over all elements of z). */
export interface QuantizerLoss {
  /** ‖sg[z_e] − e‖², averaged over the elements of z_e (0 for EMA codebooks and FSQ). */
  codebook: tf.Scalar;
  /** β·‖z_e − sg[e]‖², averaged over the elements of z_e (β included; 0 for FSQ). */
  commitment: tf.Scalar;
  /** `codebook + commitment`: add it to the reconstruction loss. */
  total: tf.Scalar;
}

/** What {@link Quantizer.quantize} returns; the caller owns every tensor (see {@link disposeQuantizerOutput}). */
export interface QuantizerOutput {
  /**
   * float32, the shape of the input `[..., D]`: the quantized vectors, with the straight-through
   * gradient (`z_e + sg[e − z_e]`: the gradient reaching z_e is the gradient at this output).
   */
  quantized: tf.Tensor;
  /** int32 code indices, shape `[...]` (residual VQ: `[..., numQuantizers]`). */
  indices: tf.Tensor;
  /** The loss terms. */
  loss: QuantizerLoss;
  /**
   * float32 scalar: exp of the entropy (nats) of the batch code histogram, in [1, numCodes]
   * (residual VQ: the mean over its quantizers).
   */
  perplexity: tf.Scalar;
  /** float32 scalar: fraction of the codes used in the batch (residual VQ: mean over quantizers). */
  usage: tf.Scalar;
  /**
   * float32 `[K]`: the batch's code histogram, the one perplexity and usage come from (residual
   * VQ: `[numQuantizers·K]`, code c of quantizer i at i·K + c).
   */
  counts: tf.Tensor1D;
}

/** What {@link Quantizer.update} reports. */
export interface QuantizerUpdate {
  /**
   * Codes replaced by batch vectors in this update (dead-code restart), ascending; residual VQ
   * reports code c of quantizer i as i·numCodes + c.
   */
  restarted: number[];
}

/** Options of {@link Quantizer.update}. */
export interface QuantizerUpdateOptions {
  /**
   * Seed or generator of this update's dead-code restarts. Default: the quantizer's own restart
   * generator (forked from its construction seed and advanced by each restart). Pass a seed
   * derived from the training step (as `train` does) to make restarts a function of
   * `(seed, step)` alone, so that a resumed run repeats them exactly.
   */
  seed?: SeedLike;
}

/** Options of {@link Quantizer.initialize}. */
export interface InitializeCodebookOptions {
  /** Lloyd iterations of k-means. Default 10. */
  iterations?: number;
  /** Seed or generator for the initial centres. Default 0. */
  seed?: SeedLike;
}

/**
 * One interface for every quantizer: vector quantizer, EMA vector quantizer, residual VQ and
 * finite scalar quantization. Every method accepts encoder outputs of shape `[..., D]`.
 */
export interface Quantizer {
  /** Which quantizer this is. */
  readonly kind: QuantizerKind;
  /** D, the width of the vectors (the size of the input's last axis). */
  readonly dim: number;
  /** Number of codes (residual VQ: per quantizer; FSQ: ∏ levels). */
  readonly numCodes: number;
  /**
   * Quantizes `z` (usable inside a gradient computation). Changes no state.
   *
   * @throws {@link ShapeError} unless `z` has rank ≥ 1 and last axis D.
   * @throws {@link InvalidArgumentError} for a non-float32 or empty `z`.
   */
  quantize(z: tf.Tensor): QuantizerOutput;
  /**
   * The code vectors of int32 `indices` (shape `[...]`, residual VQ `[..., numQuantizers]`), as
   * float32 `[..., D]`: decode prior samples with it. No gradient.
   */
  lookup(indices: tf.Tensor): tf.Tensor;
  /**
   * The EMA codebook step (and dead-code restarts) from a batch `z` (`[..., D]`, the encoder
   * output given to `quantize`) and the `indices` it returned. Call it once per training step,
   * outside the gradient computation. A no-op for quantizers trained by the optimizer.
   */
  update(z: tf.Tensor, indices: tf.Tensor, options?: QuantizerUpdateOptions): QuantizerUpdate;
  /**
   * Sets the codebook(s) by k-means on the rows of `z` (`[..., D]`, e.g. the first batches'
   * encoder outputs, at least numCodes rows), resetting EMA state. A no-op for FSQ.
   */
  initialize(z: tf.Tensor, options?: InitializeCodebookOptions): void;
}

/**
 * Disposes every tensor of a {@link QuantizerOutput}.
 *
 * @example
 * ```ts
 * import { disposeQuantizerOutput } from '@latentkit/models';
 *
 * const out = vq.quantize(z);
 * const codes = out.indices.clone(); // keep what you need…
 * disposeQuantizerOutput(out); // …and free the rest (quantized, indices, losses, perplexity)
 * ```
 */
export function disposeQuantizerOutput(out: QuantizerOutput): void {
  const { loss } = out;
  for (const t of [out.quantized, out.indices, loss.codebook, loss.commitment, loss.total]) {
    t.dispose();
  }
  out.perplexity.dispose();
  out.usage.dispose();
  out.counts.dispose();
}
