import { requireKnownOptions } from '@latentkit/core';
import {
  createParamStore,
  InvalidArgumentError,
  type SeedLike,
  ShapeError,
  tf,
  toRng,
} from '@latentkit/tensor';
import { buildDecoder } from '../architecture/build-decoder.js';
import { buildEncoder } from '../architecture/build-encoder.js';
import type { Network } from '../architecture/network-spec.js';
import { sizeOf } from '../internal/check.js';
import { seedArgument } from '../internal/seed-argument.js';
import { checkBatch, checkLatentBatch } from '../internal/shapes.js';
import { labelCondition } from './label-condition.js';
import { createLatentHead } from './latent-head.js';
import { createLikelihood, type Likelihood } from './likelihood.js';
import type { Labels, LossTerms, Model, Posterior } from './model.js';
import { type ModelConfig, resolveModelConfig } from './model-config.js';

/** Options of {@link createModel}. */
export interface CreateModelOptions {
  /**
   * Seed or generator of the initial weights (every layer draws from `fork('init')` and its own
   * name). Default 0.
   */
  seed?: SeedLike;
}

/**
 * Creates an AE, VAE, CVAE or VQ-VAE from a {@link ModelConfig}, with freshly initialized
 * parameters (PyTorch's default init for each layer, drawn from the `seed` option).
 *
 * Structure: encoder trunk (`buildEncoder`, under `encoder.`) → heads `encoder.mu` and
 * `encoder.logVar` (dense, linear; an AE has only `encoder.mu`, its code) → z → decoder
 * (`buildDecoder`, under `decoder.`). A CVAE concatenates the one-hot label to the encoder's
 * features (for an MLP, to the flattened input; for conv, to the flattened conv features) and to
 * z before the decoder. With the MLP spec `{ type: 'mlp', hidden: [400] }`, `latentDim` 20 and
 * `inputShape` [784] this is the pytorch/examples VAE (fc1 → `encoder.fc1`, fc21 → `encoder.mu`,
 * fc22 → `encoder.logVar`, fc3 → `decoder.fc1`, fc4 → `decoder.out`; weights `[in, out]`).
 *
 * A VQ-VAE: encoder trunk → head `encoder.out` → z_e of shape `latentShape` (`[h, w, D]` from a
 * conv trunk kept spatial, or `[groups, D]`) → the quantizer (`vq.*`, with the straight-through
 * gradient) → decoder (for conv, from the `[h, w, D]` grid: a convolution `decoder.proj` to
 * `channels[0]`, then the upsampling stages). With encoder `{ type: 'conv', channels: [32, 64] }`,
 * `latentDim` 16 and `inputShape` [28, 28, 1] this is the Keras VQ-VAE example's network
 * (28×28 → 7×7×16). Its extra methods are in `model.vq` ({@link VqLatent}).
 *
 * @param config - See {@link ModelConfig}.
 * @param options - See {@link CreateModelOptions}.
 * @throws As `resolveModelConfig` for a bad config; {@link UnknownOptionError} for an unknown
 *   option.
 *
 * @example
 * ```ts
 * import { createModel } from '@latentkit/models';
 *
 * const model = createModel(
 *   { kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp', hidden: [400] } },
 *   { seed: 1 },
 * );
 * ```
 */
export function createModel(config: ModelConfig, options?: CreateModelOptions): Model;
/**
 * @deprecated Pass the seed in the options: `createModel(config, { seed })`.
 * @param config - See {@link ModelConfig}.
 * @param seed - Seed or generator of the initial weights.
 */
