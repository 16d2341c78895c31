import { InvalidArgumentError } from '@latentkit/tensor';
import { type NetworkSpec, type ResolvedSpec, resolveSpec } from '../architecture/network-spec.js';
import { checkChoice, checkInt, checkKeys, checkNumber } from '../internal/check.js';
import { checkShape } from '../internal/shapes.js';

/**
 * Which model: a deterministic autoencoder (`'ae'`), a VAE with a diagonal-Gaussian encoder
 * (`'vae'`; a β-VAE is a VAE trained with β or capacity options, see `ObjectiveOptions`), or a
 * conditional VAE (`'cvae'`) whose encoder and decoder also see a one-hot class label.
 */
export type ModelKind = 'ae' | 'vae' | 'cvae';

/**
 * The decoder's distribution p(x|z):
 * - `'bernoulli'`: independent Bernoulli per element with logits from the decoder (binary
 *   cross-entropy; targets in [0, 1], grey levels allowed);
 * - `'gaussian'`: N(μ, σ²) per element with μ from the decoder and fixed σ = `outputStd`;
 * - `'gaussian-learned'`: μ and log σ² per element, both from the decoder (its last axis is
 *   doubled), with log σ² softly bounded below by log(`minOutputStd`²).
 */
export type LikelihoodName = 'bernoulli' | 'gaussian' | 'gaussian-learned';

/** Plain-data description of a model: JSON-serializable, stored with saved weights. */
export interface ModelConfig {
  /** See {@link ModelKind}. */
  kind: ModelKind;
  /** Shape of one example, e.g. `[784]` or `[28, 28, 1]` (conv). */
  inputShape: number[];
  /** Number of latent dimensions. */
  latentDim: number;
  /** Encoder architecture (the trunk; the model adds the μ / log σ² heads). */
  encoder: NetworkSpec;
  /** Decoder architecture. Default: the mirror of `encoder` (hidden widths / channels reversed). */
  decoder?: NetworkSpec;
  /** See {@link LikelihoodName}. Default `'bernoulli'`. */
  likelihood?: LikelihoodName;
  /** σ of the `'gaussian'` likelihood, in data units. Default 1. */
  outputStd?: number;
  /** Lower bound on σ of the `'gaussian-learned'` likelihood. Default 0.01. */
  minOutputStd?: number;
  /** Number of classes (CVAE only, required there). */
  numClasses?: number;
}

/** A {@link ModelConfig} with every default filled in and every field validated. */
export interface ResolvedModelConfig {
  kind: ModelKind;
  inputShape: number[];
  latentDim: number;
  encoder: ResolvedSpec;
  decoder: ResolvedSpec;
  likelihood: LikelihoodName;
  outputStd: number;
  minOutputStd: number;
  /** 0 unless `kind` is `'cvae'`. */
  numClasses: number;
}

/** Every {@link ModelKind}. */
export const MODEL_KINDS: readonly ModelKind[] = ['ae', 'vae', 'cvae'];
/** Every {@link LikelihoodName}. */
export const LIKELIHOODS: readonly LikelihoodName[] = ['bernoulli', 'gaussian', 'gaussian-learned'];

const KEYS = [
  'kind',
  'inputShape',
  'latentDim',
  'encoder',
  'decoder',
  'likelihood',
  'outputStd',
  'minOutputStd',
  'numClasses',
];

function mirror(spec: ResolvedSpec): ResolvedSpec {
  if (spec.type === 'mlp') return { ...spec, hidden: [...spec.hidden].reverse() };
  return { ...spec, channels: [...spec.channels].reverse(), hidden: [...spec.hidden].reverse() };
}

/**
 * Validates a {@link ModelConfig} and fills in its defaults.
 *
 * @throws {@link UnknownOptionError} for an unknown kind, likelihood, key or spec option.
 * @throws {@link InvalidArgumentError} for a bad shape, size or σ, a CVAE without
 *   `numClasses`, or `numClasses` on a model that is not a CVAE.
 */
export function resolveModelConfig(config: ModelConfig): ResolvedModelConfig {
  if (config === null || typeof config !== 'object') {
    throw new InvalidArgumentError('config', 'must be a model config object');
  }
  checkKeys(config, KEYS, 'config');
  const kind = checkChoice(config.kind, 'config.kind', MODEL_KINDS);
  const encoder = resolveSpec(config.encoder, 'encoder');
  const decoder =
    config.decoder === undefined ? mirror(encoder) : resolveSpec(config.decoder, 'decoder');
  let numClasses = 0;
  if (kind === 'cvae') {
    if (config.numClasses === undefined) {
      throw new InvalidArgumentError('numClasses', "is required for kind 'cvae'");
    }
    numClasses = checkInt(config.numClasses, 'numClasses', 2);
  } else if (config.numClasses !== undefined && config.numClasses !== 0) {
    // 0 is what a resolved non-CVAE config holds, so `createModel(model.config)` round-trips.
    throw new InvalidArgumentError('numClasses', `only applies to kind 'cvae', not '${kind}'`);
  }
  return {
    kind,
    inputShape: checkShape(config.inputShape),
    latentDim: checkInt(config.latentDim, 'latentDim'),
    encoder,
    decoder,
    likelihood: checkChoice(config.likelihood ?? 'bernoulli', 'likelihood', LIKELIHOODS),
    outputStd: checkNumber(config.outputStd ?? 1, 'outputStd', 'positive'),
    minOutputStd: checkNumber(config.minOutputStd ?? 0.01, 'minOutputStd', 'positive'),
    numClasses,
  };
}
