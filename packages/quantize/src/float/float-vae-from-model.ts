import { InvalidArgumentError, type TensorRecord } from '@latentkit/core';
import { FLOAT_ACTIVATIONS, type FloatActivation, type FloatLayer } from './float-mlp.js';
import { type FloatVae, validateFloatVae } from './float-vae.js';
import { fromParamRecord } from './from-param-record.js';

/**
 * What {@link floatVaeFromModel} reads of a model's configuration: the fields of
 * `@latentkit/models`' `ResolvedModelConfig` (`model.config`) that decide the hardware form.
 * Written structurally, so `@latentkit/quantize` needs neither `@latentkit/models` nor tfjs.
 */
export interface ModelConfigLike {
  /** The model kind; only `'vae'` has a hardware form. */
  kind: string;
  /** The encoder trunk: `type: 'mlp'`, its hidden widths and their activation. */
  encoder: ModelNetworkLike;
  /** The decoder, likewise. */
  decoder: ModelNetworkLike;
  /**
   * The decoder's likelihood: `'bernoulli'` (the outputs become the probabilities E[x|z], through
   * a sigmoid) or `'gaussian'` with a fixed σ (the outputs are the means, linear).
   */
  likelihood: string;
}

/** One network of a {@link ModelConfigLike}. */
export interface ModelNetworkLike {
  /** `'mlp'` for a network of dense layers (the only kind with a hardware form). */
  type: string;
  /** Widths of the hidden layers, input side first (MLP networks). */
  hidden?: readonly number[];
  /** The hidden layers' activation (MLP networks). */
  activation?: string;
}

function activationOf(name: string | undefined, part: string): FloatActivation {
  if (!(FLOAT_ACTIVATIONS as readonly (string | undefined)[]).includes(name)) {
    throw new InvalidArgumentError(
      `config.${part}.activation`,
      `'${name}' has no hardware unit; expected one of ${FLOAT_ACTIVATIONS.join(', ')}`,
    );
  }
  return name as FloatActivation;
}

/**
 * Joins two dense layers that read the same input into one whose outputs are `a`'s then `b`'s
 * (weights `[in, out]` row-major: each input row of the result is `a`'s row followed by `b`'s).
 */
function concatOutputs(a: FloatLayer, b: FloatLayer, name: string): FloatLayer {
  const out = a.outFeatures + b.outFeatures;
  const weight = new Float64Array(a.inFeatures * out);
  for (let i = 0; i < a.inFeatures; i++) {
    weight.set(a.weight.subarray(i * a.outFeatures, (i + 1) * a.outFeatures), i * out);
    weight.set(
      b.weight.subarray(i * b.outFeatures, (i + 1) * b.outFeatures),
      i * out + a.outFeatures,
    );
  }
  const bias = new Float64Array(out);
  bias.set(a.bias);
  bias.set(b.bias, a.outFeatures);
  return { name, inFeatures: a.inFeatures, outFeatures: out, weight, bias, activation: 'linear' };
}

/**
 * The float VAE this package quantizes ({@link FloatVae}), from a trained MLP VAE of
 * `@latentkit/models` — the one bridge from a model to the hardware path:
 * `floatVaeFromModel(model.config, model.store.toRecord())`.
 *
 * The encoder is `encoder.fc1 … fcN` (the encoder's activation) followed by one linear layer
 * `encoder.head` whose outputs are `[μ | log σ²]` (the `encoder.mu` and `encoder.logVar` heads
 * side by side); the decoder is `decoder.fc1 … fcN` (the decoder's activation) and `decoder.out`,
 * ending in `'sigmoid'` for a Bernoulli likelihood or `'linear'` for a fixed-σ Gaussian one.
 * Weights are copied (float32 → float64); the result is validated.
 *
 * @param config - The model's resolved configuration (`model.config`).
 * @param record - Its parameters by name (`model.store.toRecord()`), dense weights `[in, out]`.
 * @returns The float VAE.
 * @throws {@link InvalidArgumentError} for a model with no hardware form: not a VAE, a conv
 *   network, a learned-variance decoder, or an activation with no hardware unit (e.g. `'elu'`).
 * @throws `QuantizationError` if the record lacks a layer or its shapes do not chain.
 *
 * @example
 * ```ts
 * import { createModel } from '@latentkit/models';
 * import { floatVaeFromModel, runFloatVae } from '@latentkit/quantize';
 *
 * const model = createModel({ kind: 'vae', inputShape: [4], latentDim: 2, encoder: { type: 'mlp', hidden: [8] } }, 1);
 * const vae = floatVaeFromModel(model.config, model.store.toRecord());
 * const { mu } = runFloatVae(vae, new Float64Array([0.1, 0.2, 0.3, 0.4])); // μ of one example
 * ```
 */
export function floatVaeFromModel(
  config: ModelConfigLike,
  record: Readonly<Record<string, Pick<TensorRecord, 'shape' | 'data'>>>,
): FloatVae {
  if (config === null || typeof config !== 'object') {
    throw new InvalidArgumentError('config', "must be a model's resolved configuration");
  }
  if (config.kind !== 'vae' || config.encoder?.type !== 'mlp' || config.decoder?.type !== 'mlp') {
    throw new InvalidArgumentError(
      'config',
      `must describe an MLP VAE (kind 'vae', networks of type 'mlp'), got kind '${config.kind}' with ${config.encoder?.type}/${config.decoder?.type} networks`,
    );
  }
  if (config.likelihood !== 'bernoulli' && config.likelihood !== 'gaussian') {
    throw new InvalidArgumentError(
      'config.likelihood',
      `'${config.likelihood}' has no hardware form (a single output per pixel needs 'bernoulli' or a fixed-σ 'gaussian')`,
    );
  }
  const hidden = (part: 'encoder' | 'decoder') => {
    const activation = activationOf(config[part].activation, part);
    return (config[part].hidden ?? []).map((_, i) => ({ name: `${part}.fc${i + 1}`, activation }));
  };
  const trunk = hidden('encoder');
  const trunkLayers = trunk.length > 0 ? fromParamRecord(record, { layers: trunk }).layers : [];
  // The two heads read the same features, so each is read on its own (fromParamRecord checks
  // that consecutive layers chain) and then joined.
  const head = (name: string): FloatLayer => {
    const [layer] = fromParamRecord(record, { layers: [{ name, activation: 'linear' }] }).layers;
    if (!layer) throw new InvalidArgumentError('record', `has no layer ${name}`);
    return layer;
  };
  const decoder = fromParamRecord(record, {
    layers: [
      ...hidden('decoder'),
      { name: 'decoder.out', activation: config.likelihood === 'bernoulli' ? 'sigmoid' : 'linear' },
    ],
  });
  const vae: FloatVae = {
    encoder: {
      layers: [
        ...trunkLayers,
        concatOutputs(head('encoder.mu'), head('encoder.logVar'), 'encoder.head'),
      ],
    },
    decoder,
  };
  validateFloatVae(vae);
  return vae;
}