export function createModel(config: ModelConfig, seed: SeedLike): Model;
export function createModel(
  config: ModelConfig,
  options: CreateModelOptions | SeedLike = {},
): Model {
  const seed = seedArgument(options, 'createModel');
  const cfg = resolveModelConfig(config);
  const rng = toRng(seed).fork('init');
  const store = createParamStore();
  const cond = cfg.numClasses;
  const spatial = cfg.kind === 'vqvae' && cfg.encoder.type === 'conv';
  const likelihood = createLikelihood(cfg);
  const encoder = buildEncoder(store.scope('encoder'), cfg.encoder, {
    inputShape: cfg.inputShape,
    extraFeatures: cond,
    spatial,
    seed: rng,
  });
  // Gaussian (VAE, CVAE), point code (AE) or quantizer (VQ-VAE): the one place that differs by kind.
  const latent = createLatentHead(store, cfg, encoder, rng);
  const vqHead = latent.vq;
  const latentShape = latent.latentShape;
  const latentDim = sizeOf(latentShape);
  const outputShape = [...cfg.inputShape];
  outputShape[outputShape.length - 1]! *= likelihood.paramsPerElement;
  const decoder = buildDecoder(store.scope('decoder'), cfg.decoder, {
    ...(spatial
      ? { inputShape: latentShape, outputShape }
      : { inFeatures: latentDim + cond, outputShape }),
    seed: rng,
  });

  /** One-hot labels as a tensor (or undefined for unconditional models), validated. */
  const condition = (labels: Labels | undefined, batch: number): tf.Tensor | undefined =>
    labelCondition(labels, batch, cond, cfg.kind);

  const checkZ = (z: tf.Tensor): void => checkLatentBatch(z, latentDim);

  const encodeWith = (x: tf.Tensor, c: tf.Tensor | undefined): Posterior =>
    tf.tidy(() => latent.posterior(encoder.apply(x, c)));

  const { decodeRaw, nllOf } = decoding(decoder, likelihood, latentShape, spatial);

  const batchOfZ = (z: tf.Tensor): number => z.shape[z.rank - 2]!;

  const vq = vqHead?.latent(
    (x) => {
      checkBatch(x, cfg.inputShape, 'x');
      return tf.tidy(() => vqHead.continuous(encoder.apply(x)));
    },
    (z) => tf.tidy(() => likelihood.mean(decodeRaw(z, undefined))),
  );

  return {
    config: cfg,
    kind: cfg.kind,
    inputShape: cfg.inputShape,
    latentDim,
    latentShape,
    store,
    vq,
    encode(x, labels) {
      checkBatch(x, cfg.inputShape, 'x');
      return tf.tidy(() => encodeWith(x, condition(labels, x.shape[0]!)));
    },
    decode(z, labels) {
      checkZ(z);
      return tf.tidy(() => likelihood.location(decodeRaw(z, condition(labels, batchOfZ(z)))));
    },
    decodeMean(z, labels) {
      checkZ(z);
      return tf.tidy(() => likelihood.mean(decodeRaw(z, condition(labels, batchOfZ(z)))));
    },
    logLikelihood(x, z, labels) {
      checkBatch(x, cfg.inputShape, 'x');
      checkZ(z);
      if (batchOfZ(z) !== x.shape[0]) {
        throw new ShapeError(
          `z batch ${batchOfZ(z)} does not match x batch ${x.shape[0]}`,
          [x.shape[0]!],
          [batchOfZ(z)],
        );
      }
      return tf.tidy(() => tf.neg(nllOf(x, z, condition(labels, x.shape[0]!))));
    },
    lossTerms(x, options = {}) {
      requireKnownOptions(options, ['labels', 'seed'], 'lossTerms options');
      checkBatch(x, cfg.inputShape, 'x');
      if (latent.needsSeed && options.seed === undefined) {
        throw new InvalidArgumentError('seed', 'lossTerms of a VAE needs a seed for ε');
      }
      return tf.tidy((): LossTerms => {
        const c = condition(options.labels, x.shape[0]!);
        const sample = latent.sample(encoder.apply(x, c), options.seed);
        return { recon: nllOf(x, sample.z, c), ...sample };
      });
    },
    dispose() {
      store.dispose();
    },
  };
}

/**
 * The decoder side of a model: the raw decoder output for z, and −log p(x|z) per example.
 *
 * @param latentShape - Shape of one example's latent (z is flat, `[..., ∏ latentShape]`).
 * @param spatial - Whether the decoder takes the latent as its `latentShape` grid.
 */
function decoding(
  decoder: Network,
  likelihood: Likelihood,
  latentShape: number[],
  spatial: boolean,
): {
  decodeRaw(z: tf.Tensor, c: tf.Tensor | undefined): tf.Tensor;
  nllOf(x: tf.Tensor, z: tf.Tensor, c: tf.Tensor | undefined): tf.Tensor;
} {
  const latentDim = sizeOf(latentShape);
  /** Raw decoder output for z of shape [..., latentDim] (leading axes flattened and restored). */
  const decodeRaw = (z: tf.Tensor, c: tf.Tensor | undefined): tf.Tensor =>
    tf.tidy(() => {
      const lead = z.shape.slice(0, -1);
      let flat = z.rank === 2 ? z : tf.reshape(z, [-1, latentDim]);
      if (c) {
        const reps = flat.shape[0]! / c.shape[0]!;
        flat = tf.concat([flat, reps === 1 ? c : tf.tile(c, [reps, 1])], 1);
      }
      const raw = decoder.apply(spatial ? tf.reshape(flat, [-1, ...latentShape]) : flat);
      return z.rank === 2 ? raw : tf.reshape(raw, [...lead, ...raw.shape.slice(1)]);
    });

  /** −log p(x|z) per example; z is [batch, D] or [k, batch, D] (x broadcast over k). */
  const nllOf = (x: tf.Tensor, z: tf.Tensor, c: tf.Tensor | undefined): tf.Tensor =>
    tf.tidy(() => {
      const raw = decodeRaw(z, c);
      if (z.rank === 2) return likelihood.nll(raw, x);
      // [k, batch, ...] → [k·batch, ...] against x tiled k times.
      const k = z.shape.slice(0, -2).reduce((a, b) => a * b, 1);
      const flatRaw = tf.reshape(raw, [-1, ...raw.shape.slice(z.rank - 1)]);
      const xs = tf.tile(x, [k, ...x.shape.slice(1).map(() => 1)]);
      return tf.reshape(likelihood.nll(flatRaw, xs), z.shape.slice(0, -1));
    });
  return { decodeRaw, nllOf };
}
