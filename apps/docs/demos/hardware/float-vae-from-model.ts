import type { ResolvedModelConfig } from '@latentkit/models';
import {
  FLOAT_ACTIVATIONS,
  type FloatActivation,
  type FloatLayer,
  type FloatVae,
  fromParamRecord,
} from '@latentkit/quantize';
import { InvalidArgumentError, type TensorRecord } from '@latentkit/tensor';

function activationOf(name: string): FloatActivation {
  if (!(FLOAT_ACTIVATIONS as readonly string[]).includes(name)) {
    throw new InvalidArgumentError('activation', `'${name}' has no hardware unit`);
  }
  return name as FloatActivation;
}

/**
 * The plain float VAE `@latentkit/quantize` takes, from an MLP VAE of `@latentkit/models`: the
 * encoder's hidden layers `encoder.fc1 …`, then one layer whose outputs are `[μ | log σ²]`
 * (the `encoder.mu` and `encoder.logVar` heads side by side); the decoder's `decoder.fc1 …` and
 * `decoder.out`, whose activation is `sigmoid` for a Bernoulli decoder (E[x|z]) and `linear` for
 * a Gaussian one.
 *
 * @param config - The model's resolved config (`model.config`).
 * @param record - Its parameters (`model.store.toRecord()`).
 * @returns The float VAE (weights copied to float64).
 * @throws {@link InvalidArgumentError} for a model that is not an MLP VAE with one of the
 *   activations hardware supports, or a record without the expected entries.
 */
export function floatVaeFromModel(
  config: ResolvedModelConfig,
  record: Record<string, Pick<TensorRecord, 'shape' | 'data'>>,
): FloatVae {
  if (config.kind !== 'vae' || config.encoder.type !== 'mlp' || config.decoder.type !== 'mlp') {
    throw new InvalidArgumentError('config', 'must describe an MLP VAE (kind "vae", type "mlp")');
  }
  if (config.likelihood === 'gaussian-learned') {
    throw new InvalidArgumentError('config', 'a learned-variance decoder has no hardware form');
  }
  const encAct = activationOf(config.encoder.activation);
  const decAct = activationOf(config.decoder.activation);
  const hiddenEnc = config.encoder.hidden.map((_, i) => ({
    name: `encoder.fc${i + 1}`,
    activation: encAct,
  }));
  const hiddenDec = config.decoder.hidden.map((_, i) => ({
    name: `decoder.fc${i + 1}`,
    activation: decAct,
  }));
  const trunk = hiddenEnc.length > 0 ? fromParamRecord(record, { layers: hiddenEnc }).layers : [];
  // The two heads read the same features, so they are built one at a time (fromParamRecord
  // checks that consecutive layers chain).
  const head1 = (name: string) =>
    fromParamRecord(record, { layers: [{ name, activation: 'linear' }] }).layers[0]!;
  const mu = head1('encoder.mu');
  const logVar = head1('encoder.logVar');
  const L = mu.outFeatures;
  const inF = mu.inFeatures;
  const weight = new Float64Array(inF * 2 * L);
  for (let i = 0; i < inF; i++) {
    for (let j = 0; j < L; j++) {
      weight[i * 2 * L + j] = mu.weight[i * L + j]!;
      weight[i * 2 * L + L + j] = logVar.weight[i * L + j]!;
    }
  }
  const bias = new Float64Array(2 * L);
  bias.set(mu.bias, 0);
  bias.set(logVar.bias, L);
  const head: FloatLayer = {
    name: 'encoder.head',
    inFeatures: inF,
    outFeatures: 2 * L,
    weight,
    bias,
    activation: 'linear',
  };
  const decoder = fromParamRecord(record, {
    layers: [
      ...hiddenDec,
      {
        name: 'decoder.out',
        activation: config.likelihood === 'bernoulli' ? 'sigmoid' : 'linear',
      },
    ],
  });
  return { encoder: { layers: [...trunk, head] }, decoder };
}
