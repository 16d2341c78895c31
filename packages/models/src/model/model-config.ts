import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import {
  type ConvSpec,
  type NetworkSpec,
  type ResolvedSpec,
  resolveSpec,
} from '../architecture/network-spec.js';
import { checkChoice, checkInt, checkNumber } from '../internal/check.js';
import { checkShape } from '../internal/shapes.js';
import {
  type QuantizerConfig,
  type ResolvedQuantizerConfig,
  resolveQuantizerConfig,
} from '../vq/quantizer-config.js';

/**
 * Which model: a deterministic autoencoder (`'ae'`), a VAE with a diagonal-Gaussian encoder
 * (`'vae'`; a β-VAE is a VAE trained with β or capacity options, see `ObjectiveOptions`), a
 * conditional VAE (`'cvae'`) whose encoder and decoder also see a one-hot class label, or a
 * VQ-VAE (`'vqvae'`): a deterministic encoder to a grid of D-vectors, each replaced by a code of
 * a `quantizer` before the decoder.
 */
export type ModelKind = 'ae' | 'vae' | 'cvae' | 'vqvae';

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
  /**
   * Number of latent dimensions; for a VQ-VAE, D, the width of each code vector (the model's
   * flattened latent then has `Model.latentDim` = ∏ `Model.latentShape` elements).
   */
  latentDim: number;
  /**
   * Encoder architecture (the trunk; the model adds the μ / log σ² heads). For a VQ-VAE the
   * model adds the head `encoder.out`: a 1×1 convolution to D channels after a conv trunk (whose
   * feature map is the latent grid: no dense `hidden` layers), or a dense layer to `groups`·D
   * after an MLP trunk.
   */
  encoder: NetworkSpec;
  /**
   * Decoder architecture. Default: the mirror of `encoder` (hidden widths / channels reversed);
   * for a conv VQ-VAE it upsamples with transposed convolutions (as the Keras example; measured
   * ~10% faster than sub-pixel upsampling for that decoder on wasm) unless the encoder spec sets
   * `upsample`.
   */
  decoder?: NetworkSpec;
  /**
   * See {@link LikelihoodName}. Default `'bernoulli'`; for a VQ-VAE `'gaussian'` (squared error:
   * −log p(x|z) = Σ(x − x̂)²/(2σ²) + const).
   */
  likelihood?: LikelihoodName;
  /**
   * σ of the `'gaussian'` likelihood, in data units. Default 1. Must lie in [2⁻⁶³, 2⁶³]
   * (≈ 1.1e-19 … 9.2e18), so that σ² is a normal float32 number.
   */
  outputStd?: number;
  /** Lower bound on σ of the `'gaussian-learned'` likelihood. Default 0.01; range as `outputStd`. */
  minOutputStd?: number;
  /** Number of classes (CVAE only, required there). */
  numClasses?: number;
  /** VQ-VAE only (required there): the quantizer; see {@link QuantizerConfig}. */
  quantizer?: QuantizerConfig;
  /** VQ-VAE with an MLP encoder only: code vectors per example (latent `[groups, D]`). Default 1. */
  groups?: number;
}

/** A {@link ModelConfig} with every default filled in and every field validated. */
export interface ResolvedModelConfig {
  /** See {@link ModelKind}. */
  kind: ModelKind;
  /** Shape of one example, e.g. `[784]` or `[28, 28, 1]`. */
  inputShape: number[];
  /** Number of latent dimensions; for a VQ-VAE, D, the width of each code vector. */
  latentDim: number;
  /** Encoder trunk with its defaults filled in. */
  encoder: ResolvedSpec;
  /** Decoder with its defaults filled in (the encoder's mirror unless one was given). */
  decoder: ResolvedSpec;
  /** See {@link LikelihoodName}: `'bernoulli'` unless chosen (`'gaussian'` for a VQ-VAE). */
  likelihood: LikelihoodName;
  /** σ of the `'gaussian'` likelihood, in data units (default 1). */
  outputStd: number;
  /** Lower bound on σ of the `'gaussian-learned'` likelihood (default 0.01). */
  minOutputStd: number;
  /** 0 unless `kind` is `'cvae'`. */
  numClasses: number;
  /** VQ-VAE only: the resolved quantizer. */
  quantizer?: ResolvedQuantizerConfig;
  /** VQ-VAE with an MLP encoder only. */
  groups?: number;
}

/** Every {@link ModelKind}. */
export const MODEL_KINDS: readonly ModelKind[] = ['ae', 'vae', 'cvae', 'vqvae'];
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
  'quantizer',
  'groups',
];

function mirror(spec: ResolvedSpec): ResolvedSpec {
  if (spec.type === 'mlp') return { ...spec, hidden: [...spec.hidden].reverse() };
  return { ...spec, channels: [...spec.channels].reverse(), hidden: [...spec.hidden].reverse() };
}

