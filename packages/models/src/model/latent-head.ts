import {
  dense,
  InvalidArgumentError,
  klStandardNormalPerDim,
  type ParamStore,
  type Rng,
  reparameterize,
  type SeedLike,
  tf,
} from '@latentkit/tensor';
import type { Network } from '../architecture/network-spec.js';
import type { LossTerms, Posterior } from './model.js';
import type { ResolvedModelConfig } from './model-config.js';
import { buildVqHead, type VqHead } from './vq-latent.js';

/** The latent part of one mini-batch's loss: the z to decode and the terms of the latent. */
export type LatentSample = Omit<LossTerms, 'recon'>;

/**
 * What sits between the encoder trunk and the decoder — one strategy per kind of latent, so that
 * `createModel` does not branch on the kind: a Gaussian posterior (VAE, CVAE), a point code (AE)
 * or a vector quantizer (VQ-VAE).
 */
export interface LatentHead {
  /** Shape of one example's latent (`[latentDim]`, or a VQ-VAE's `[h, w, D]` / `[groups, D]`). */
  readonly latentShape: number[];
  /** Whether {@link LatentHead.sample} draws ε and so needs a seed. */
  readonly needsSeed: boolean;
  /** The VQ-VAE's quantizer head (for `model.vq`), if this is one. */
  readonly vq: VqHead | undefined;
  /** q(z|x) from the encoder trunk's features. */
  posterior(h: tf.Tensor): Posterior;
  /** The latent sample of a training step and its terms (KL per dimension, or the VQ terms). */
  sample(h: tf.Tensor, seed: SeedLike | undefined): LatentSample;
}

function gaussianHead(store: ParamStore, head: LinearShape, rng: Rng): LatentHead {
  const mu = dense(store.scope('encoder'), 'mu', { ...head, seed: rng });
  const logVar = dense(store.scope('encoder'), 'logVar', { ...head, seed: rng });
  return {
    latentShape: [head.outFeatures],
    needsSeed: true,
    vq: undefined,
    posterior: (h) => ({ mu: mu.apply(h), logVar: logVar.apply(h) }),
    sample(h, seed) {
      if (seed === undefined) {
        throw new InvalidArgumentError('seed', 'lossTerms of a VAE needs a seed for ε');
      }
      const m = mu.apply(h);
      const lv = logVar.apply(h);
      const z = reparameterize(m, lv, seed);
      const klPerDim = klStandardNormalPerDim(m, lv);
      return { kl: tf.sum(klPerDim, 1), klPerDim, mu: m, logVar: lv, z };
    },
  };
}

function pointHead(store: ParamStore, head: LinearShape, rng: Rng): LatentHead {
  const code = dense(store.scope('encoder'), 'mu', { ...head, seed: rng });
  return {
    latentShape: [head.outFeatures],
    needsSeed: false,
    vq: undefined,
    posterior: (h) => ({ mu: code.apply(h), logVar: undefined }),
    sample(h) {
      const mu = code.apply(h);
      return { kl: undefined, klPerDim: undefined, mu, logVar: undefined, z: mu };
    },
  };
}

function quantizerHead(vq: VqHead): LatentHead {
  return {
    latentShape: vq.latentShape,
    needsSeed: false,
    vq,
    posterior: (h) => ({ mu: vq.quantize(vq.continuous(h)).z, logVar: undefined }),
    sample(h) {
      const { z, terms } = vq.quantize(vq.continuous(h));
      return { kl: undefined, klPerDim: undefined, mu: z, logVar: undefined, z, vq: terms };
    },
  };
}

/** Input and output widths of a dense head. */
interface LinearShape {
  inFeatures: number;
  outFeatures: number;
}

/**
 * The latent head for `cfg.kind`, its parameters created in `store` from `rng` (after the
 * encoder's, before the decoder's: the order fixes which random numbers each layer gets).
 *
 * @internal
 */
export function createLatentHead(
  store: ParamStore,
  cfg: ResolvedModelConfig,
  encoder: Network,
  rng: Rng,
): LatentHead {
  if (cfg.kind === 'vqvae') return quantizerHead(buildVqHead(store, cfg, encoder, rng));
  const head = { inFeatures: encoder.outFeatures, outFeatures: cfg.latentDim };
  return cfg.kind === 'ae' ? pointHead(store, head, rng) : gaussianHead(store, head, rng);
}
