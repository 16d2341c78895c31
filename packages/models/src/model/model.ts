import type { ParamStore, SeedLike, tf } from '@latentkit/tensor';
import type { ModelKind, ResolvedModelConfig } from './model-config.js';
import type { VqLatent, VqTerms } from './vq-latent.js';

/**
 * Class labels for a CVAE: one integer in `[0, numClasses)` per example (a plain array or typed
 * array). The model one-hot encodes them.
 */
export type Labels = ArrayLike<number>;

/**
 * The approximate posterior q(z|x) = N(μ, diag exp(log σ²)) for each example, `[batch, latentDim]`
 * each. For a deterministic autoencoder `mu` is the code and `logVar` is `undefined`.
 */
export type Posterior = {
  /** μ, `[batch, latentDim]`: an AE's code; a VQ-VAE's quantized latent, flattened. */
  mu: tf.Tensor;
  /** log σ² (natural log), `[batch, latentDim]`; `undefined` for an AE or a VQ-VAE. */
  logVar: tf.Tensor | undefined;
};

/**
 * Per-example loss terms of one mini-batch (the caller disposes the tensors, e.g. inside
 * `tf.tidy`). All in nats; nothing is weighted (β and schedules are applied by the objective).
 */
export type LossTerms = {
  /** −log p(x|z) per example, `[batch]`, at one sample z ~ q(z|x) (at z = μ for an AE). */
  recon: tf.Tensor;
  /** KL(q(z|x) ‖ N(0, I)) per example, `[batch]` (closed form); `undefined` for an AE. */
  kl: tf.Tensor | undefined;
  /** KL per example and latent dimension, `[batch, latentDim]`; `undefined` for an AE. */
  klPerDim: tf.Tensor | undefined;
  /** μ, `[batch, latentDim]`. */
  mu: tf.Tensor;
  /** log σ², `[batch, latentDim]`; `undefined` for an AE. */
  logVar: tf.Tensor | undefined;
  /** The latent sample used for `recon`, `[batch, latentDim]`. */
  z: tf.Tensor;
  /** VQ-VAE only: the quantization of the batch (`mu` and `z` are then the quantized latent). */
  vq?: VqTerms;
};

/** Options of {@link Model.lossTerms}. */
export interface LossTermsOptions {
  /** Class labels (required for a CVAE, refused otherwise). */
  labels?: Labels;
  /** Seed or generator of ε in z = μ + σ·ε (required for VAE kinds, unused by an AE). */
  seed?: SeedLike;
}

/**
 * An autoencoder-family model made by {@link createModel}: parameters in a {@link ParamStore}
 * (hierarchical names such as `encoder.fc1.weight`, `encoder.mu.bias`, `decoder.out.weight`)
 * and pure functions of them. Every method returns new tensors the caller owns; call them inside
 * `tf.tidy` (as the training loop does) or dispose the results.
 *
 * Inputs `x` are float32 `[batch, ...inputShape]`; latents `z` are float32 `[batch, latentDim]`.
 * Every method throws `ShapeError` for a wrongly shaped tensor, and `InvalidArgumentError` when
 * labels are missing for a CVAE, given to another kind, of the wrong length or out of range.
 */
export interface Model {
  /** The validated configuration (JSON-serializable). */
  readonly config: ResolvedModelConfig;
  /** Which model. */
  readonly kind: ModelKind;
  /** Shape of one example. */
  readonly inputShape: readonly number[];
  /** Number of latent dimensions (a VQ-VAE's flattened latent: ∏ `latentShape`). */
  readonly latentDim: number;
  /**
   * Shape of one example's latent: `[latentDim]`, or for a VQ-VAE `[h, w, D]` (conv) or
   * `[groups, D]` (MLP). Methods take latents flattened to `[batch, latentDim]` (row-major).
   */
  readonly latentShape: readonly number[];
  /** The parameters (trainable, and a VQ-VAE's non-trainable codebook state). */
  readonly store: ParamStore;
  /** VQ-VAE only: code indices, the quantizer and its training hooks; see {@link VqLatent}. */
  readonly vq?: VqLatent;
  /** q(z|x): μ and log σ² (or the code of an AE, or a VQ-VAE's quantized latent). */
  encode(x: tf.Tensor, labels?: Labels): Posterior;
  /** The decoder's location: logits (Bernoulli) or μ (Gaussian), `[batch, ...inputShape]`. */
  decode(z: tf.Tensor, labels?: Labels): tf.Tensor;
  /** E[x|z] in data units: σ(logits) for Bernoulli, μ for Gaussian. `[batch, ...inputShape]`. */
  decodeMean(z: tf.Tensor, labels?: Labels): tf.Tensor;
  /**
   * log p(x|z) per example in nats, `[batch]`. `z` may have a leading sample axis,
   * `[k, batch, latentDim]`, giving `[k, batch]` (x is broadcast over the samples).
   */
  logLikelihood(x: tf.Tensor, z: tf.Tensor, labels?: Labels): tf.Tensor;
  /**
   * Per-example reconstruction and KL terms of a batch at one sample of z (a VQ-VAE: the
   * reconstruction at its quantized latent, and the quantizer's terms in `vq`).
   */
  lossTerms(x: tf.Tensor, options?: LossTermsOptions): LossTerms;
  /** Frees the parameters. */
  dispose(): void;
}