/** The σ range in which σ² is a normal float32 number: [2⁻⁶³, 2⁶³]. */
const STD_RANGE = [2 ** -63, 2 ** 63] as const;

/**
 * Checks a likelihood σ: a finite positive number whose square neither underflows nor overflows
 * in float32 (σ = 1e-300 passed a plain "> 0" check, became 0 in float32 and turned every loss
 * into NaN).
 */
function checkStd(value: unknown, name: string): number {
  const std = checkNumber(value, name, 'positive');
  if (std < STD_RANGE[0] || std > STD_RANGE[1]) {
    throw new InvalidArgumentError(
      name,
      `must be in [2^-63, 2^63] (about 1.1e-19 to 9.2e18) so that σ² is a normal float32 number, got ${std}`,
    );
  }
  return std;
}

/**
 * Validates a {@link ModelConfig} and fills in its defaults.
 *
 * @throws {@link UnknownOptionError} for an unknown kind, likelihood, key or spec option.
 * @throws {@link InvalidArgumentError} for a bad shape, size or σ, a CVAE without
 *   `numClasses`, `numClasses` on a model that is not a CVAE; for a VQ-VAE, a missing or bad
 *   `quantizer`, an encoder and decoder of different types, dense `hidden` layers in a conv
 *   VQ-VAE, or `groups` outside an MLP VQ-VAE (`quantizer` and `groups` on other kinds too).
 *
 * @example
 * ```ts
 * import { resolveModelConfig } from '@latentkit/models';
 *
 * const cfg = resolveModelConfig({
 *   kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp', hidden: [400] },
 * }); // defaults filled in: decoder mirrors the encoder, likelihood 'bernoulli', …
 * ```
 */
export function resolveModelConfig(config: ModelConfig): ResolvedModelConfig {
  if (config === null || typeof config !== 'object') {
    throw new InvalidArgumentError('config', 'must be a model config object');
  }
  requireKnownOptions(config, KEYS, 'config');
  const kind = checkChoice(config.kind, 'config.kind', MODEL_KINDS);
  const encoder = resolveSpec(config.encoder, 'encoder');
  let decoder =
    config.decoder === undefined ? mirror(encoder) : resolveSpec(config.decoder, 'decoder');
  if (kind === 'vqvae' && config.decoder === undefined && decoder.type === 'conv') {
    decoder = { ...decoder, upsample: (config.encoder as ConvSpec).upsample ?? 'transpose' };
  }
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
  const latentDim = checkInt(config.latentDim, 'latentDim');
  const resolved: ResolvedModelConfig = {
    kind,
    inputShape: checkShape(config.inputShape),
    latentDim,
    encoder,
    decoder,
    likelihood: checkChoice(
      config.likelihood ?? (kind === 'vqvae' ? 'gaussian' : 'bernoulli'),
      'likelihood',
      LIKELIHOODS,
    ),
    outputStd: checkStd(config.outputStd ?? 1, 'outputStd'),
    minOutputStd: checkStd(config.minOutputStd ?? 0.01, 'minOutputStd'),
    numClasses,
  };
  if (kind !== 'vqvae') {
    for (const key of ['quantizer', 'groups'] as const) {
      if (config[key] !== undefined) {
        throw new InvalidArgumentError(key, `only applies to kind 'vqvae', not '${kind}'`);
      }
    }
    return resolved;
  }
  return { ...resolved, ...resolveVqFields(config, encoder, decoder, latentDim) };
}

/** The VQ-VAE fields of a config: the quantizer and, for an MLP, `groups`. */
function resolveVqFields(
  config: ModelConfig,
  encoder: ResolvedSpec,
  decoder: ResolvedSpec,
  latentDim: number,
): Pick<ResolvedModelConfig, 'quantizer' | 'groups'> {
  if (config.quantizer === undefined) {
    throw new InvalidArgumentError('quantizer', "is required for kind 'vqvae'");
  }
  const quantizer = resolveQuantizerConfig(config.quantizer, latentDim);
  if (encoder.type !== decoder.type) {
    throw new InvalidArgumentError(
      'decoder',
      `a VQ-VAE's encoder and decoder must both be conv or both MLP, got ${encoder.type} and ${decoder.type}`,
    );
  }
  if (encoder.type === 'mlp') {
    return { quantizer, groups: checkInt(config.groups ?? 1, 'groups') };
  }
  if (config.groups !== undefined) {
    throw new InvalidArgumentError('groups', 'applies to an MLP VQ-VAE; a conv latent is a grid');
  }
  for (const [name, spec] of [
    ['encoder', encoder],
    ['decoder', decoder],
  ] as const) {
    if (spec.hidden.length > 0) {
      throw new InvalidArgumentError(
        `${name}.hidden`,
        'a conv VQ-VAE keeps its latent grid: no dense hidden layers',
      );
    }
  }
  return { quantizer };
}
