import type { Model } from '@latentkit/models';
import {
  type FloatActivation,
  type FloatLayer,
  type FloatMlp,
  type FloatVae,
  fromParamRecord,
  validateFloatVae,
} from '@latentkit/quantize';

/**
 * Joins two dense layers reading the same input into one whose outputs are `a`'s then `b`'s
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
 * The float description that `@latentkit/quantize` takes ({@link FloatVae}) of a trained MLP VAE
 * made by `createModel` of `@latentkit/models`: encoder `encoder.fc1 … fcN` (the encoder's
 * activation), then the heads `encoder.mu` and `encoder.logVar` joined into one linear layer
 * `encoder.head` giving `[μ | log σ²]`; decoder `decoder.fc1 … fcN` (the decoder's activation)
 * and `decoder.out`, ending in `'sigmoid'` for a Bernoulli likelihood (outputs are the
 * probabilities E[x|z] = `decodeMean`) or `'linear'` for a fixed-σ Gaussian (outputs are μ).
 * Weights are copied from the model's parameter store (float32 → float64).
 *
 * @throws {RangeError} for a model that is not an unconditional MLP VAE with a Bernoulli or
 *   fixed-σ Gaussian likelihood; `QuantizationError` (from `@latentkit/quantize`) for an
 *   activation that has no hardware unit (e.g. `'elu'`).
 */
export function floatVaeFromModel(model: Model): FloatVae {
  const c = model.config;
  if (c.kind !== 'vae' || c.encoder.type !== 'mlp' || c.decoder.type !== 'mlp') {
    throw new RangeError(
      `floatVaeFromModel needs an MLP VAE, got kind '${c.kind}' with ${c.encoder.type}/${c.decoder.type} networks`,
    );
  }
  if (c.likelihood !== 'bernoulli' && c.likelihood !== 'gaussian') {
    throw new RangeError(
      `floatVaeFromModel: likelihood '${c.likelihood}' has no single-output decoder`,
    );
  }
  const record = model.store.toRecord();
  const hidden = (part: 'encoder' | 'decoder', count: number, activation: string) =>
    Array.from({ length: count }, (_, i) => ({
      name: `${part}.fc${i + 1}`,
      activation: activation as FloatActivation,
    }));
  const trunk: FloatMlp =
    c.encoder.hidden.length > 0
      ? fromParamRecord(record, {
          layers: hidden('encoder', c.encoder.hidden.length, c.encoder.activation),
        })
      : { layers: [] };
  const head = (name: string) =>
    fromParamRecord(record, { layers: [{ name, activation: 'linear' }] }).layers[0]!;
  const decoder = fromParamRecord(record, {
    layers: [
      ...hidden('decoder', c.decoder.hidden.length, c.decoder.activation),
      {
        name: 'decoder.out',
        activation: c.likelihood === 'bernoulli' ? 'sigmoid' : 'linear',
      },
    ],
  });
  const vae: FloatVae = {
    encoder: {
      layers: [
        ...trunk.layers,
        concatOutputs(head('encoder.mu'), head('encoder.logVar'), 'encoder.head'),
      ],
    },
    decoder,
  };
  validateFloatVae(vae);
  return vae;
}
